/**
 * What makes a valid document runnable. A document can be valid while someone is still
 * drawing it; the engine refuses to run it and names each problem.
 */
import { kindDefinitions, type Scenario } from '../model';
import { components } from './components';

export function checkRunnable(scenario: Scenario): string[] {
  const problems: string[] = [];
  const out = new Map<string, string[]>();
  const inEdges = new Map<string, string[]>();
  for (const n of scenario.nodes) {
    out.set(n.id, []);
    inEdges.set(n.id, []);
  }
  for (const e of scenario.edges) {
    out.get(e.from)?.push(e.to);
    inEdges.get(e.to)?.push(e.id);
  }

  if (!scenario.nodes.some((n) => n.kind === 'client')) {
    problems.push('there is no client: nothing sends requests (add a client and connect it)');
  }
  for (const n of scenario.nodes) {
    const outs = out.get(n.id)!;
    if (components[n.kind] === null) {
      problems.push(`node "${n.id}" (${kindDefinitions[n.kind].label}): this kind is not simulated yet in this version of archsim`);
    }
    if (n.kind === 'client') {
      if (outs.length === 0) problems.push(`client "${n.id}" has no outgoing edge: connect it to where its requests go`);
      if (outs.length > 1) {
        problems.push(`client "${n.id}" has ${outs.length} outgoing edges: a client sends down a single edge (put a load balancer in between)`);
      }
      const ins = inEdges.get(n.id)!;
      if (ins.length > 0) problems.push(`client "${n.id}" cannot receive calls (edge "${ins[0]}" points at it)`);
    }
    if (n.kind === 'loadBalancer' && outs.length === 0) {
      problems.push(`load balancer "${n.id}" has no outgoing edge: connect it to the servers it spreads requests over`);
    }
    if (n.kind === 'server' && n.config.autoscale !== null) {
      problems.push(`node "${n.id}": autoscale is not simulated yet in this version of archsim (use scaleSchedule)`);
    }
  }
  const cycle = findCycle(scenario.nodes.map((n) => n.id), out);
  if (cycle !== null) {
    problems.push(`the calls form a cycle (${cycle.join(' → ')}): every request would go round it forever`);
  }
  return problems;
}

function findCycle(ids: string[], out: Map<string, string[]>): string[] | null {
  const state = new Map<string, 0 | 1 | 2>(); // 0 new, 1 on the path, 2 done
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 1);
    path.push(id);
    for (const next of out.get(id) ?? []) {
      const s = state.get(next) ?? 0;
      if (s === 1) return [...path.slice(path.indexOf(next)), next];
      if (s === 0) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 2);
    return null;
  };
  for (const id of ids) {
    if ((state.get(id) ?? 0) === 0) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return null;
}
