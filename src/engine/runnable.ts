/**
 * What makes a valid document runnable. A document can be valid while someone is still
 * drawing it; the engine refuses to run it and names each problem. Every pass here is
 * iterative and linear in the document's size.
 */
import type { NodeKind, NodeOf, Scenario, ScenarioEdge } from '../model';
import { engineKindOf, isSimulated, notSimulatedMessage, type NodeWiring } from './components';

export function checkRunnable(scenario: Scenario): string[] {
  const problems: string[] = [];
  const wiring = new Map<string, { out: ScenarioEdge[]; in: ScenarioEdge[] }>();
  for (const n of scenario.nodes) wiring.set(n.id, { out: [], in: [] });
  for (const e of scenario.edges) {
    wiring.get(e.from)?.out.push(e);
    wiring.get(e.to)?.in.push(e);
  }

  if (!scenario.nodes.some((n) => n.kind === 'client')) {
    problems.push('there is no client: nothing sends requests (add a client and connect it)');
  }
  for (const n of scenario.nodes) {
    if (!isSimulated(n.kind)) problems.push(notSimulatedMessage(n.id, n.kind));
    problems.push(...engineKindOf(n as NodeOf<NodeKind>).check(n as never, wiring.get(n.id) as NodeWiring));
  }
  const cycle = findCycle(scenario, wiring);
  if (cycle !== null) {
    problems.push(`the calls form a cycle (${cycle.join(' → ')}): every request would go round it forever`);
  }
  problems.push(...checkFaultInstances(scenario));
  return problems;
}

/** A fault on instance i needs a node that has an instance i at some point of the run. */
function checkFaultInstances(scenario: Scenario): string[] {
  const problems: string[] = [];
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  scenario.faults.forEach((f, i) => {
    if (f.instance === undefined) return;
    const node = nodes.get(f.target);
    if (node === undefined) return; // an edge fault: the schema refuses an instance there
    const max = engineKindOf(node as NodeOf<NodeKind>).maxInstances(node as never);
    if (f.instance >= max) {
      problems.push(
        `faults[${i}].instance: node "${node.id}" never has an instance ${f.instance} (its instances are numbered 0 to ${max - 1})`,
      );
    }
  });
  return problems;
}

/**
 * A cycle of calls, as the list of node ids round it (first repeated at the end), or null.
 * Depth-first search with an explicit stack: a chain of thousands of nodes is no deeper
 * for it.
 */
function findCycle(scenario: Scenario, wiring: Map<string, { out: ScenarioEdge[] }>): string[] | null {
  const NEW = 0;
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Map<string, number>();
  const path: string[] = [];
  const nextEdge: number[] = [];
  for (const root of scenario.nodes) {
    if ((state.get(root.id) ?? NEW) !== NEW) continue;
    state.set(root.id, ON_PATH);
    path.push(root.id);
    nextEdge.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const out = wiring.get(path[top])?.out ?? [];
      if (nextEdge[top] === out.length) {
        state.set(path[top], DONE);
        path.pop();
        nextEdge.pop();
        continue;
      }
      const next = out[nextEdge[top]++].to;
      const s = state.get(next) ?? NEW;
      if (s === ON_PATH) return [...path.slice(path.indexOf(next)), next];
      if (s === NEW && wiring.has(next)) {
        state.set(next, ON_PATH);
        path.push(next);
        nextEdge.push(0);
      }
    }
  }
  return null;
}
