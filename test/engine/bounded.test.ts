/**
 * The engine's share of "bounded by construction" (issue 11): what the schema lets through
 * runs in time and memory linear in the document, and any id is a plain key.
 */
import { describe, expect, it } from 'vitest';
import { checkRunnable, createSimulation, nodeReport } from '../../src/engine';
import { BalancerTargets } from '../../src/engine/components/balancerTargets';
import { loadBalancingPolicies } from '../../src/engine/policies/loadBalancing';
import { streamFor } from '../../src/engine/core/rng';
import type { EdgeRuntime } from '../../src/engine/runtime/edge';
import { build, run, scenario } from '../helpers';

describe('linear in the size of the scenario', () => {
  it('a chain of 6,000 servers is checked without recursion, and runs', () => {
    const n = 6_000;
    const nodes = [
      { id: 'users', kind: 'client', config: { rps: 5 } },
      ...Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: 'server', config: { serviceTime: 0.001 } })),
    ];
    const edges = [
      { id: 'e0', from: 'users', to: 's0', config: { latency: 0 } },
      ...Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i + 1}`, from: `s${i}`, to: `s${i + 1}`, config: { latency: 0 } })),
    ];
    const doc = scenario({ durationMs: 1_000, nodes, edges });
    expect(checkRunnable(doc)).toEqual([]);
    const r = run({ durationMs: 1_000, nodes, edges });
    expect(r.requests.ok).toBeGreaterThan(0);
    expect(r.nodes[`s${n - 1}`].arrivals).toBe(r.requests.ok + r.requests.inFlight);
  });

  it('a cycle through thousands of nodes is found and named', () => {
    const n = 5_000;
    const nodes = [
      { id: 'users', kind: 'client' },
      ...Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: 'server' })),
    ];
    const edges = [
      { id: 'e0', from: 'users', to: 's0' },
      ...Array.from({ length: n }, (_, i) => ({ id: `e${i + 1}`, from: `s${i}`, to: `s${(i + 1) % n}` })),
    ];
    const problems = checkRunnable(scenario({ nodes, edges }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^the calls form a cycle \(s0 → s1 → .* → s4999 → s0\)/);
  });

  it('1,000 scaling steps behind a balancer cost a pass over its targets each, not a rebuild', () => {
    // 1,000 steps between 1,000 and 999 replicas: the old kernel took a minute here.
    const r = run({
      durationMs: 1_100,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 1_000 } },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'consistent-hash', virtualNodes: 50 } },
        {
          id: 'web',
          kind: 'server',
          config: {
            replicas: 1_000,
            serviceTime: 1,
            scaleSchedule: Array.from({ length: 1_000 }, (_, k) => ({ atMs: k + 1, replicas: k % 2 === 0 ? 999 : 1_000 })),
          },
        },
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'lb' },
        { id: 'e1', from: 'lb', to: 'web' },
      ],
    });
    const lb = nodeReport(r, 'lb', 'loadBalancer');
    expect(lb.instances).toHaveLength(1_000); // one target per instance, whatever the steps
    expect(r.requests.error).toBe(0);
  });

  it('a balancer not hashing builds no ring', () => {
    const sim = build({
      durationMs: 100,
      nodes: [
        { id: 'users', kind: 'client' },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin', virtualNodes: 2_000 } },
        { id: 'web', kind: 'server', config: { replicas: 1_000 } },
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'lb' },
        { id: 'e1', from: 'lb', to: 'web' },
      ],
    });
    sim.runToEnd();
    // 2 million points would be 16 MB and a second of hashing: only a switch to hashing builds it.
    const lb = (sim as unknown as { engine: { nodes: { targets?: BalancerTargets }[] } }).engine.nodes[1];
    expect(lb.targets?.state.ring).toBeNull();
    sim.applyChange({ type: 'setAlgorithm', node: 'lb', algorithm: 'consistent-hash' });
    expect(lb.targets?.state.ring?.size).toBe(2_000_000);
  });
});

describe('weights that cannot overflow', () => {
  it('smooth weighted round robin keeps exact proportions with weights near the largest double', () => {
    const edges = [1e308, 1e308, 5e307].map((weight, i) => ({
      weight,
      fromIndex: i,
      to: { id: `n${i}`, instanceCount: 1 },
    })) as unknown as EdgeRuntime[];
    const targets = new BalancerTargets(edges, 1, false);
    targets.refresh(edges);
    const pick = loadBalancingPolicies['weighted-round-robin'];
    const counts = [0, 0, 0];
    const rng = streamFor(1, 'lb', 'test');
    for (let k = 0; k < 5_000; k++) counts[pick(targets.state, 0, 0, rng)]++;
    expect(counts).toEqual([2_000, 2_000, 1_000]);
  });
});

describe('faults name what exists', () => {
  it('a fault on instance 7 of a server that never has more than 2 is refused by name', () => {
    const doc = scenario({
      nodes: [
        { id: 'users', kind: 'client' },
        { id: 'web', kind: 'server', config: { replicas: 2 } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
      faults: [
        { atMs: 10, action: 'crash', target: 'web', instance: 7 },
        { atMs: 20, action: 'crash', target: 'web', instance: 1 },
      ],
    });
    expect(checkRunnable(doc)).toEqual(['faults[0].instance: node "web" never has an instance 7 (its instances are numbered 0 to 1)']);
  });

  it('an instance that exists only after a scaling step may be named', () => {
    const doc = scenario({
      nodes: [
        { id: 'users', kind: 'client' },
        { id: 'web', kind: 'server', config: { replicas: 2, scaleSchedule: [{ atMs: 100, replicas: 8 }] } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
      faults: [{ atMs: 200, action: 'crash', target: 'web', instance: 7 }],
    });
    expect(checkRunnable(doc)).toEqual([]);
  });
});

describe('any id is a plain key', () => {
  it('nodes and edges named __proto__, constructor and toString are in the report and the frames', () => {
    const sim = createSimulation(
      scenario({
        durationMs: 2_000,
        nodes: [
          { id: 'constructor', kind: 'client', config: { rps: 50 } },
          { id: '__proto__', kind: 'loadBalancer' },
          { id: 'toString', kind: 'server' },
        ],
        edges: [
          { id: 'hasOwnProperty', from: 'constructor', to: '__proto__' },
          { id: 'valueOf', from: '__proto__', to: 'toString' },
        ],
      }),
    );
    const frame = sim.takeFrame();
    sim.runToEnd();
    const r = JSON.parse(JSON.stringify(sim.report()));
    expect(Object.keys(r.nodes)).toEqual(['constructor', '__proto__', 'toString']);
    expect(Object.keys(r.edges)).toEqual(['hasOwnProperty', 'valueOf']);
    expect(r.nodes.__proto__.kind).toBe('loadBalancer');
    expect(r.nodes.toString.completed).toBeGreaterThan(50);
    expect(Object.keys(frame.nodes)).toEqual(['constructor', '__proto__', 'toString']);
    expect(({} as Record<string, unknown>).kind).toBeUndefined(); // nothing leaked into Object.prototype
  });
});
