/** The UI session slice: what is selected and short-lived notices. Not saved, not undoable. */
import { create } from 'zustand';
import type { Speed } from '../../worker/protocol';

export interface Selection {
  nodeIds: string[];
  edgeIds: string[];
}

interface SessionState {
  selection: Selection;
  /** A one-line notice for the user (e.g. why a connection was refused). */
  notice: string | null;
  /** The speed Play runs at. */
  speed: Speed;
  setSpeed(speed: Speed): void;
  /** A node just added that the canvas should select once it appears. */
  pendingSelect: string | null;
  requestSelect(id: string | null): void;
  select(selection: Selection): void;
  setNotice(notice: string | null): void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export const useSession = create<SessionState>()((set, get) => ({
  selection: { nodeIds: [], edgeIds: [] },
  notice: null,
  speed: 10,
  pendingSelect: null,
  requestSelect(id) {
    set({ pendingSelect: id });
  },
  setSpeed(speed) {
    set({ speed });
  },
  select(selection) {
    const current = get().selection;
    if (sameIds(current.nodeIds, selection.nodeIds) && sameIds(current.edgeIds, selection.edgeIds)) return;
    set({ selection });
  },
  setNotice(notice) {
    set({ notice });
  },
}));

/** The one selected node or edge, or null when none or several are selected. */
export function singleSelection(s: Selection): { type: 'node' | 'edge'; id: string } | null {
  if (s.nodeIds.length === 1 && s.edgeIds.length === 0) return { type: 'node', id: s.nodeIds[0] };
  if (s.edgeIds.length === 1 && s.nodeIds.length === 0) return { type: 'edge', id: s.edgeIds[0] };
  return null;
}
