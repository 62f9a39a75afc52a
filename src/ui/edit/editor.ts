/**
 * The edit path of the document, framework-free: apply a typed change, validate the result
 * against the model's one schema, keep it only when valid, and record it for undo. The store
 * (`store/documentStore.ts`) is a thin zustand wrapper around these functions.
 */
import { parseScenario, type FieldError, type Scenario } from '../../model';
import { applyChange, ChangeError } from './applyChange';
import type { DocChange } from './changes';
import { EMPTY_HISTORY, record, recordInto, type History, type HistoryEntry } from './history';

export interface EditorState {
  scenario: Scenario;
  history: History;
}

export type EditResult = { ok: true } | { ok: false; errors: FieldError[] };

export interface EditOptions {
  /** What the step does, in a few words ("set replicas", "paste 2 nodes"). */
  label: string;
  /** Changes of one group in quick succession are one undo step (see `history.ts`). */
  group?: string;
  /** Merge into the step on top, whatever its group and age (a layout that follows a load). */
  mergeIntoLast?: boolean;
  /** Wall time, ms (for grouping); `Date.now()` when absent. */
  now?: number;
}

export function initialEditorState(scenario: Scenario): EditorState {
  return { scenario, history: EMPTY_HISTORY };
}

/**
 * Keeps the objects of nodes, edges and faults that did not change, so views keyed on
 * identity re-render only what changed (parsing builds every object anew).
 */
function reuseUnchanged(before: Scenario, after: Scenario): Scenario {
  const keep = <T extends object>(old: readonly T[], next: T[], key: (x: T) => string): T[] => {
    const byKey = new Map(old.map((x) => [key(x), x]));
    let same = old.length === next.length;
    const out = next.map((x, i) => {
      const previous = byKey.get(key(x));
      const reused = previous !== undefined && JSON.stringify(previous) === JSON.stringify(x) ? previous : x;
      if (reused !== old[i]) same = false;
      return reused;
    });
    return same ? (old as T[]) : out;
  };
  return {
    ...after,
    nodes: keep(before.nodes, after.nodes, (n) => n.id),
    edges: keep(before.edges, after.edges, (e) => e.id),
    faults: keep(before.faults, after.faults, (f) => JSON.stringify(f)),
  };
}

type Attempt = { ok: true; scenario: Scenario; inverse: DocChange } | { ok: false; errors: FieldError[] };

function attempt(scenario: Scenario, change: DocChange): Attempt {
  let applied;
  try {
    applied = applyChange(scenario, change);
  } catch (error) {
    if (error instanceof ChangeError) return { ok: false, errors: [{ path: '(change)', message: error.message }] };
    throw error;
  }
  const parsed = parseScenario(applied.scenario);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, scenario: reuseUnchanged(scenario, parsed.scenario), inverse: applied.inverse };
}

/**
 * Applies `change` when the result is a valid document and records it as an undo step.
 * An invalid result leaves the state as it was and gives the field errors.
 */
export function edit(state: EditorState, change: DocChange, options: EditOptions): { state: EditorState; result: EditResult } {
  const result = attempt(state.scenario, change);
  if (!result.ok) return { state, result };
  if (JSON.stringify(result.scenario) === JSON.stringify(state.scenario)) return { state, result: { ok: true } };
  const entry: HistoryEntry = { change, inverse: result.inverse, label: options.label, group: options.group, at: options.now ?? Date.now() };
  const history = options.mergeIntoLast ? recordInto(state.history, entry) : record(state.history, entry);
  return { state: { scenario: result.scenario, history }, result: { ok: true } };
}

/** The state one step back, or null when there is nothing to undo. */
export function undo(state: EditorState): EditorState | null {
  const entry = state.history.past[state.history.past.length - 1];
  if (!entry) return null;
  const result = attempt(state.scenario, entry.inverse);
  // An inverse leads back to a document that was valid; anything else is a bug worth seeing.
  if (!result.ok) throw new Error(`undo of "${entry.label}" failed: ${JSON.stringify(result.errors)}`);
  return {
    scenario: result.scenario,
    history: { past: state.history.past.slice(0, -1), future: [...state.history.future, entry] },
  };
}

/** The state one step forward again, or null when there is nothing to redo. */
export function redo(state: EditorState): EditorState | null {
  const entry = state.history.future[state.history.future.length - 1];
  if (!entry) return null;
  const result = attempt(state.scenario, entry.change);
  if (!result.ok) throw new Error(`redo of "${entry.label}" failed: ${JSON.stringify(result.errors)}`);
  const redone: HistoryEntry = { ...entry, inverse: result.inverse };
  return {
    scenario: result.scenario,
    history: { past: [...state.history.past, redone], future: state.history.future.slice(0, -1) },
  };
}
