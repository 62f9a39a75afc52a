/**
 * What the explainer's rules look at: the design (each node's configuration) and the run's
 * live state (the canvas's smoothed view of the latest frames), with each node's calls in and out.
 */
import type { NodeKind, NodeOf, Scenario, ScenarioEdge } from '../../model';
import type { LiveEdge, LiveNode } from '../store/liveState';

export interface ExplainContext {
  simTimeMs: number;
  nodes: Readonly<Record<string, LiveNode>>;
  edges: Readonly<Record<string, LiveEdge>>;
  /** The design's nodes by id, and its edges by id. */
  design: ReadonlyMap<string, NodeOf<NodeKind>>;
  edgeById: ReadonlyMap<string, ScenarioEdge>;
  /** Edge ids into and out of each node. */
  inEdges: ReadonlyMap<string, readonly string[]>;
  outEdges: ReadonlyMap<string, readonly string[]>;
}

export function explainContext(
  scenario: Scenario,
  simTimeMs: number,
  nodes: Readonly<Record<string, LiveNode>>,
  edges: Readonly<Record<string, LiveEdge>>,
): ExplainContext {
  const design = new Map<string, NodeOf<NodeKind>>();
  for (const n of scenario.nodes) design.set(n.id, n as NodeOf<NodeKind>);
  const edgeById = new Map<string, ScenarioEdge>();
  const inEdges = new Map<string, string[]>();
  const outEdges = new Map<string, string[]>();
  for (const e of scenario.edges) {
    edgeById.set(e.id, e);
    (inEdges.get(e.to) ?? inEdges.set(e.to, []).get(e.to)!).push(e.id);
    (outEdges.get(e.from) ?? outEdges.set(e.from, []).get(e.from)!).push(e.id);
  }
  return { simTimeMs, nodes, edges, design, edgeById, inEdges, outEdges };
}

/** Answers per second that came back on the edges into `node`, by outcome. */
export function answersInto(ctx: ExplainContext, node: string): { ok: number; error: number; rejected: number; timeout: number; all: number } {
  const sum = { ok: 0, error: 0, rejected: 0, timeout: 0, all: 0 };
  for (const id of ctx.inEdges.get(node) ?? []) {
    const e = ctx.edges[id];
    if (!e) continue;
    sum.ok += e.okPerSec;
    sum.error += e.errorPerSec;
    sum.rejected += e.rejectedPerSec;
    sum.timeout += e.timeoutPerSec;
  }
  sum.all = sum.ok + sum.error + sum.rejected + sum.timeout;
  return sum;
}

/** The node of kind `kind` with this id, or undefined. */
export function nodeOfKind<K extends NodeKind>(ctx: ExplainContext, id: string, kind: K): NodeOf<K> | undefined {
  const n = ctx.design.get(id);
  return n && n.kind === kind ? (n as NodeOf<K>) : undefined;
}

export function edgeName(ctx: ExplainContext, id: string): string {
  const e = ctx.edgeById.get(id);
  return e ? `${e.from} → ${e.to}` : id;
}
