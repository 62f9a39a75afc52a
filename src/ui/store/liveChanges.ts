/**
 * What a document edit means for a simulation that is already running: nothing (a move, a
 * label), live changes the engine applies at the current simulated time (the fields each kind's
 * UI descriptor marks `live`: rps, replicas, algorithm), or a structural change that needs a
 * new run.
 */
import type { NodeConfig, NodeKind, Scenario } from '../../model';
import type { LiveChange } from '../../worker/protocol';
import { uiKind } from '../kinds';

export type SimulationDiff = { kind: 'same' } | { kind: 'live'; changes: LiveChange[] } | { kind: 'structural' };

function liveFieldNames(kind: NodeKind): string[] {
  return Object.keys(uiKind(kind).live);
}

/** The live change for one field of a node, typed by the node's kind. */
function liveChange<K extends NodeKind>(kind: K, node: string, field: string, config: NodeConfig<K>): LiveChange | null {
  const live = uiKind(kind).live as Record<string, ((node: string, value: unknown) => LiveChange) | undefined>;
  const make = live[field];
  return make ? make(node, (config as Record<string, unknown>)[field]) : null;
}

/** The document without what does not affect the simulation, or can change live. */
function simulated(scenario: Scenario): string {
  const nodes = scenario.nodes.map((n) => {
    const config: Record<string, unknown> = { ...(n.config as Record<string, unknown>) };
    for (const field of liveFieldNames(n.kind)) delete config[field];
    return { id: n.id, kind: n.kind, config };
  });
  const { name: _name, description: _description, ...rest } = scenario;
  return JSON.stringify({ ...rest, nodes });
}

export function simulationDiff(from: Scenario, to: Scenario): SimulationDiff {
  if (from === to) return { kind: 'same' };
  if (simulated(from) !== simulated(to)) return { kind: 'structural' };
  const changes: LiveChange[] = [];
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  for (const node of to.nodes) {
    const old = before.get(node.id);
    if (!old) continue;
    for (const field of liveFieldNames(node.kind)) {
      const value = (node.config as Record<string, unknown>)[field];
      if (value === (old.config as Record<string, unknown>)[field]) continue;
      const change = liveChange(node.kind, node.id, field, node.config);
      if (change) changes.push(change);
    }
  }
  return changes.length > 0 ? { kind: 'live', changes } : { kind: 'same' };
}
