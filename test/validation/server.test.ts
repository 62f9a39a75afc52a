/** A server's behaviour, each checked against an exact or theoretical figure. */
import { nodeReport } from '../../src/engine';
import { describe, expect, it } from 'vitest';
import { build, run } from '../helpers';

function chain(opts: { calls?: string; io?: string; rps?: number; callsPerRequest?: number; latency?: unknown; durationMs?: number }) {
  return {
    durationMs: opts.durationMs ?? 20_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: opts.rps ?? 50 } },
      { id: 'a', kind: 'server', config: { concurrency: 50, serviceTime: 2, calls: opts.calls ?? 'sequential', io: opts.io ?? 'blocking' } },
      { id: 'b', kind: 'server', config: { concurrency: 50, serviceTime: 3 } },
      { id: 'c', kind: 'server', config: { concurrency: 50, serviceTime: 5 } },
    ],
    edges: [
      { id: 'in', from: 'users', to: 'a', config: { latency: opts.latency ?? 0 } },
      { id: 'ab', from: 'a', to: 'b', config: { latency: 0, callsPerRequest: opts.callsPerRequest ?? 1 } },
      { id: 'ac', from: 'a', to: 'c', config: { latency: 0 } },
    ],
  };
}

describe('downstream calls', () => {
  it('sequential calls add up: 2 + 3 + 5 = 10 ms', () => {
    const r = run(chain({}));
    expect(r.latencyMs.mean).toBeCloseTo(10, 9);
    expect(r.latencyMs.max).toBeCloseTo(10, 9);
  });

  it('parallel calls take the slowest branch: 2 + max(3, 5) = 7 ms', () => {
    const r = run(chain({ calls: 'parallel' }));
    expect(r.latencyMs.mean).toBeCloseTo(7, 9);
  });

  it('callsPerRequest makes N sequential calls (the N+1 pattern): 2 + 3·3 + 5 = 16 ms', () => {
    const sim = build(chain({ callsPerRequest: 3 }));
    sim.runToEnd();
    expect(sim.report().latencyMs.mean).toBeCloseTo(16, 9);
    // The counts compare requests that have made all their calls: let the last ones finish.
    sim.drain();
    const r = sim.report();
    expect(r.nodes.b.arrivals).toBe(3 * r.nodes.a.arrivals);
    expect(r.edges.ab.calls).toBe(3 * r.edges.ac.calls);
  });

  it('edge latency is paid each way: 2 ms on the first edge adds 4 ms', () => {
    const r = run(chain({ latency: 2 }));
    expect(r.latencyMs.mean).toBeCloseTo(14, 9);
  });

  it('blocking io holds the worker while downstream calls are out; async io frees it', () => {
    // 50 rps × 10 ms held / 50 workers = 0.01; async: 50 rps × 2 ms / 50 = 0.002.
    const blocking = run(chain({}));
    const async = run(chain({ io: 'async' }));
    expect(blocking.nodes.a.utilization).toBeCloseTo((blocking.nodes.a.arrivals / 20) * 0.01 / 50, 3);
    expect(blocking.nodes.a.utilization / async.nodes.a.utilization).toBeCloseTo(5, 1);
    expect(async.latencyMs.mean).toBeCloseTo(10, 9); // the caller still waits for everything
  });
});

describe('queue capacity', () => {
  it('with no queue, turns away the Erlang B fraction (M/M/c/c loss system)', () => {
    // 4 workers, a = λ/μ = 300 rps × 10 ms = 3.
    const a = 3;
    const c = 4;
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= c; k++) {
      term *= a / k;
      sum += term;
    }
    const erlangB = term / sum;
    const r = run(
      {
        durationMs: 200_000,
        nodes: [
          { id: 'users', kind: 'client', config: { rps: 300 } },
          { id: 'web', kind: 'server', config: { concurrency: c, queueCapacity: 0, serviceTime: { dist: 'exponential', meanMs: 10 } } },
        ],
        edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0 } }],
      },
      { seed: 4 },
    );
    const n = r.requests.generated;
    const fraction = r.requests.rejected / n;
    // Losses are positively correlated in time: allow 6 binomial standard errors.
    expect(Math.abs(fraction - erlangB)).toBeLessThan(6 * Math.sqrt((erlangB * (1 - erlangB)) / n));
    expect(r.nodes.web.rejected).toBe(r.requests.rejected);
  });

  it('rejects with 503 once the queue is full and says the server is unstable when overloaded', () => {
    const r = run({
      durationMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 2000 } },
        { id: 'web', kind: 'server', config: { concurrency: 1, queueCapacity: 50, serviceTime: 1 } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0 } }],
    });
    // Capacity is 1000 rps: about half are turned away.
    expect(r.requests.rejected / r.requests.generated).toBeGreaterThan(0.45);
    expect(r.requests.rejected / r.requests.generated).toBeLessThan(0.55);
    expect(r.nodes.web.utilization).toBeGreaterThan(0.99);
    expect(r.unstable).toContain('web');
    expect(r.latencyMs.p99).toBeLessThan(60); // the bounded queue bounds the wait
  });
});

describe('errors and faults', () => {
  it('errorRate fails that fraction of requests', () => {
    const r = run({
      durationMs: 60_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 500 } },
        { id: 'web', kind: 'server', config: { errorRate: 0.1, concurrency: 10 } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
    });
    const n = r.requests.ok + r.requests.error;
    expect(Math.abs(r.requests.error / n - 0.1)).toBeLessThan(4 * Math.sqrt(0.09 / n));
  });

  it('slow multiplies service times: M/M/1 at 100 rps, 1 ms × 5 → W = 1/(200 − 100) s = 10 ms', () => {
    const r = run(
      {
        durationMs: 300_000,
        warmupMs: 1_000,
        nodes: [
          { id: 'users', kind: 'client', config: { rps: 100 } },
          { id: 'web', kind: 'server', config: { concurrency: 1, queueCapacity: 10_000, serviceTime: { dist: 'exponential', meanMs: 1 } } },
        ],
        edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0 } }],
        faults: [{ atMs: 0, action: 'slow', target: 'web', factor: 5 }],
      },
      { seed: 2 },
    );
    expect(r.latencyMs.mean).toBeGreaterThan(9);
    expect(r.latencyMs.mean).toBeLessThan(11);
  });

  it('a partition drops calls until healed: those requests never come back', () => {
    const r = run({
      durationMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 100, arrival: 'constant' } },
        { id: 'web', kind: 'server' },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
      faults: [
        { atMs: 2_000, action: 'partition', target: 'e' },
        { atMs: 3_000, action: 'heal', target: 'e' },
      ],
    });
    expect(r.requests.inFlight).toBeGreaterThanOrEqual(100);
    expect(r.requests.inFlight).toBeLessThanOrEqual(102);
    expect(r.edges.e.dropped).toBeGreaterThanOrEqual(100);
  });

  it('a crash fails the work in flight and a recovery takes traffic again', () => {
    const sim = build({
      durationMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 200 } },
        { id: 'web', kind: 'server', config: { concurrency: 2, serviceTime: { dist: 'exponential', meanMs: 8 } } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0 } }],
      faults: [
        { atMs: 4_000, action: 'crash', target: 'web' },
        { atMs: 6_000, action: 'recover', target: 'web' },
      ],
    });
    sim.runUntil(3_999.999);
    const before = sim.report().requests;
    sim.runUntil(5_999.999);
    const during = sim.report().requests;
    sim.runToEnd();
    const after = sim.report().requests;
    expect(before.error).toBe(0);
    // Everything in flight at the crash and everything sent while down fails: 2 s × 200 rps ≈ 400.
    const sentWhileDown = during.generated - before.generated;
    expect(during.error - before.error).toBeGreaterThanOrEqual(sentWhileDown);
    expect(during.error - before.error).toBeLessThanOrEqual(sentWhileDown + before.inFlight);
    expect(during.inFlight).toBe(0);
    expect(after.ok - during.ok).toBeGreaterThan(700);
    expect(after.error).toBe(during.error);
  });
});

describe('clients', () => {
  it('constant arrivals send exactly rps × seconds', () => {
    const r = run({
      durationMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 250, arrival: 'constant' } },
        { id: 'web', kind: 'server' },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
    });
    expect(r.requests.generated).toBe(2500);
  });

  it('a rate schedule steps the rate: 100 rps for 5 s then 1000 rps for 5 s', () => {
    const r = run({
      durationMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 100, rateSchedule: [{ atMs: 5_000, rps: 1000 }] } },
        { id: 'web', kind: 'server', config: { concurrency: 50 } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
    });
    const expected = 500 + 5000;
    expect(Math.abs(r.requests.generated - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('rps 0 is a paused source', () => {
    const r = run({
      durationMs: 5_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 0 } },
        { id: 'web', kind: 'server' },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
    });
    expect(r.requests.generated).toBe(0);
    expect(r.latencyMs.p99).toBe(0);
  });

  it('counts only requests created after warm-up', () => {
    const r = run({
      durationMs: 10_000,
      warmupMs: 4_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 100, arrival: 'constant' } },
        { id: 'web', kind: 'server' },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web' }],
    });
    // Arrivals at 4000, 4010, …, 10000 ms: [warm-up, duration] is closed at both ends.
    expect(r.requests.generated).toBe(601);
    expect(r.nodes.web.arrivals).toBe(600); // the last one is still on the wire (1 ms) at the end
    expect(r.warmupMs).toBe(4_000);
  });
});

describe('live changes', () => {
  const doc = {
    durationMs: 20_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 100, arrival: 'constant' } },
      { id: 'lb', kind: 'loadBalancer' },
      { id: 'web', kind: 'server', config: { replicas: 2 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
    ],
  };

  it('setRps takes effect at the current simulated time', () => {
    const sim = build(doc);
    sim.runUntil(5_000);
    sim.applyChange({ type: 'setRps', node: 'users', rps: 400 });
    sim.runToEnd();
    expect(sim.report().requests.generated).toBe(500 + 6000);
  });

  it('setReplicas adds instances that the balancer starts using at once', () => {
    const sim = build(doc);
    sim.runUntil(10_000);
    sim.applyChange({ type: 'setReplicas', node: 'web', replicas: 4 });
    sim.runToEnd();
    const r = sim.report();
    const served = (r.nodes.lb.instances as { served: number }[]).map((i) => i.served);
    expect(served).toHaveLength(4);
    expect(served[0]).toBeGreaterThan(700);
    expect(served[3]).toBeGreaterThan(200);
    expect(nodeReport(r, 'web', 'server').replicas).toBe(4);
  });

  it('setAlgorithm switches the policy without a restart; unknown changes are refused', () => {
    const sim = build(doc);
    sim.runUntil(1_000);
    sim.applyChange({ type: 'setAlgorithm', node: 'lb', algorithm: 'least-connections' });
    sim.runToEnd();
    expect(nodeReport(sim.report(), 'lb', 'loadBalancer').algorithm).toBe('least-connections');
    expect(() => sim.applyChange({ type: 'setReplicas', node: 'users', replicas: 2 })).toThrow(/does not apply/);
    expect(() => sim.applyChange({ type: 'setRps', node: 'nope', rps: 1 })).toThrow(/no node/);
  });

  it('scaleSchedule changes replicas at the scheduled time', () => {
    const d = structuredClone(doc);
    (d.nodes[2].config as Record<string, unknown>).scaleSchedule = [{ atMs: 10_000, replicas: 3 }];
    const r = run(d);
    const served = (r.nodes.lb.instances as { served: number }[]).map((i) => i.served);
    expect(served).toHaveLength(3);
    expect(served[2]).toBeGreaterThan(300);
    expect(served[2]).toBeLessThan(340);
  });
});
