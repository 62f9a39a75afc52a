/**
 * The document slice: the Scenario being edited, where it came from, and its undo history.
 * Every edit is a typed change (`edit/changes.ts`) that goes through `edit/editor.ts`: applied
 * by a pure function, validated by the model's `parseScenario` (one schema, one change path),
 * recorded for undo. An invalid value never enters the document: the edit gives the field
 * errors instead. Saving is `persistence.ts`'s job; opening another design goes through
 * `loadDocument` (called by `library/openDesign.ts` and the startup).
 */
import { create } from 'zustand';
import { createNode, nextId, type NodeKind, type Scenario } from '../../model';
import { batch, edgeTarget, nodeTarget, scenarioTarget, type ChangePath, type ChangeTarget, type DocChange, type XY } from '../edit/changes';
import { freshEdgeId } from '../edit/clipboard';
import {
  edit,
  redo as redoStep,
  undo as undoStep,
  type EditOptions,
  type EditResult,
} from '../edit/editor';
import { canRedo, canUndo, closeGroup, EMPTY_HISTORY, type History } from '../edit/history';
import { connectionProblem } from '../edit/wiring';
import { defaultScenario } from './defaultScenario';

export type { EditResult } from '../edit/editor';
export type { XY } from '../edit/changes';

export interface FieldError {
  path: string;
  message: string;
}

/** Where the document on the canvas came from. */
export type DocumentOrigin = 'default' | 'autosave' | 'library' | 'link' | 'gallery' | 'import' | 'new';

/** Snap new and moved nodes to this grid (the canvas snaps drags to it too). */
export const GRID = 20;

const snap = (v: number) => Math.round(v / GRID) * GRID;

interface DocumentState {
  scenario: Scenario;
  origin: DocumentOrigin;
  /** The undo history of the design on the canvas (it starts empty when a design is opened). */
  history: History;
  /** The embed view (`#s=…&embed=1`): the document can be looked at and run, never edited. */
  readOnly: boolean;

  /** The one edit path: applies `change` when the result is valid, as one undo step. */
  apply(change: DocChange, options: EditOptions): EditResult;
  undo(): boolean;
  /** Leaving a field ends its burst of typing: what is typed after comes back as its own step. */
  endGroup(): void;
  redo(): boolean;
  /**
   * Replaces the whole document with another design (a link, the gallery, a file, the
   * library): not an edit of this one, so not an undo step. The history starts anew: an undo
   * would otherwise write the previous design's content into the one just opened. The caller
   * has already validated it and kept the current work (see ui/library/openDesign.ts).
   */
  loadDocument(scenario: Scenario, origin: DocumentOrigin): void;

  addNode(kind: NodeKind, position: XY): string | null;
  moveNodes(moves: readonly { id: string; position: XY }[], group?: string): void;
  removeElements(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  /** Draws a call, or refuses a wiring that makes no sense with the reason. */
  connect(from: string, to: string): EditResult;
  /** Sets one field; `group` merges a burst of typing into one undo step. */
  setField(target: ChangeTarget, path: ChangePath, value: unknown, group?: string): EditResult;
}

function describeSet(path: ChangePath): string {
  return `set ${path.filter((p) => p !== 'config').join('.')}`;
}

export const useDocument = create<DocumentState>()((set, get) => {
  function apply(change: DocChange, options: EditOptions): EditResult {
    const { scenario, history, readOnly } = get();
    if (readOnly) return { ok: false, errors: [{ path: '(document)', message: 'this view is read-only' }] };
    const outcome = edit({ scenario, history }, change, options);
    if (outcome.result.ok && outcome.state.scenario !== scenario) set(outcome.state);
    else if (outcome.result.ok && outcome.state.history !== history) set({ history: outcome.state.history });
    return outcome.result;
  }

  return {
    scenario: defaultScenario(),
    origin: 'default',
    history: EMPTY_HISTORY,
    readOnly: false,
    apply,

    endGroup() {
      const { history } = get();
      const closed = closeGroup(history);
      if (closed !== history) set({ history: closed });
    },

    undo() {
      const { scenario, history, readOnly } = get();
      if (readOnly) return false;
      const back = undoStep({ scenario, history });
      if (back) set(back);
      return back !== null;
    },

    redo() {
      const { scenario, history, readOnly } = get();
      if (readOnly) return false;
      const forward = redoStep({ scenario, history });
      if (forward) set(forward);
      return forward !== null;
    },

    loadDocument(scenario, origin) {
      set({ scenario, origin, history: EMPTY_HISTORY });
    },

    addNode(kind, position) {
      const s = get().scenario;
      const id = nextId(kind, [...s.nodes.map((n) => n.id), ...s.edges.map((e) => e.id)]);
      const node = createNode(kind, id, { x: snap(position.x), y: snap(position.y) });
      const result = apply({ type: 'insert', nodes: [{ item: node }], edges: [], faults: [] }, { label: `add ${id}` });
      return result.ok ? id : null;
    },

    moveNodes(moves, group) {
      if (moves.length === 0) return;
      const rounded = moves.map((m) => ({ id: m.id, position: { x: Math.round(m.position.x), y: Math.round(m.position.y) } }));
      apply({ type: 'move', moves: rounded }, { label: moves.length === 1 ? `move ${moves[0].id}` : `move ${moves.length} nodes`, group });
    },

    removeElements(nodeIds, edgeIds) {
      if (nodeIds.length === 0 && edgeIds.length === 0) return;
      const count = nodeIds.length + edgeIds.length;
      apply({ type: 'remove', nodeIds, edgeIds }, { label: count === 1 ? `delete ${nodeIds[0] ?? edgeIds[0]}` : `delete ${count} elements` });
    },

    connect(from, to) {
      const s = get().scenario;
      const problem = connectionProblem(s, from, to);
      if (problem) return { ok: false, errors: [{ path: 'edges', message: problem }] };
      const taken = new Set([...s.nodes.map((n) => n.id), ...s.edges.map((e) => e.id)]);
      const edge = { id: freshEdgeId(taken), from, to, config: {} } as Scenario['edges'][number];
      return apply({ type: 'insert', nodes: [], edges: [{ item: edge }], faults: [] }, { label: `connect ${from} → ${to}` });
    },

    setField(target, path, value, group) {
      return apply({ type: 'set', target, path, value }, { label: describeSet(path), group });
    },
  };
});

export const selectCanUndo = (s: DocumentState) => canUndo(s.history);
export const selectCanRedo = (s: DocumentState) => canRedo(s.history);

/** Errors of a commit that concern one field, by path prefix (e.g. `nodes[2].config.rps`). */
export function errorsAt(errors: readonly FieldError[], path: string): FieldError[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}

export { batch, edgeTarget, nodeTarget, scenarioTarget };
