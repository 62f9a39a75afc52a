/** The same document and seed give the same report, bit for bit; another seed gives another. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine';
import { run, scenario } from '../helpers';

const doc = {
  seed: 11,
  durationMs: 10_000,
  warmupMs: 1_000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 500, keys: { count: 1000, distribution: 'zipf', exponent: 1 }, writeFraction: 0.1 } },
    { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'power-of-two-choices', healthCheck: {} } },
    { id: 'web', kind: 'server', config: { replicas: 3, serviceTime: { dist: 'lognormal', medianMs: 5, sigma: 0.8 }, errorRate: 0.01 } },
    { id: 'api', kind: 'server', config: { calls: 'parallel' } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web', config: { latency: { dist: 'exponential', meanMs: 1 } } },
    { id: 'e3', from: 'web', to: 'api', config: { callsPerRequest: 2 } },
  ],
  faults: [{ atMs: 4_000, action: 'crash', target: 'web', instance: 2 }, { atMs: 7_000, action: 'recover', target: 'web', instance: 2 }],
};

describe('determinism', () => {
  it('gives an identical report for the same document and seed', () => {
    const a = run(doc);
    const b = run(doc);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.requests.generated).toBeGreaterThan(4000);
  });

  it('gives another report for another seed', () => {
    const a = run(doc);
    const b = run(doc, { seed: 12 });
    expect(b.seed).toBe(12);
    expect(b.latencyMs.mean).not.toBe(a.latencyMs.mean);
    expect(b.requests.generated).not.toBe(a.requests.generated);
  });

  it('does not depend on how the run is sliced (the worker advances in slices)', () => {
    const whole = run(doc);
    const sim = createSimulation(scenario(doc));
    for (let t = 0; t <= 10_000; t += 37) {
      sim.runUntil(t);
      sim.takeFrame(); // frames read state but never change it
    }
    sim.runToEnd();
    expect(JSON.stringify(sim.report())).toBe(JSON.stringify(whole));
  });

  it('keeps one component’s randomness when another changes (common random numbers)', () => {
    // Changing api's service time must not change the arrivals, the users and keys they carry,
    // or how a round-robin balancer spreads them.
    const base = structuredClone(doc);
    (base.nodes[1].config as Record<string, unknown>).algorithm = 'round-robin';
    const other = structuredClone(base);
    (other.nodes[3].config as Record<string, unknown>).serviceTime = 3;
    const a = run(base);
    const b = run(other);
    expect(b.latencyMs.mean).not.toBe(a.latencyMs.mean);
    expect(b.requests.generated).toBe(a.requests.generated);
    expect(b.nodes.lb.instances).toEqual(a.nodes.lb.instances);
  });
});

describe('extending a run', () => {
  it('gives the same report as a run that long from the start', async () => {
    const { build } = await import('../helpers');
    const doc = {
      durationMs: 4_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 300 } },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'least-connections' } },
        { id: 'web', kind: 'server', config: { replicas: 3, serviceTime: { dist: 'exponential', meanMs: 8 } } },
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'lb' },
        { id: 'e1', from: 'lb', to: 'web', config: { timeoutMs: 40, retry: { maxAttempts: 2 } } },
      ],
      faults: [{ atMs: 3_000, action: 'crash', target: 'web', instance: 1 }],
    };
    const short = build(doc);
    short.runToEnd();
    short.extendTo(9_000);
    short.runToEnd();
    const long = build({ ...doc, durationMs: 9_000 });
    long.runToEnd();
    expect(short.report()).toEqual(long.report());
    expect(() => short.extendTo(5_000)).toThrow(/not after/);
  });
});
