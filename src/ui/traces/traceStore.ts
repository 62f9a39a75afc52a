/**
 * Request traces in the app: whether the run records them, and which request's waterfall is
 * asked for (a moment of the latency chart, or the list of the slowest). The dialog that shows
 * them loads when first opened.
 */
import { create } from 'zustand';
import { simulation } from '../store/simulation';

/** A moment of the run: a point of the latency chart, the end of a window `windowMs` long. */
export interface TraceMoment {
  tMs: number;
  windowMs: number;
}

interface TraceUiState {
  tracing: boolean;
  /** The traces dialog is open, at a moment (null: the slowest request of all). */
  open: { at: TraceMoment | null } | null;
}

export const useTraces = create<TraceUiState>()(() => ({ tracing: false, open: null }));

export async function setTracing(on: boolean): Promise<void> {
  useTraces.setState({ tracing: on });
  await simulation.setTracing(on);
}

export function openTraces(at: TraceMoment | null = null): void {
  useTraces.setState({ open: { at } });
}

export function closeTraces(): void {
  useTraces.setState({ open: null });
}
