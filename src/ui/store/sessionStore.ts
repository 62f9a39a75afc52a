/**
 * The UI session slice: selection, clipboard, menus, notices, the run speed. Not saved, not
 * undoable.
 */
import { create } from 'zustand';
import type { NodeKind } from '../../model';
import type { Clip } from '../edit/clipboard';
import type { Speed } from '../../worker/protocol';

export interface Selection {
  nodeIds: string[];
  edgeIds: string[];
}

/** The element a context menu is open for, and where (screen coordinates). */
export interface MenuRequest {
  type: 'node' | 'edge';
  id: string;
  x: number;
  y: number;
}

interface SessionState {
  selection: Selection;
  /** A selection the canvas should make (after a paste, an add, select all), then clear. */
  selectRequest: Selection | null;
  /** What Ctrl+C copied, and how many times it was pasted (each paste lands a step further). */
  clip: Clip | null;
  pastes: number;
  /** A one-line notice for the user (e.g. why a connection was refused). */
  notice: string | null;
  /** The speed Play runs at. */
  speed: Speed;
  /** The node kinds the engine simulates (from the worker); null until it answers. */
  simulatedKinds: readonly NodeKind[] | null;
  menu: MenuRequest | null;
  helpOpen: boolean;
  /** The explainer's panel is open (it shows only while a run has data). */
  explainerOpen: boolean;
  /** Narrow screens: the palette and inspector can fold away to give the canvas room. */
  paletteOpen: boolean;
  inspectorOpen: boolean;
  setExplainerOpen(open: boolean): void;
  setPanels(panels: { paletteOpen?: boolean; inspectorOpen?: boolean }): void;
  setSpeed(speed: Speed): void;
  select(selection: Selection): void;
  requestSelection(selection: Selection): void;
  setClip(clip: Clip | null): void;
  setNotice(notice: string | null): void;
  openMenu(menu: MenuRequest | null): void;
  setHelpOpen(open: boolean): void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export const useSession = create<SessionState>()((set, get) => ({
  selection: { nodeIds: [], edgeIds: [] },
  selectRequest: null,
  clip: null,
  pastes: 0,
  notice: null,
  speed: 1,
  simulatedKinds: null,
  menu: null,
  helpOpen: false,
  explainerOpen: true,
  // A laptop screen starts with the palette folded into its rail of badges: the canvas needs the room.
  paletteOpen: typeof window === 'undefined' || window.innerWidth >= 1280,
  inspectorOpen: true,
  setExplainerOpen(explainerOpen) {
    set({ explainerOpen });
  },
  setPanels(panels) {
    set(panels);
  },
  setSpeed(speed) {
    set({ speed });
  },
  select(selection) {
    const current = get().selection;
    if (sameIds(current.nodeIds, selection.nodeIds) && sameIds(current.edgeIds, selection.edgeIds)) return;
    set({ selection });
  },
  requestSelection(selection) {
    set({ selectRequest: selection });
  },
  setClip(clip) {
    set({ clip, pastes: 0 });
  },
  setNotice(notice) {
    set({ notice });
  },
  openMenu(menu) {
    set({ menu });
  },
  setHelpOpen(helpOpen) {
    set({ helpOpen });
  },
}));

/** The one selected node or edge, or null when none or several are selected. */
export function singleSelection(s: Selection): { type: 'node' | 'edge'; id: string } | null {
  if (s.nodeIds.length === 1 && s.edgeIds.length === 0) return { type: 'node', id: s.nodeIds[0] };
  if (s.edgeIds.length === 1 && s.nodeIds.length === 0) return { type: 'edge', id: s.edgeIds[0] };
  return null;
}
