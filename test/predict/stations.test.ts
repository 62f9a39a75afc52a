/**
 * The theory panel's stations: each closed form where its assumptions hold, checked against
 * the simulation (tolerance from replications), and each failing assumption named.
 */
import { describe, expect, it } from 'vitest';
import { littlesLaw, predictTheory, simulatedFigure, type StationTheory } from '../../src/predict';
import { erlangB, erlangC, mmcTimeQuantile } from '../../src/theory';
import { replicate, run, scenario, seeds, station } from '../helpers';

const theory = (doc: Record<string, unknown>, node: string): StationTheory => predictTheory(scenario(doc)).stations.find((s) => s.node === node)!;
const predicted = (t: StationTheory, field: string) => t.predictions.find((p) => p.field === field)?.value ?? NaN;
const failedIds = (t: StationTheory) => t.failed.map((f) => f.id);

/** The simulated mean of `field` over `n` seeds must be within 4 standard errors (plus `slack`) of the prediction. */
function agrees(doc: Record<string, unknown>, node: string, field: string, n = 6, slack = 0) {
  const t = theory(doc, node);
  const value = predicted(t, field);
  expect(Number.isFinite(value), `${node}.${field} predicted`).toBe(true);
  const sim = replicate(seeds(n), (seed) => simulatedFigure(run(doc, { seed }), node, field));
  expect(Math.abs(sim.mean - value), `${node}.${field}: simulated ${sim.mean} ± ${sim.se} vs theory ${value}`).toBeLessThanOrEqual(4 * sim.se + slack);
}

const mmc = (rps: number, c: number, service: unknown, extra: Record<string, unknown> = {}) => {
  const d = station({ rps, c, service, durationMs: 60_000, warmupMs: 2_000 });
  Object.assign(d.nodes[1].config, extra);
  return d;
};

describe('M/M/c stations', () => {
  it('M/M/1 at ρ = 0.8: Wq = 4 ms, W = 5 ms, beside the simulated values', () => {
    const doc = mmc(800, 1, { dist: 'exponential', meanMs: 1 });
    const t = theory(doc, 'web');
    expect(t.model).toBe('M/M/1');
    expect(t.failed).toEqual([]);
    expect(predicted(t, 'meanWaitMs')).toBeCloseTo(4, 12);
    expect(predicted(t, 'meanResponseMs')).toBeCloseTo(5, 12);
    expect(predicted(t, 'utilization')).toBeCloseTo(0.8, 12);
    agrees(doc, 'web', 'meanWaitMs');
    agrees(doc, 'web', 'utilization');
  });

  it('M/M/4 (Erlang C): Wq = C(4, 3.2)/(cμ − λ)', () => {
    const doc = mmc(320, 4, { dist: 'exponential', meanMs: 10 });
    const t = theory(doc, 'web');
    expect(t.model).toBe('M/M/4');
    expect(predicted(t, 'meanWaitMs')).toBeCloseTo(erlangC(4, 3.2) / (0.4 - 0.32), 10);
    agrees(doc, 'web', 'meanWaitMs');
    agrees(doc, 'web', 'meanQueueLength');
  });

  it('spreads over instances when the balancer draws at random, and not when it goes round robin', () => {
    const spread = (algorithm: string) => ({
      durationMs: 60_000,
      warmupMs: 2_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 600 } },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm, processingTime: 0 } },
        { id: 'web', kind: 'server', config: { replicas: 3, concurrency: 2, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: 8 } } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'lb', config: { latency: 0 } },
        { id: 'e2', from: 'lb', to: 'web', config: { latency: 0 } },
      ],
    });
    const random = theory(spread('random'), 'web');
    expect(random.model).toBe('M/M/2');
    expect(random.inputs.arrivalsPerSecPerInstance).toBeCloseTo(200, 10);
    agrees(spread('random'), 'web', 'meanWaitMs');
    const rr = theory(spread('round-robin'), 'web');
    expect(rr.model).toBeNull();
    expect(rr.predictions).toEqual([]);
    expect(rr.failed).toEqual([{ id: 'poisson-arrivals', text: expect.stringContaining('round-robin over 3 instances') }]);
    expect(failedIds(theory(spread('least-connections'), 'web'))).toEqual(['poisson-arrivals']);
    expect(failedIds(theory(spread('consistent-hash'), 'web'))).toEqual(['known-split']);
  });
});

describe('M/D/1, M/G/1 and M/G/c', () => {
  it('M/D/1: W = S + ρS/(2(1 − ρ)) = 3 ms at ρ = 0.8', () => {
    const doc = mmc(800, 1, { dist: 'constant', ms: 1 });
    const t = theory(doc, 'web');
    expect(t.model).toBe('M/D/1');
    expect(predicted(t, 'meanResponseMs')).toBeCloseTo(3, 12);
    agrees(doc, 'web', 'meanResponseMs');
  });

  it('M/G/1 (Pollaczek–Khinchine) for Erlang-4 service', () => {
    const doc = mmc(700, 1, { dist: 'erlang', meanMs: 1, k: 4 });
    const t = theory(doc, 'web');
    expect(t.model).toBe('M/G/1');
    expect(predicted(t, 'meanWaitMs')).toBeCloseTo((0.7 * 1.25) / (2 * 0.3), 12);
    agrees(doc, 'web', 'meanWaitMs');
  });

  it('has no closed form for M/G/c with c > 1', () => {
    const t = theory(mmc(300, 4, { dist: 'lognormal', medianMs: 8, sigma: 0.5 }), 'web');
    expect(t.failed).toEqual([{ id: 'closed-form', text: expect.stringContaining('M/G/4') }]);
  });
});

describe('loss and overload', () => {
  it('Erlang B for a station with no queue, whatever its service law', () => {
    const doc = mmc(300, 3, { dist: 'lognormal', medianMs: 8, sigma: 0.6 }, { queueCapacity: 0 });
    const t = theory(doc, 'web');
    expect(t.model).toBe('Erlang B (M/G/3/3)');
    const a = 0.3 * 8 * Math.exp(0.18);
    expect(predicted(t, 'rejectedFraction')).toBeCloseTo(erlangB(3, a), 12);
    agrees(doc, 'web', 'rejectedFraction');
  });

  it('an overloaded station turns away λ − cμ once its queue is full', () => {
    const doc = mmc(1500, 1, { dist: 'exponential', meanMs: 1 }, { queueCapacity: 50 });
    const t = theory(doc, 'web');
    expect(t.model).toMatch(/^overload/);
    expect(predicted(t, 'rejectedFraction')).toBeCloseTo(1 / 3, 12);
    agrees(doc, 'web', 'rejectedFraction', 4, 0.01);
  });

  it('says when the queue fills too often for an unbounded model', () => {
    const t = theory(mmc(900, 1, { dist: 'exponential', meanMs: 1 }, { queueCapacity: 10 }), 'web');
    expect(failedIds(t)).toEqual(['unbounded-queue']);
    expect(t.failed[0].text).toContain('queueCapacity 10');
  });
});

describe('assumptions that fail', () => {
  const chain = (edge2: Record<string, unknown> = {}, web: Record<string, unknown> = {}, users: Record<string, unknown> = {}) => ({
    durationMs: 30_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 200, ...users } },
      { id: 'web', kind: 'server', config: { concurrency: 4, queueCapacity: 100_000, io: 'async', serviceTime: { dist: 'exponential', meanMs: 8 }, ...web } },
      { id: 'db', kind: 'server', config: { concurrency: 1, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: 2 } } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'web' },
      { id: 'e2', from: 'web', to: 'db', config: edge2 },
    ],
  });

  it('passes Poisson on through an M/M/c with async io (Burke): the database is an M/M/1', () => {
    const t = theory(chain(), 'db');
    expect(t.model).toBe('M/M/1');
    agrees(chain(), 'db', 'meanWaitMs');
  });

  it('retries feeding back: the callee shows the assumption that fails, not a number', () => {
    const doc = chain({ timeoutMs: 20, retry: { maxAttempts: 3, baseDelayMs: 10 } });
    const t = theory(doc, 'db');
    expect(t.predictions).toEqual([]);
    expect(t.failed).toEqual([{ id: 'no-feedback', text: 'edge e2 retries failed calls (retry.maxAttempts 3)' }]);
    // A breaker and a bulkhead feed back too.
    expect(failedIds(theory(chain({ circuitBreaker: {} }), 'db'))).toEqual(['no-feedback']);
    expect(failedIds(theory(chain({ bulkhead: { maxConcurrent: 5 } }), 'db'))).toEqual(['no-feedback']);
  });

  it('blocking io: the caller holds its workers through its calls, and its callee gets no Poisson stream', () => {
    const doc = chain({}, { io: 'blocking' });
    expect(failedIds(theory(doc, 'web'))).toEqual(['no-blocking-calls']);
    expect(theory(doc, 'db').failed[0]).toMatchObject({ id: 'poisson-arrivals', text: expect.stringContaining("web's completions") });
  });

  it('constant arrivals, a rate schedule, a fault and autoscaling', () => {
    expect(theory(chain({}, {}, { arrival: 'constant' }), 'web').failed).toEqual([
      { id: 'poisson-arrivals', text: 'arrivals into web are not Poisson: users sends at constant intervals (arrival: constant)' },
    ]);
    expect(failedIds(theory(chain({}, {}, { rateSchedule: [{ atMs: 1000, rps: 300 }] }), 'web'))).toEqual(['stationary']);
    // Downstream, the web tier's completions are no longer known to be Poisson either.
    expect(failedIds(theory(chain({}, {}, { rateSchedule: [{ atMs: 1000, rps: 300 }] }), 'db'))).toEqual(['stationary', 'poisson-arrivals']);
    expect(failedIds(theory({ ...chain(), faults: [{ atMs: 5000, action: 'slow', target: 'db' }] }, 'db'))).toEqual(['stationary']);
    expect(failedIds(theory(chain({}, { autoscale: {} }), 'web'))).toEqual(['stationary']);
  });

  it('sequential calls: the second edge’s calls wait for the first’s answers; repeated calls come in bursts', () => {
    const doc = chain();
    doc.nodes.push({ id: 'cache2', kind: 'server', config: { concurrency: 1, queueCapacity: 1000, serviceTime: { dist: 'exponential', meanMs: 1 } } } as never);
    doc.edges.push({ id: 'e3', from: 'web', to: 'cache2', config: {} });
    expect(theory(doc, 'db').model).toBe('M/M/1');
    expect(theory(doc, 'cache2').failed[0].text).toContain('only after its call over e2 returns');
    expect(theory(chain({ callsPerRequest: 3 }), 'db').failed[0].text).toContain('3 times in a row');
  });

  it('the same requests by two paths are not independent streams', () => {
    const doc = chain();
    (doc.nodes[1].config as Record<string, unknown>).calls = 'parallel';
    doc.nodes.push({ id: 'mid', kind: 'loadBalancer', config: { processingTime: 0 } } as never);
    doc.edges.push({ id: 'e3', from: 'web', to: 'mid', config: {} }, { id: 'e4', from: 'mid', to: 'db', config: {} });
    expect(theory(doc, 'db').failed[0].text).toContain('the same requests reach db twice');
  });

  it('names a node no traffic reaches', () => {
    const doc = chain({}, {}, { rps: 0 });
    expect(failedIds(theory(doc, 'web'))).toEqual(['traffic']);
  });
});

describe('databases and queues', () => {
  const db = (config: Record<string, unknown>, writeFraction = 0, rps = 600) => ({
    durationMs: 60_000,
    warmupMs: 2_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps, writeFraction } },
      { id: 'pg', kind: 'database', config: { readTime: { dist: 'exponential', meanMs: 5 }, ...config } },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'pg', config: { latency: 0 } }],
  });

  it('a connection pool is an M/M/c; with no wait allowed, Erlang B', () => {
    const t = theory(db({ connections: 4 }), 'pg');
    expect(t.model).toBe('M/M/4');
    agrees(db({ connections: 4 }), 'pg', 'poolWaitMs');
    const loss = theory(db({ connections: 4, poolTimeoutMs: 0 }), 'pg');
    expect(loss.model).toBe('Erlang B (M/G/4/4)');
    expect(predicted(loss, 'poolTimeoutFraction')).toBeCloseTo(erlangB(4, 3), 12);
    agrees(db({ connections: 4, poolTimeoutMs: 0 }), 'pg', 'poolTimeoutFraction');
  });

  it('reads and writes of different laws on one connection are an M/G/1; on several, no closed form', () => {
    const mixed = db({ connections: 1, writeTime: { dist: 'exponential', meanMs: 10 } }, 0.2, 100);
    const one = theory(mixed, 'pg');
    expect(one.model).toBe('M/G/1');
    // E[S] = 0.8·5 + 0.2·10 = 6 ms, E[S²] = 0.8·50 + 0.2·200 = 80 ms²: Wq = 0.1·80 / (2·0.4) = 10 ms.
    expect(predicted(one, 'poolWaitMs')).toBeCloseTo(10, 10);
    agrees(mixed, 'pg', 'poolWaitMs');
    expect(failedIds(theory(db({ connections: 4, writeTime: { dist: 'exponential', meanMs: 10 } }, 0.2), 'pg'))).toEqual(['closed-form']);
    expect(failedIds(theory(db({ shards: 2 }), 'pg'))).toEqual(['known-split']);
    expect(failedIds(theory(db({ connections: 4, poolTimeoutMs: 1 }), 'pg'))).toEqual(['unbounded-queue']);
  });

  it('a queue with alike consumers is one M/M/c, to its p99 from enqueue to done', () => {
    const doc = {
      durationMs: 60_000,
      warmupMs: 5_000,
      nodes: [
        { id: 'producers', kind: 'client', config: { rps: 300 } },
        { id: 'jobs', kind: 'queue' },
        { id: 'workers', kind: 'server', config: { replicas: 5, concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 10 } } },
      ],
      edges: [
        { id: 'e1', from: 'producers', to: 'jobs', config: { latency: 0 } },
        { id: 'e2', from: 'jobs', to: 'workers', config: { latency: 0 } },
      ],
    };
    const t = theory(doc, 'jobs');
    expect(t.model).toBe('M/M/5');
    expect(predicted(t, 'processingLatencyMs.p99')).toBeCloseTo(mmcTimeQuantile(0.3, 0.1, 5, 0.99), 10);
    agrees(doc, 'jobs', 'processingLatencyMs.mean');
    agrees(doc, 'jobs', 'meanWaitMs');
    // The consumers pull: their own arrivals are not Poisson.
    expect(theory(doc, 'workers').failed[0].text).toContain('pull from jobs');
    const batched = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'jobs' ? { ...n, config: { batchSize: 4 } } : n)) };
    expect(failedIds(theory(batched, 'jobs'))).toEqual(['closed-form']);
  });
});

describe("Little's law on a run's own numbers", () => {
  it('gives Lq = λWq and L = λW at a server, matching the report', () => {
    const doc = mmc(150, 2, { dist: 'erlang', meanMs: 10, k: 2 }, { errorRate: 0.1 });
    const r = run(doc, { seed: 5 });
    const web = littlesLaw(r).find((x) => x.node === 'web')!;
    const lq = web.predictions.find((p) => p.field === 'meanQueueLength')!.value;
    const l = web.predictions.find((p) => p.field === 'meanInSystem')!.value;
    expect(Math.abs(lq - simulatedFigure(r, 'web', 'meanQueueLength'))).toBeLessThan(0.01 * lq);
    expect(Math.abs(l - simulatedFigure(r, 'web', 'meanInSystem'))).toBeLessThan(0.01 * l);
    expect(littlesLaw(r).map((x) => x.node)).toEqual(['web']);
  });
});

describe('a design too large to follow', () => {
  it('is refused with a reason instead of taking time and memory in proportion to paths × nodes', () => {
    const paths = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`/p${i}`, 1]));
    const servers = Array.from({ length: 2_000 }, (_, i) => ({ id: `s${i}`, kind: 'server' }));
    const doc = {
      durationMs: 1000,
      nodes: [{ id: 'users', kind: 'client', config: { paths } }, { id: 'lb', kind: 'loadBalancer' }, ...servers],
      edges: [{ id: 'e', from: 'users', to: 'lb' }, ...servers.map((s, i) => ({ id: `e${i}`, from: 'lb', to: s.id }))],
    };
    const t = predictTheory(scenario(doc));
    expect(t.stations).toHaveLength(2002);
    expect(t.stations[5].failed).toEqual([{ id: 'closed-form', text: 'too large to follow here: 10000 client paths through 2002 nodes' }]);
  });
});
