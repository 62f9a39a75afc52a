/**
 * The database against queueing theory (THEORY.md) and exact figures: a connection pool is
 * a station, so one connection with constant reads is M/D/1 and c connections with
 * exponential reads are M/M/c (Erlang C); opening a connection per query adds its time;
 * replicas are stale exactly while a write is younger than the lag; shards split the keys.
 * Statistics are estimated from seeded replications, with tolerances of 4 standard errors
 * of the estimate, each checked to be tight enough to mean something.
 */
import { describe, expect, it } from 'vitest';
import { nodeReport, type Report } from '../../src/engine';
import { mix32 } from '../../src/engine/core/rng';
import { md1, mmc, zipfProbabilities } from '../../src/theory';
import { replicate, run, seeds } from '../helpers';

const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs theory ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);

/** Poisson reads at `rps` straight into a database (no network). */
function reads(rps: number, db: Record<string, unknown>, durationMs = 300_000) {
  return {
    durationMs,
    warmupMs: 5_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps } },
      { id: 'pg', kind: 'database', config: { poolTimeoutMs: 86_400_000, ...db } },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'pg', config: { latency: 0 } }],
  };
}

describe('a connection pool is a station', () => {
  it('one connection with constant 10 ms reads is M/D/1: at 80 rps, Wq = 20 ms and W = 30 ms', () => {
    const doc = reads(80, { connections: 1, readTime: { dist: 'constant', ms: 10 } });
    const reports = seeds(10).map((seed) => run(doc, { seed }));
    const theory = md1(0.08, 10);
    const wq = replicate(seeds(10), (s) => nodeReport(reports[s - 1], 'pg', 'database').poolWaitMs);
    const w = replicate(seeds(10), (s) => nodeReport(reports[s - 1], 'pg', 'database').meanResponseMs);
    expect(theory.wq).toBeCloseTo(20, 9);
    expect(4 * wq.se).toBeLessThan(0.1 * 20);
    within(wq.mean, theory.wq, 4 * wq.se);
    within(w.mean, theory.w, 4 * w.se);
    // The read itself (the two means cover the same queries but for those in service at the end).
    within(w.mean - wq.mean, 10, 0.01);
  });

  it('a pool too small makes queries wait as Erlang C says: 4 and 5 connections at 320 rps of 10 ms reads', () => {
    const waits: number[] = [];
    for (const c of [4, 5]) {
      const doc = reads(320, { connections: c, readTime: { dist: 'exponential', meanMs: 10 } });
      const theory = mmc(0.32, 0.1, c);
      const wq = replicate(seeds(10), (seed) => nodeReport(run(doc, { seed }), 'pg', 'database').poolWaitMs);
      expect(4 * wq.se).toBeLessThan(0.15 * theory.wq);
      within(wq.mean, theory.wq, 4 * wq.se);
      waits.push(wq.mean);
    }
    // One connection fewer: about three times the wait (ρ 0.64 → 0.8).
    expect(waits[0] / waits[1]).toBeGreaterThan(2.5);
  });

  it('a query that cannot get a connection within poolTimeoutMs fails, and no query waits longer', () => {
    // Twice what one connection can serve: half the queries must time out.
    const r = run(reads(200, { connections: 1, readTime: { dist: 'constant', ms: 10 }, poolTimeoutMs: 50 }, 60_000));
    const db = nodeReport(r, 'pg', 'database');
    expect(db.poolWaitMs).toBeLessThanOrEqual(50);
    expect(db.poolWaitMs).toBeGreaterThan(40);
    expect(db.poolTimeouts).toBe(db.errors);
    expect(db.errors).toBe(r.requests.error);
    // Served at capacity, 100 a second; the rest time out.
    within(db.completed / 55, 100, 1);
    within(db.poolTimeouts / db.arrivals, 0.5, 0.02);
  });

  it('pooling: false adds connectTime to every query', () => {
    const base = { connections: 1_000, readTime: { dist: 'constant', ms: 5 }, connectTime: { dist: 'constant', ms: 20 } };
    const pooled = nodeReport(run(reads(100, { ...base, pooling: true }, 20_000)), 'pg', 'database');
    const unpooled = run(reads(100, { ...base, pooling: false }, 20_000));
    const db = nodeReport(unpooled, 'pg', 'database');
    expect(pooled.meanResponseMs).toBeCloseTo(5, 9);
    expect(db.meanResponseMs).toBeCloseTo(25, 9);
    expect(unpooled.latencyMs.max).toBeCloseTo(25, 9);
    expect(unpooled.latencyMs.mean).toBeCloseTo(25, 9);
  });
});

describe('read replicas', () => {
  /** 500 rps over 20 keys, one in five a write; two replicas take the reads. */
  function replicated(lagMs: number) {
    return {
      durationMs: 65_000,
      warmupMs: 5_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 500, writeFraction: 0.2, keys: { count: 20 } } },
        {
          id: 'pg',
          kind: 'database',
          config: {
            connections: 50,
            readReplicas: 2,
            replicationLag: { dist: 'constant', ms: lagMs },
            readTime: { dist: 'exponential', meanMs: 2 },
            writeTime: { dist: 'exponential', meanMs: 2 },
          },
        },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'pg', config: { latency: 0 } }],
    };
  }

  it('never read stale with no lag', () => {
    for (const seed of seeds(3)) {
      const db = nodeReport(run(replicated(0), { seed }), 'pg', 'database');
      expect(db.shards[0].replicas.map((r) => r.reads).every((n) => n > 10_000)).toBe(true);
      expect(db.staleReads).toBe(0);
    }
  });

  it('with a lag L, read stale exactly when the key was written less than L ago: 1 − e^{−wL}', () => {
    // Writes commit as a Poisson process (Poisson arrivals through uncontended connections:
    // M/M/∞ departures), 100 a second over 20 keys: w = 5 per second and key. A replica read
    // at t is stale iff a write of its key committed in (t − L, t].
    const lagMs = 100;
    const expected = 1 - Math.exp(-5 * (lagMs / 1000));
    const fraction = replicate(seeds(6), (seed) => {
      const r: Report = run(replicated(lagMs), { seed });
      const db = nodeReport(r, 'pg', 'database');
      const replicaReads = db.shards[0].replicas.reduce((n, x) => n + x.reads, 0);
      expect(db.shards[0].replicas.reduce((n, x) => n + x.staleReads, 0)).toBe(db.staleReads);
      expect(db.shards[0].reads).toBe(replicaReads); // the primary serves no read
      return db.staleReads / replicaReads;
    });
    expect(4 * fraction.se).toBeLessThan(0.02);
    within(fraction.mean, expected, 4 * fraction.se);
  });
});

describe('shards', () => {
  /** Reads at 2,000 rps over 4 shards; `clients` decide the keys. */
  function sharded(sharding: string, clients: Record<string, unknown>[]) {
    return {
      durationMs: 20_000,
      nodes: [
        ...clients.map((config, i) => ({ id: `c${i}`, kind: 'client', config })),
        { id: 'pg', kind: 'database', config: { shards: 4, sharding, connections: 100, readTime: { dist: 'constant', ms: 1 } } },
      ],
      edges: clients.map((_, i) => ({ id: `e${i}`, from: `c${i}`, to: 'pg', config: { latency: 0 } })),
    };
  }
  const shares = (r: Report) => {
    const db = nodeReport(r, 'pg', 'database');
    const total = db.shards.reduce((n, s) => n + s.reads, 0);
    return { total, shares: db.shards.map((s) => s.reads / total), utilization: db.shards.map((s) => s.utilization) };
  };
  /** Each shard's share within 4 binomial standard errors of what the key law gives it. */
  const agree = (got: { total: number; shares: number[] }, expected: number[]) =>
    got.shares.forEach((share, s) => within(share, expected[s], 4 * Math.sqrt((expected[s] * (1 - expected[s])) / got.total)));

  /** What hashing gives each shard: the probabilities of the keys it holds. */
  const hashShares = (p: ArrayLike<number>) => {
    const expected = [0, 0, 0, 0];
    for (let k = 0; k < p.length; k++) expected[mix32(k) % 4] += p[k];
    return expected;
  };
  const uniformLaw = (n: number) => new Float64Array(n).fill(1 / n);

  it('hash sharding spreads uniform keys evenly but zipf keys make the shard of the hottest key visibly hotter', () => {
    const uniform = shares(run(sharded('hash', [{ rps: 2_000, keys: { count: 1_000 } }])));
    const even = hashShares(uniformLaw(1_000));
    for (const share of even) within(share, 0.25, 0.03); // 1,000 keys hash into near-equal parts
    agree(uniform, even);

    const p = zipfProbabilities(1_000, 1.0);
    const expected = hashShares(p);
    const zipf = shares(run(sharded('hash', [{ rps: 2_000, keys: { count: 1_000, distribution: 'zipf', exponent: 1.0 } }])));
    agree(zipf, expected);
    const hot = mix32(0) % 4; // key 0 is the most popular (13% of all reads alone)
    for (let s = 0; s < 4; s++) if (s !== hot) expect(zipf.shares[hot]).toBeGreaterThan(1.3 * zipf.shares[s]);
    expect(zipf.utilization[hot]).toBe(Math.max(...zipf.utilization));
  });

  it('range sharding of a sequential key range puts it all on one shard, which hash sharding spreads', () => {
    // The key space is 100,000 keys (the largest client's); the traffic reads the first
    // 10,000, a recent range (ids handed out in order).
    const clients = [{ rps: 0, keys: { count: 100_000 } }, { rps: 2_000, keys: { count: 10_000 } }];
    const range = shares(run(sharded('range', clients)));
    expect(range.total).toBeGreaterThan(39_000);
    expect(range.shares).toEqual([1, 0, 0, 0]);
    agree(shares(run(sharded('hash', clients))), hashShares(uniformLaw(10_000)));
    // And the same range over the whole key space is even.
    agree(shares(run(sharded('range', [{ rps: 2_000, keys: { count: 100_000 } }]))), [0.25, 0.25, 0.25, 0.25]);
  });
});
