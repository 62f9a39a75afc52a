/**
 * The document slice: the Scenario being edited. Every edit builds a candidate document and
 * goes through the model's `parseScenario` (one schema, one change path), so an invalid value
 * never enters the document: the edit returns the field errors instead. Saving is
 * `persistence.ts`'s job; opening another design goes through `loadDocument`.
 */
import { create } from 'zustand';
import { createNode, nextId, parseScenario, type NodeKind, type Scenario } from '../../model';
import { defaultScenario } from './defaultScenario';

export interface FieldError {
  path: string;
  message: string;
}

export type EditResult = { ok: true } | { ok: false; errors: FieldError[] };

export interface XY {
  x: number;
  y: number;
}

/** Where the document on the canvas came from. */
export type DocumentOrigin = 'default' | 'autosave' | 'library' | 'link' | 'gallery' | 'import' | 'new';

interface DocumentState {
  scenario: Scenario;
  origin: DocumentOrigin;
  /**
   * Replaces the whole document with another design (a link, the gallery, a file, the
   * library): not an edit of this one. The caller has already validated it and kept the
   * current work (see ui/library/openDesign.ts).
   */
  loadDocument(scenario: Scenario, origin: DocumentOrigin): void;
  /** Validates `candidate` and, when valid, makes it the document. */
  commit(candidate: unknown): EditResult;
  addNode(kind: NodeKind, position: XY): string | null;
  moveNodes(moves: { id: string; position: XY }[]): void;
  removeElements(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  connect(from: string, to: string): EditResult;
  updateNode(id: string, patch: { label?: string; config?: Record<string, unknown> }): EditResult;
  updateEdgeConfig(id: string, patch: Record<string, unknown>): EditResult;
  updateScenario(patch: Record<string, unknown>): EditResult;
}

type AnyNode = Scenario['nodes'][number];
type AnyEdge = Scenario['edges'][number];

/** The first `prefix<n>` not used by any node or edge (ids are unique among both). */
export function freshId(prefix: string, scenario: Scenario): string {
  const taken = new Set<string>([...scenario.nodes.map((n) => n.id), ...scenario.edges.map((e) => e.id)]);
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export const useDocument = create<DocumentState>()((set, get) => {
  function commit(candidate: unknown): EditResult {
    const result = parseScenario(candidate);
    if (!result.ok) return { ok: false, errors: result.errors };
    set({ scenario: result.scenario });
    return { ok: true };
  }

  function withNodes(nodes: AnyNode[], edges?: AnyEdge[]): unknown {
    const s = get().scenario;
    return { ...s, nodes, edges: edges ?? s.edges };
  }

  return {
    scenario: defaultScenario(),
    origin: 'default',
    commit,

    loadDocument(scenario, origin) {
      set({ scenario, origin });
    },

    addNode(kind, position) {
      const s = get().scenario;
      const ids = [...s.nodes.map((n) => n.id), ...s.edges.map((e) => e.id)];
      const id = nextId(kind, ids);
      const node = createNode(kind, id, { x: Math.round(position.x), y: Math.round(position.y) });
      return commit(withNodes([...s.nodes, node])).ok ? id : null;
    },

    moveNodes(moves) {
      if (moves.length === 0) return;
      const byId = new Map(moves.map((m) => [m.id, m.position]));
      const s = get().scenario;
      const nodes = s.nodes.map((n) => {
        const p = byId.get(n.id);
        return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
      });
      commit(withNodes(nodes));
    },

    removeElements(nodeIds, edgeIds) {
      if (nodeIds.length === 0 && edgeIds.length === 0) return;
      const s = get().scenario;
      const goneNodes = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      const edges = s.edges.filter((e) => !goneEdges.has(e.id) && !goneNodes.has(e.from) && !goneNodes.has(e.to));
      const kept = new Set(edges.map((e) => e.id));
      const removed = new Set([...goneNodes, ...s.edges.filter((e) => !kept.has(e.id)).map((e) => e.id)]);
      // A scheduled fault on something that is gone would make the document invalid.
      const faults = (s.faults ?? []).filter((f) => !removed.has(f.target));
      commit({ ...s, nodes: s.nodes.filter((n) => !goneNodes.has(n.id)), edges, faults });
    },

    connect(from, to) {
      const s = get().scenario;
      if (from === to) return { ok: false, errors: [{ path: 'edges', message: 'a node cannot call itself' }] };
      if (s.edges.some((e) => e.from === from && e.to === to)) {
        return { ok: false, errors: [{ path: 'edges', message: `${from} already calls ${to}` }] };
      }
      const edge = { id: freshId('e', s), from, to };
      return commit({ ...s, edges: [...s.edges, edge] });
    },

    updateNode(id, patch) {
      const s = get().scenario;
      const nodes = s.nodes.map((n) => {
        if (n.id !== id) return n;
        const next: Record<string, unknown> = { ...n };
        if (patch.label !== undefined) {
          if (patch.label === '') delete next.label;
          else next.label = patch.label;
        }
        if (patch.config) next.config = { ...n.config, ...patch.config };
        return next as AnyNode;
      });
      return commit(withNodes(nodes));
    },

    updateEdgeConfig(id, patch) {
      const s = get().scenario;
      const edges = s.edges.map((e) => (e.id === id ? { ...e, config: { ...(e.config ?? {}), ...patch } } : e));
      return commit({ ...s, edges });
    },

    updateScenario(patch) {
      return commit({ ...get().scenario, ...patch });
    },
  };
});

/** Errors of a commit that concern one field, by path prefix (e.g. `nodes[2].config.rps`). */
export function errorsAt(errors: readonly FieldError[], path: string): string[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`)).map((e) => e.message);
}
