/**
 * Copy, paste and duplicate: nodes with the edges between them, pasted with fresh ids.
 * Pure functions; the clip itself lives in the session (see `store/sessionStore.ts`).
 */
import { nextId, renameNodeRefs, type Scenario, type ScenarioEdge, type ScenarioNode } from '../../model';
import type { DocChange, XY } from './changes';

/** What Ctrl+C keeps: copied nodes and the edges among them (an edge to outside is not copied). */
export interface Clip {
  nodes: ScenarioNode[];
  edges: ScenarioEdge[];
}

export function copyNodes(doc: Scenario, nodeIds: readonly string[]): Clip | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  return { nodes, edges };
}

/** The first `e<n>` free among every id of the document (ids are one namespace). */
export function freshEdgeId(taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`e${n}`)) return `e${n}`;
}

/**
 * The change that pastes `clip` shifted by `offset`, with fresh ids (`server-3`, `e7`), and
 * the new node ids (to select them). Gateway routes (any field naming a node) between pasted
 * nodes follow the new ids.
 */
export function pasteChange(doc: Scenario, clip: Clip, offset: XY): { change: DocChange; nodeIds: string[] } {
  const taken = new Set<string>([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
  const rename = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = nextId(node.kind, taken);
    taken.add(id);
    rename.set(node.id, id);
  }
  const nodes = clip.nodes.map((node): ScenarioNode => {
    const position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
    return renameNodeRefs({ ...node, id: rename.get(node.id)!, position }, (to) => rename.get(to) ?? to);
  });
  const edges = clip.edges.map((edge): ScenarioEdge => {
    const id = freshEdgeId(taken);
    taken.add(id);
    return { ...edge, id, from: rename.get(edge.from)!, to: rename.get(edge.to)! };
  });
  return {
    change: { type: 'insert', nodes: nodes.map((item) => ({ item })), edges: edges.map((item) => ({ item })), faults: [] },
    nodeIds: nodes.map((n) => n.id),
  };
}
