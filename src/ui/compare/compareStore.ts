/**
 * A/B compare mode: the user's design is A; "Compare" makes B, a copy of A with the same ids
 * (so each component draws the same random stream in both: common random numbers). The
 * canvas and inspector edit one of them at a time through the one document store; the other
 * waits here with its own undo history. A is the user's work throughout: autosave keeps A
 * (persistence.ts asks {@link workScenario}), and leaving compare puts A back as it was.
 */
import { create } from 'zustand';
import { cloneJson } from '../../model/cloneJson';
import type { Scenario } from '../../model';
import type { History } from '../edit/history';
import { EMPTY_HISTORY } from '../edit/history';
import { useDocument } from '../store/documentStore';
import { useSession } from '../store/sessionStore';

export type DesignSide = 'A' | 'B';

interface Parked {
  scenario: Scenario;
  history: History;
}

interface CompareState {
  active: boolean;
  /** Which design the canvas and inspector edit now. */
  editing: DesignSide;
  /** The design not on the canvas (B while editing A, A while editing B). */
  parked: Parked | null;
}

export const useCompare = create<CompareState>()(() => ({ active: false, editing: 'A', parked: null }));

/** The user's own design (A), wherever it is now: what autosave keeps. */
export function workScenario(): Scenario {
  const { active, editing, parked } = useCompare.getState();
  return active && editing === 'B' && parked ? parked.scenario : useDocument.getState().scenario;
}

/** Both designs as they are now. */
export function designs(): { a: Scenario; b: Scenario } | null {
  const { active, editing, parked } = useCompare.getState();
  if (!active || !parked) return null;
  const current = useDocument.getState().scenario;
  return editing === 'A' ? { a: current, b: parked.scenario } : { a: parked.scenario, b: current };
}

/** Starts comparing: B is a copy of A and goes on the canvas to be changed. */
export function enterCompare(): void {
  const { active } = useCompare.getState();
  const doc = useDocument.getState();
  if (active || doc.readOnly) return;
  const b: Scenario = { ...cloneJson(doc.scenario), name: `${doc.scenario.name} (B)` };
  useCompare.setState({ active: true, editing: 'B', parked: { scenario: doc.scenario, history: doc.history } });
  useDocument.setState({ scenario: b, history: EMPTY_HISTORY });
  useSession.getState().select({ nodeIds: [], edgeIds: [] });
}

/** Puts A or B on the canvas; the other is parked with its undo history. */
export function editDesign(side: DesignSide): void {
  const { active, editing, parked } = useCompare.getState();
  if (!active || !parked || editing === side) return;
  const doc = useDocument.getState();
  useDocument.getState().endGroup();
  useCompare.setState({ editing: side, parked: { scenario: doc.scenario, history: useDocument.getState().history } });
  useDocument.setState({ scenario: parked.scenario, history: parked.history });
}

/** Back to A alone, as it was (B is dropped). */
export function leaveCompare(): void {
  const { active } = useCompare.getState();
  if (!active) return;
  editDesign('A');
  useCompare.setState({ active: false, editing: 'A', parked: null });
}
