/**
 * Automatic layout, left to right by tier, with dagre (loaded only when a layout is asked
 * for). Pure apart from the lazy import: the moves it gives go through the document's edit
 * path like any other move, so a layout on demand is one undo step; a document opened
 * without positions is laid out before it is set (`placedForCanvas`), not as an edit.
 */
import type { Scenario } from '../../model';
import { NODE_H, NODE_W } from './placement';

export type Moves = { id: string; position: { x: number; y: number } }[];

/** A document whose nodes all sit on one spot (as one without positions parses) needs a layout. */
export function needsLayout(doc: Scenario): boolean {
  if (doc.nodes.length < 2) return false;
  const first = doc.nodes[0].position;
  return doc.nodes.every((n) => n.position.x === first.x && n.position.y === first.y);
}

type Dagre = typeof import('@dagrejs/dagre');

/** Positions for every node: tiers from left to right in call order, spread vertically. */
export function layoutWith(dagre: Dagre, doc: Scenario): Moves {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) graph.setNode(node.id, { width: NODE_W, height: NODE_H });
  for (const edge of doc.edges) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  return doc.nodes.map((node) => {
    const placed = graph.node(node.id);
    // dagre gives centres; the document keeps top-left corners, on whole pixels.
    return { id: node.id, position: { x: Math.round(placed.x - NODE_W / 2), y: Math.round(placed.y - NODE_H / 2) } };
  });
}

export async function autoLayout(doc: Scenario): Promise<Moves> {
  const dagre = await import('@dagrejs/dagre');
  return layoutWith(dagre, doc);
}

/** `doc` as it should first appear: laid out when its nodes have no positions, else itself. */
export async function placedForCanvas(doc: Scenario): Promise<Scenario> {
  if (!needsLayout(doc)) return doc;
  const byId = new Map((await autoLayout(doc)).map((m) => [m.id, m.position]));
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: byId.get(n.id) ?? n.position })) };
}
