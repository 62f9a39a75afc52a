/**
 * The kernel's correctness where the components lean on it. Each test reproduces a bug the
 * first kernel had (it fails there) and pins the behaviour that replaced it.
 */
import { describe, expect, it } from 'vitest';
import { compileDuration } from '../../src/engine/core/distributions';
import { streamFor } from '../../src/engine/core/rng';
import { nodeReport } from '../../src/engine';
import { build, run } from '../helpers';

describe('balancer targets keep their identity when a node scales', () => {
  // Least connections over a (2 ↔ 3 replicas every second) and b (2 replicas), every
  // instance alike: b holds 2 of 4.5 instances on average, so it gets about 44% of the work.
  const doc = {
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 400 } },
      { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'least-connections', processingTime: 0 } },
      {
        id: 'a',
        kind: 'server',
        config: {
          replicas: 2,
          concurrency: 2,
          serviceTime: { dist: 'exponential', meanMs: 5 },
          scaleSchedule: Array.from({ length: 59 }, (_, k) => ({ atMs: (k + 1) * 1000, replicas: k % 2 === 0 ? 3 : 2 })),
        },
      },
      { id: 'b', kind: 'server', config: { replicas: 2, concurrency: 2, serviceTime: { dist: 'exponential', meanMs: 5 } } },
    ],
    edges: [
      { id: 'e0', from: 'users', to: 'lb' },
      { id: 'ea', from: 'lb', to: 'a' },
      { id: 'eb', from: 'lb', to: 'b' },
    ],
  };

  it('least connections keeps sending b its share through 60 rescales (not 3%)', () => {
    const sim = build(doc);
    sim.runUntil(40_000);
    const at40 = sim.report();
    sim.runToEnd();
    const at60 = sim.report();
    const share =
      (at60.nodes.b.arrivals - at40.nodes.b.arrivals) /
      (at60.nodes.a.arrivals - at40.nodes.a.arrivals + at60.nodes.b.arrivals - at40.nodes.b.arrivals);
    // ~8,000 arrivals: the share's noise is well under 0.02; the bounds allow for the
    // balancer's preference between equally idle instances.
    expect(share).toBeGreaterThan(0.36);
    expect(share).toBeLessThan(0.52);
    // And the balancer's books: nothing is outstanding that was not really sent.
    sim.drain();
    expect(sim.holdings().outstanding).toBe(0);
  });

  it('sticky users stay on their instance across a rescale while it lives', () => {
    const sticky = {
      durationMs: 20_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 300, users: 200 } },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin', stickySessions: true } },
        {
          id: 'web',
          kind: 'server',
          config: {
            replicas: 3,
            concurrency: 8,
            sessions: 'in-memory',
            serviceTime: 2,
            scaleSchedule: [
              { atMs: 5_000, replicas: 4 },
              { atMs: 10_000, replicas: 5 },
            ],
          },
        },
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'lb' },
        { id: 'e1', from: 'lb', to: 'web' },
      ],
    };
    const r = run(sticky);
    // Scaling up retires nobody: every user keeps its session, so not one request misses.
    expect(nodeReport(r, 'web', 'server').sessionMisses).toBe(0);
    // Scaling down retires instances 3 and 4: only their users move (about 2 in 5).
    const down = run({
      ...sticky,
      nodes: sticky.nodes.map((n) =>
        n.id === 'web' ? { ...n, config: { ...n.config, replicas: 5, scaleSchedule: [{ atMs: 10_000, replicas: 3 }] } } : n,
      ),
    });
    const misses = nodeReport(down, 'web', 'server').sessionMisses;
    expect(misses).toBeGreaterThan(40); // ≈ 80 users were on the retired two
    expect(misses).toBeLessThanOrEqual(120);
  });
});

describe("a crash ends the callee's work, not the caller's timeout", () => {
  const doc = (crash: boolean) => ({
    durationMs: 20_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 500 } },
      { id: 'web', kind: 'server', config: { concurrency: 256, serviceTime: { dist: 'exponential', meanMs: 150 } } },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'web', config: { timeoutMs: 200, bulkhead: { maxConcurrent: 250 } } }],
    faults: [
      { atMs: 5_000, action: 'partition', target: 'e1' },
      ...(crash ? [{ atMs: 5_010, action: 'crash', target: 'web' }, { atMs: 5_020, action: 'recover', target: 'web' }] : []),
      { atMs: 6_000, action: 'heal', target: 'e1' },
    ],
  });

  it('with a partition then a crash, every request still times out: nothing stays in flight', () => {
    for (const crash of [false, true]) {
      const sim = build(doc(crash));
      sim.runUntil(19_800);
      const before = sim.report().requests.generated;
      sim.runToEnd();
      const r = sim.report();
      // Every request ends within its 200 ms timeout, so only those created in the last
      // 200 ms can be in flight at the end; the ~75 in service when the crash came too.
      expect(r.requests.inFlight, crash ? 'partition and crash' : 'partition alone').toBeLessThanOrEqual(r.requests.generated - before);
      // The bulkhead's permits came back (a leak of 75 would soon refuse calls).
      expect(r.edges.e1.bulkheadRejected).toBe(0);
      sim.drain();
      expect(sim.holdings()).toMatchObject({ permits: 0, calls: 0, requests: 0, inFlight: 0 });
    }
  });
});

describe('answers travel through the event list, never on the caller’s stack', () => {
  it('1,000 calls a request on five edges, each refused at once by an open breaker, do not recurse', () => {
    const targets = ['d1', 'd2', 'd3', 'd4', 'd5'];
    const doc = {
      durationMs: 3_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 20 } },
        { id: 'api', kind: 'server', config: { concurrency: 16, serviceTime: 1 } },
        ...targets.map((id) => ({ id, kind: 'server', config: { serviceTime: 1 } })),
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'api', config: { latency: 0 } },
        ...targets.map((to, i) => ({
          id: `c${i}`,
          from: 'api',
          to,
          config: {
            latency: 0,
            callsPerRequest: 1000,
            fallback: 'degraded',
            circuitBreaker: { minimumCalls: 5, failureRateThreshold: 0.5, windowMs: 10_000, openMs: 60_000 },
          },
        })),
      ],
      faults: targets.map((target) => ({ atMs: 0, action: 'crash', target })),
    };
    const r = run(doc);
    // The breakers open after 5 failures; from then on every call is a degraded success.
    expect(r.requests.ok).toBeGreaterThan(40);
    for (let i = 0; i < 5; i++) expect(r.edges[`c${i}`].shortCircuited).toBeGreaterThan(10_000);
  });

  it('an answer with zero latency comes after the events already due at that instant', () => {
    // Constant arrivals and service: the answer to request k and the arrival of request
    // k + 1 fall at the same instant; the arrival was scheduled first, so it runs first and
    // finds the worker still busy: it waits its turn (FIFO by schedule order).
    const r = run({
      durationMs: 1_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 100, arrival: 'constant' } },
        { id: 'web', kind: 'server', config: { concurrency: 1, serviceTime: 10 } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0 } }],
    });
    expect(r.requests.ok).toBe(99); // the 100th finishes at 1,010 ms
    expect(r.latencyMs.max).toBeCloseTo(10, 9);
  });
});

describe('the Erlang sampler', () => {
  it('stays finite with the right mean for k up to the schema’s 1,000', () => {
    for (const k of [1, 10, 700, 800, 1000]) {
      const s = compileDuration({ dist: 'erlang', meanMs: 10, k });
      const rng = streamFor(7, 'erlang', String(k));
      const n = 2_000;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const x = s.sample(rng);
        expect(Number.isFinite(x)).toBe(true);
        sum += x;
      }
      // Var = mean²/k per draw: 4 standard errors of the sample mean.
      expect(Math.abs(sum / n - 10)).toBeLessThan(4 * Math.sqrt(100 / k / n));
    }
  });
});

describe('tallies', () => {
  it('an instance added after the warm-up measures its utilisation from its creation', () => {
    // 200 rps, constant arrivals and 2 ms constant service, spread round robin: from 6 s
    // each of two instances gets exactly 100 rps, busy 20% of the time.
    const r = run({
      durationMs: 20_000,
      warmupMs: 5_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 200, arrival: 'constant' } },
        { id: 'web', kind: 'server', config: { replicas: 1, concurrency: 1, serviceTime: 2, scaleSchedule: [{ atMs: 6_000, replicas: 2 }] } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0 } }],
    });
    const web = nodeReport(r, 'web', 'server');
    expect(web.instances[1].utilization).toBeCloseTo(0.2, 3);
    expect(web.instances[0].utilization).toBeCloseTo((1 * 0.4 + 14 * 0.2) / 15, 3);
  });
});

describe('constant arrivals', () => {
  it('come exactly rps × T times, whatever the rate', () => {
    for (const rps of [300, 7, 3, 1000 / 3, 999]) {
      const r = run({
        durationMs: 10_000,
        nodes: [
          { id: 'users', kind: 'client', config: { rps, arrival: 'constant' } },
          { id: 'web', kind: 'server', config: { concurrency: 64, serviceTime: 0 } },
        ],
        edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0 } }],
      });
      expect(r.requests.generated, `${rps} rps`).toBe(Math.floor((rps * 10_000) / 1000 + 1e-9));
    }
  });
});
