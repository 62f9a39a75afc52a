/** Load balancing through the whole engine: real requests through a real balancer. */
import { nodeReport } from '../../src/engine';
import { describe, expect, it } from 'vitest';
import { build, run } from '../helpers';

const servers = (n: number, config: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: 'server', config: { concurrency: 4, ...config } }));

function balanced(algorithm: string, opts: { rps?: number; n?: number; lb?: Record<string, unknown>; server?: Record<string, unknown>; weights?: number[]; durationMs?: number; users?: number } = {}) {
  const n = opts.n ?? 4;
  return {
    durationMs: opts.durationMs ?? 20_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: opts.rps ?? 400, users: opts.users ?? 1000 } },
      { id: 'lb', kind: 'loadBalancer', config: { algorithm, ...opts.lb } },
      ...servers(n, opts.server),
    ],
    edges: [
      { id: 'in', from: 'users', to: 'lb' },
      ...Array.from({ length: n }, (_, i) => ({
        id: `to${i}`,
        from: 'lb',
        to: `s${i}`,
        config: { weight: opts.weights?.[i] ?? 1 },
      })),
    ],
  };
}

const served = (r: ReturnType<typeof run>) => (r.nodes.lb.instances as { served: number }[]).map((i) => i.served);

describe('round robin', () => {
  it('spreads requests evenly, within one request', () => {
    const counts = served(run(balanced('round-robin', { rps: 777 })));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(15_000);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('counts a server with 3 replicas as three targets', () => {
    const r = run({
      durationMs: 5_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 300 } },
        { id: 'lb', kind: 'loadBalancer' },
        { id: 'web', kind: 'server', config: { replicas: 3 } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'lb' },
        { id: 'e2', from: 'lb', to: 'web' },
      ],
    });
    const counts = served(r);
    expect(counts).toHaveLength(3);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect((r.nodes.web.instances as { served: number }[]).map((i) => i.served)).toHaveLength(3);
  });
});

describe('weighted round robin', () => {
  it('honours the edge weights 1 : 2 : 5, each count within one request of its share', () => {
    const weights = [1, 2, 5];
    const counts = served(run(balanced('weighted-round-robin', { n: 3, weights, rps: 800 })));
    const total = counts.reduce((a, b) => a + b, 0);
    counts.forEach((c, i) => expect(Math.abs(c - (total * weights[i]) / 8)).toBeLessThanOrEqual(1));
  });
});

/** One server node with `replicas` instances behind the balancer (sessions live per node). */
function replicated(algorithm: string, opts: { lb?: Record<string, unknown>; server?: Record<string, unknown>; users?: number; replicas?: number } = {}) {
  // 100 rps: even if every request paid the 50 ms session rebuild, 16 workers stay below saturation.
  return {
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 100, users: opts.users ?? 100 } },
      { id: 'lb', kind: 'loadBalancer', config: { algorithm, ...opts.lb } },
      { id: 'web', kind: 'server', config: { replicas: opts.replicas ?? 4, sessions: 'in-memory', ...opts.server } },
    ],
    edges: [
      { id: 'in', from: 'users', to: 'lb' },
      { id: 'out', from: 'lb', to: 'web' },
    ],
  };
}

describe('hashing', () => {
  it('ip-hash keeps each user on one instance: in-memory sessions never miss', () => {
    const r = run(replicated('ip-hash', { users: 200 }));
    expect(nodeReport(r, 'web', 'server').sessionMisses).toBe(0);
    // and the users really are spread, not all on one instance
    for (const c of served(r)) expect(c).toBeGreaterThan(0.1 * r.requests.generated);
  });

  it('consistent-hash on user keeps each user on one instance', () => {
    const r = run(replicated('consistent-hash', { users: 200 }));
    expect(nodeReport(r, 'web', 'server').sessionMisses).toBe(0);
    for (const c of served(r)) expect(c).toBeGreaterThan(0.05 * r.requests.generated);
  });
});

describe('in-memory sessions', () => {
  // 100 users, ~6,000 requests: almost every request comes from a returning user.
  const doc = (algorithm: string, lb: Record<string, unknown> = {}) => replicated(algorithm, { users: 100, lb });
  const misses = (r: ReturnType<typeof run>) => nodeReport(r, 'web', 'server').sessionMisses;

  it('round robin over 4 instances misses about three sessions in four', () => {
    const r = run(doc('round-robin'));
    const web = r.nodes.web;
    const returning = web.completed + web.errors - 100;
    const rate = misses(r) / returning;
    const se = Math.sqrt((0.75 * 0.25) / returning);
    expect(web.utilization).toBeLessThan(0.5);
    expect(Math.abs(rate - 0.75)).toBeLessThan(4 * se);
  });

  it('ip-hash or sticky sessions almost never miss', () => {
    expect(misses(run(doc('ip-hash')))).toBe(0);
    expect(misses(run(doc('round-robin', { stickySessions: true })))).toBe(0);
  });

  it('a crash loses the instance’s sessions and sticky users move', () => {
    const d = doc('round-robin', { stickySessions: true, healthCheck: { intervalMs: 500, unhealthyAfter: 2, healthyAfter: 2 } });
    (d as Record<string, unknown>).faults = [{ atMs: 10_000, action: 'crash', target: 'web', instance: 1 }];
    const r = run(d);
    // About a quarter of the 100 users lived on s1; each misses once when it moves.
    expect(misses(r)).toBeGreaterThan(10);
    expect(misses(r)).toBeLessThan(45);
  });
});

describe('a slow server (five times slower) behind the balancer', () => {
  // Four servers, one worker each; s3 is 5× slower. 600 rps: round robin gives s3 ρ = 0.75.
  const doc = (algorithm: string) => {
    const d = balanced(algorithm, { rps: 600, server: { concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 1 }, queueCapacity: 10_000 }, durationMs: 60_000 });
    (d as Record<string, unknown>).faults = [{ atMs: 0, action: 'slow', target: 's3', factor: 5 }];
    return d;
  };
  const p99 = (algorithm: string) => run(doc(algorithm), { seed: 3 }).latencyMs.p99;

  it('least-connections and power-of-two-choices beat round robin’s p99', () => {
    const rr = p99('round-robin');
    // Round robin's p99 is set by the slow server: M/M/1 with μ = 0.2, λ = 0.15 → p99 of that mix ≈ 64 ms.
    expect(rr).toBeGreaterThan(40);
    expect(p99('least-connections')).toBeLessThan(0.5 * rr);
    expect(p99('power-of-two-choices')).toBeLessThan(0.5 * rr);
    expect(p99('least-response-time')).toBeLessThan(0.5 * rr);
  });
});

describe('a crashed instance', () => {
  const doc = (healthCheck: unknown) => ({
    durationMs: 20_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 300 } },
      { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin', healthCheck } },
      { id: 'web', kind: 'server', config: { replicas: 3 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
    ],
    faults: [{ atMs: 5_000, action: 'crash', target: 'web', instance: 1 }],
  });

  function servedTo1(healthCheck: unknown, atMs: number[]): number[] {
    const sim = build(doc(healthCheck));
    return atMs.map((t) => {
      sim.runUntil(t);
      return (sim.report().nodes.lb.instances as { served: number }[])[1].served;
    });
  }

  it('keeps receiving (and failing) traffic without a health check', () => {
    const [atCrash, later, end] = servedTo1(null, [5_000, 10_000, 20_000]);
    expect(later - atCrash).toBeGreaterThan(400); // a third of 300 rps for 5 s = 500
    expect(end - later).toBeGreaterThan(900);
    const r = run(doc(null));
    // Everything sent to instance 1 after the crash fails: about a third of 15 s of traffic.
    expect(r.requests.error).toBeGreaterThan(1300);
    expect(r.requests.error).toBeLessThan(1700);
  });

  it('is taken out of rotation by active health checks', () => {
    const hc = { intervalMs: 1000, unhealthyAfter: 3, healthyAfter: 2 };
    const [atCrash, afterDetection, end] = servedTo1(hc, [5_000, 8_500, 20_000]);
    expect(afterDetection - atCrash).toBeGreaterThan(0); // it took three failed probes to notice
    expect(end - afterDetection).toBe(0); // and then nothing more went there
    const r = run(doc(hc));
    expect(r.requests.error).toBeLessThan(400); // only the detection window's share failed
    expect(r.requests.error).toBeGreaterThan(100);
  });
});
