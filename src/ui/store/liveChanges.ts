/**
 * What a document edit means for a simulation that is already running: nothing (a move, a
 * label), live changes the engine applies at the current simulated time (SPEC §5: rps, replicas,
 * algorithm), or a structural change that needs a new run.
 */
import type { Scenario } from '../../model';
import type { LiveChange } from '../../worker/protocol';

export type SimulationDiff = { kind: 'same' } | { kind: 'live'; changes: LiveChange[] } | { kind: 'structural' };

/** The config field each kind can change live, and the change it becomes. */
const LIVE_FIELDS: Record<string, { field: string; change: (node: string, value: unknown) => LiveChange }> = {
  client: { field: 'rps', change: (node, value) => ({ type: 'setRps', node, rps: value as number }) },
  server: { field: 'replicas', change: (node, value) => ({ type: 'setReplicas', node, replicas: value as number }) },
  loadBalancer: {
    field: 'algorithm',
    change: (node, value) => ({ type: 'setAlgorithm', node, algorithm: value as string }),
  },
};

/** The document without what does not affect the simulation, or can change live. */
function simulated(scenario: Scenario): string {
  const nodes = scenario.nodes.map((n) => {
    const config: Record<string, unknown> = { ...(n.config as Record<string, unknown>) };
    const live = LIVE_FIELDS[n.kind];
    if (live) delete config[live.field];
    return { id: n.id, kind: n.kind, config };
  });
  const { name: _name, description: _description, ...rest } = scenario as Scenario & { description?: string };
  return JSON.stringify({ ...rest, nodes });
}

export function simulationDiff(from: Scenario, to: Scenario): SimulationDiff {
  if (from === to) return { kind: 'same' };
  if (simulated(from) !== simulated(to)) return { kind: 'structural' };
  const changes: LiveChange[] = [];
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  for (const node of to.nodes) {
    const live = LIVE_FIELDS[node.kind];
    const old = before.get(node.id);
    if (!live || !old) continue;
    const value = (node.config as Record<string, unknown>)[live.field];
    if (value !== (old.config as Record<string, unknown>)[live.field]) changes.push(live.change(node.id, value));
  }
  return changes.length > 0 ? { kind: 'live', changes } : { kind: 'same' };
}
