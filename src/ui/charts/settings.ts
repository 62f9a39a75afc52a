/** The charts' own settings: the smoothing window. Session state, not saved. */
import { create } from 'zustand';

export const useChartSettings = create<{ smoothingS: number; setSmoothing(s: number): void }>()((set) => ({
  smoothingS: 0,
  setSmoothing: (smoothingS) => set({ smoothingS }),
}));
