/**
 * Wirings that make no sense are refused as they are drawn, with the reason; nodes that
 * nothing calls are flagged. (The engine also refuses such a document; this says it earlier,
 * at the handle.)
 */
import { kindDefinitions, type Scenario } from '../../model';
import { uiKind } from '../kinds';

/** Why `from → to` cannot be drawn, or null when it can. */
export function connectionProblem(doc: Scenario, from: string, to: string): string | null {
  const source = doc.nodes.find((n) => n.id === from);
  const target = doc.nodes.find((n) => n.id === to);
  if (!source || !target) return `no node with id "${!source ? from : to}"`;
  if (from === to) return 'a node cannot call itself';
  if (!uiKind(target.kind).receivesCalls) {
    return `a ${kindDefinitions[target.kind].label.toLowerCase()} only sends requests: "${to}" cannot receive calls`;
  }
  if (doc.edges.some((e) => e.from === from && e.to === to)) return `"${from}" already calls "${to}"`;
  if (source.kind === 'client') {
    const existing = doc.edges.find((e) => e.from === from);
    if (existing) {
      return `a client sends down a single edge: "${from}" already calls "${existing.to}" (put a load balancer in between)`;
    }
  }
  const back = pathBetween(doc, to, from);
  if (back) return `it would close a cycle (${[...back, to].join(' → ')}): every request would go round it forever`;
  return null;
}

/** A path of node ids from `start` to `goal` along the edges, or null. Iterative (no recursion on input). */
function pathBetween(doc: Scenario, start: string, goal: string): string[] | null {
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    if (id === goal) {
      const path: string[] = [];
      for (let at: string | null = id; at !== null; at = cameFrom.get(at) ?? null) path.push(at);
      return path.reverse();
    }
    for (const next of out.get(id) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, id);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Nodes that receive calls (all but sources such as clients) that no edge calls: they would never see a request. */
export function uncalledNodes(doc: Scenario): Set<string> {
  const called = new Set(doc.edges.map((e) => e.to));
  return new Set(doc.nodes.filter((n) => uiKind(n.kind).receivesCalls && !called.has(n.id)).map((n) => n.id));
}
