/**
 * The database trade-offs' lessons: a connection pool against Erlang C (and against its
 * saturated throughput when too small), stale replica reads against the chance that a key
 * was written within the lag, and shard loads against the zipf mass of each shard's keys.
 */
import { expect } from 'vitest';
import { nodeReport } from '../../src/engine';
import { mix32 } from '../../src/engine/core/rng';
import { applyTryChanges } from '../../src/model/gallery';
import { mmc, zipfProbabilities } from '../../src/theory';
import { observed, replicated, within, type Lesson } from './lessonKit';
import { stretch, tried, type Observation } from './observe';

const db = (o: Observation) => nodeReport(o.report, 'db', 'database');

export const DATABASE_LESSONS: Record<string, Lesson> = {
  'pool-sizing'(entry) {
    // 800 queries a second of 10 ms on 6 connections: saturated, they complete 600 a second
    // and the rest time out after waiting the full second.
    const failed = replicated(entry, (o) => stretch(o, 10_000, 40_000).errorRate, entry.document, 4);
    within(failed.mean, 1 - 600 / 800, 4 * failed.se, 'share failed with 6 connections');
    const small = observed(entry.document);
    expect(db(small).poolTimeouts).toBe(small.report.requests.error);
    expect(db(small).poolWaitMs).toBeGreaterThan(900);
    expect(small.report.latencyMs.p50).toBeGreaterThan(900);
    // 12 connections: M/M/12 at a = 8, a wait of a third of a millisecond by Erlang C.
    const theory = mmc(0.8, 0.1, 12);
    const twelve = tried(entry);
    const wait = replicated(entry, (o) => db(o).poolWaitMs, twelve);
    within(wait.mean, theory.wq, 4 * wait.se, 'pool wait with 12 connections (Erlang C)');
    // 200 connections: nothing left to buy. Queries never wait, so the response is the query
    // itself, and latency differs from 12 connections by the 0.35 ms of waiting alone.
    const large = applyTryChanges(entry.document, [{ path: 'nodes.db.config.connections', value: 200 }]);
    const big = replicated(entry, (o) => db(o).meanResponseMs, large);
    within(big.mean, 10, 4 * big.se, 'query time with 200 connections');
    expect(replicated(entry, (o) => db(o).poolWaitMs, large, 2).mean).toBe(0);
    const right = replicated(entry, (o) => o.report.latencyMs.mean, twelve);
    const huge = replicated(entry, (o) => o.report.latencyMs.mean, large);
    within(right.mean - huge.mean, theory.wq, 4 * Math.hypot(right.se, huge.se), 'latency bought by 188 more connections');
    // … while 8 of the 200 are busy on average.
    within(db(observed(large)).utilization, 8 / 200, 0.005, 'share of the large pool in use');
  },

  'stale-replica-reads'(entry) {
    // Writes to key k commit as a Poisson stream of rate 200 · p_k a second (one request in
    // five of 1,000 a second); a replica read is stale iff one committed within the lag L:
    // probability 1 − e^{−200 p_k L}. Reads follow the same law over the keys.
    const p = zipfProbabilities(1000, 1);
    const staleShare = (lagMs: number) => p.reduce((sum, pk) => sum + pk * (1 - Math.exp(-200 * pk * (lagMs / 1000))), 0);
    const fraction = (o: Observation) => {
      const replicas = db(o).shards[0].replicas;
      expect(db(o).shards[0].replicas.length).toBe(2);
      return db(o).staleReads / replicas.reduce((n, r) => n + r.reads, 0);
    };
    const slow = replicated(entry, fraction, entry.document, 4);
    expect(staleShare(500)).toBeGreaterThan(0.45);
    within(slow.mean, staleShare(500), 4 * slow.se, 'stale share with a 500 ms lag');
    const fast = replicated(entry, fraction, tried(entry), 4);
    within(fast.mean, staleShare(10), 4 * fast.se, 'stale share with a 10 ms lag');
    expect(fast.mean).toBeLessThan(slow.mean / 5);
    // The primary serves no read.
    const o = observed(entry.document);
    expect(db(o).shards[0].reads).toBe(db(o).shards[0].replicas.reduce((n, r) => n + r.reads, 0));
  },

  'hot-shard'(entry) {
    const p = zipfProbabilities(10_000, 1);
    const rangeShare = [0, 1, 2, 3].map((s) => p.slice(2500 * s, 2500 * (s + 1)).reduce((a, b) => a + b, 0));
    expect(rangeShare[0]).toBeGreaterThan(0.85);
    const o = observed(entry.document);
    const shards = db(o).shards;
    // Shard 0 is offered 86% of 6,000 reads a second, more than its 20 connections' 4,000:
    // saturated, its queue grows until queries wait out the second of poolTimeoutMs (after
    // 4,000 / 1,150 ≈ 3.5 s), then it turns away the excess: 1,150 a second of 6,000.
    expect(shards[0].utilization).toBeGreaterThan(0.99);
    const failed = replicated(entry, (x) => stretch(x, 10_000, 30_000).errorRate, entry.document, 4);
    within(failed.mean, (6000 * rangeShare[0] - 4000) / 6000, 4 * failed.se, 'share of reads that time out');
    expect(db(o).poolTimeouts).toBe(o.report.requests.error);
    // The others idle at what their keys are worth: λ · share · 5 ms over 20 connections.
    for (let s = 1; s < 4; s++) within(shards[s].utilization, (6000 * rangeShare[s] * 5) / 20_000, 0.02, `shard ${s} utilisation`);
    // Hash sharding: each shard gets the zipf mass of the keys hashed to it (4 binomial se).
    const h = db(observed(tried(entry)));
    const expected = [0, 0, 0, 0];
    for (let k = 0; k < p.length; k++) expected[mix32(k) % 4] += p[k];
    const total = h.shards.reduce((n, s) => n + s.reads, 0);
    h.shards.forEach((s, i) => within(s.reads / total, expected[i], 4 * Math.sqrt((expected[i] * (1 - expected[i])) / total), `hashed shard ${i} share`));
    for (const s of h.shards) expect(s.utilization).toBeLessThan(0.5);
    expect(h.poolTimeouts).toBe(0);
  },
};
