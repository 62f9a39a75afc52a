/** What an edit means for a running simulation, read from the kinds' UI descriptors. */
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/model';
import { simulationDiff } from '../../src/ui/store/liveChanges';

function doc(patch: (d: Record<string, any>) => void = () => {}): Scenario {
  const d: Record<string, any> = {
    version: 1,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 100 } },
      { id: 'lb', kind: 'loadBalancer' },
      { id: 'web', kind: 'server', config: { replicas: 2 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
    ],
  };
  patch(d);
  const r = parseScenario(d);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('simulationDiff', () => {
  it('moves, labels and the name change nothing in a run', () => {
    expect(simulationDiff(doc(), doc((d) => ((d.nodes[0].position = { x: 9, y: 9 }), (d.nodes[0].label = 'U'), (d.name = 'x'))))).toEqual({ kind: 'same' });
  });

  it('rps, replicas and the algorithm go live', () => {
    const next = doc((d) => {
      d.nodes[0].config.rps = 300;
      d.nodes[2].config.replicas = 4;
      d.nodes[1].config = { algorithm: 'least-connections' };
    });
    expect(simulationDiff(doc(), next)).toEqual({
      kind: 'live',
      changes: [
        { type: 'setRps', node: 'users', rps: 300 },
        { type: 'setAlgorithm', node: 'lb', algorithm: 'least-connections' },
        { type: 'setReplicas', node: 'web', replicas: 4 },
      ],
    });
  });

  it('anything else needs a new run', () => {
    expect(simulationDiff(doc(), doc((d) => (d.nodes[2].config.concurrency = 8))).kind).toBe('structural');
    expect(simulationDiff(doc(), doc((d) => (d.edges[1].config = { timeoutMs: 10 }))).kind).toBe('structural');
  });
});
