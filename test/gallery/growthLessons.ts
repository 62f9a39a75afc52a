/**
 * The growth path's lessons. Steps 1 to 4 climb in four 15-second steps; each check reads a
 * step from 2 s after it starts (the queues settle) to its end. Where a design is saturated,
 * its workers or connections are busy all the time, so it completes exactly c / E[S] a
 * second: the share turned away is 1 − (c / E[S]) / λ. Utilisation below saturation is
 * λ · E[S] / c. Both are compared over 8 replications within 4 standard errors.
 */
import { expect } from 'vitest';
import { nodeReport } from '../../src/engine';
import type { GalleryEntry } from '../../src/model/gallery';
import { zipfProbabilities } from '../../src/theory';
import { lruWithInvalidations, refillLoss } from './cacheTheory';
import { mix32 } from '../../src/engine/core/rng';
import { edge, node, nodeMax, nodeMean, nodeSum, observed, replicated, within, type Lesson } from './lessonKit';
import { stretch, tried, type Observation } from './observe';

/** The k-th step of a climb (0–3), from 2 s after it starts to its end. */
const step = (k: number) => [15_000 * k + 2_000, 15_000 * (k + 1)] as const;

/** A request's query: 9 reads in 10 of 5 ms, 1 write of 10 ms. */
const QUERY_MS = 0.9 * 5 + 0.1 * 10;
const APP_MS = 5;

/** Utilisation of `id` over each of the first `steps` steps of a climb to `top`, against λ · E[S] / c. */
function utilisationFollowsLoad(entry: GalleryEntry, id: string, top: number, serviceMs: number, workers: number, steps: number) {
  for (let k = 0; k < steps; k++) {
    const rps = ((k + 1) * top) / 4;
    const u = replicated(entry, (o) => nodeMean(o, id, 'utilization', ...step(k)));
    within(u.mean, (rps * serviceMs) / (1000 * workers), 4 * u.se, `${id} utilisation at ${rps} rps`);
  }
}

/** The share of requests turned away when `capacityRps` is served of `rps` offered. */
function saturatedShare(entry: GalleryEntry, k: number, rps: number, capacityRps: number, what: string) {
  const share = replicated(entry, (o) => stretch(o, ...step(k)).errorRate);
  within(share.mean, 1 - capacityRps / rps, 4 * share.se, what);
}

export const GROWTH_LESSONS: Record<string, Lesson> = {
  'growth-one-server'(entry) {
    // A core is held for the app's 5 ms and the query on the same machine (no network).
    const holdMs = APP_MS + QUERY_MS;
    utilisationFollowsLoad(entry, 'web', 900, holdMs, 8, 3);
    const base = observed(entry.document);
    // Nothing turned away below 90% busy (at 89%, a full queue of 100 is a rare event).
    for (let k = 0; k < 3; k++) expect(stretch(base, ...step(k)).errorRate, `step ${k + 1}`).toBeLessThan(0.001);
    // At 900 a second the machine serves 8 / 10.5 ms ≈ 762.
    saturatedShare(entry, 3, 900, 8000 / holdMs, 'share turned away at 900 rps');
    expect(base.report.requests.rejected).toBeGreaterThan(1000);
    // The database never queues: it runs on the app's cores, at most 8 queries at once.
    expect(nodeReport(base.report, 'db', 'database').poolWaitMs).toBe(0);
    // Cores free while the query runs: 900 a second fit.
    expect(observed(tried(entry)).report.requests.rejected).toBe(0);
  },

  'growth-database-tier'(entry) {
    utilisationFollowsLoad(entry, 'web', 1800, APP_MS, 8, 3);
    const base = observed(entry.document);
    // 900 a second, which broke step 1, and 1,350 run without a refusal.
    for (let k = 0; k < 3; k++) expect(stretch(base, ...step(k)).errorRate, `step ${k + 1}`).toBeLessThan(0.001);
    // At 1,800 the web server (1,600 at most) is the limit again.
    saturatedShare(entry, 3, 1800, 8000 / APP_MS, 'share turned away at 1,800 rps');
    // The database keeps up with what the web server passes on: 1,600 × 5.5 ms over 12 connections.
    const db = replicated(entry, (o) => nodeMean(o, 'db', 'utilization', ...step(3)));
    within(db.mean, (1600 * QUERY_MS) / 12_000, 4 * db.se, 'database utilisation at 1,800 rps');
    expect(nodeReport(base.report, 'db', 'database').poolTimeouts).toBe(0);
    expect(observed(tried(entry)).report.requests.rejected).toBe(0);
  },

  'growth-load-balancer'(entry) {
    const base = observed(entry.document);
    // The web tier never refuses, and least-connections shares it evenly.
    expect(node(base, 'web').rejected).toBe(0);
    const served = node(base, 'lb').instances.map((i) => i.served);
    const total = served.reduce((a, b) => a + b, 0);
    for (const s of served) within(s / total, 1 / 3, 0.01, 'share of each web server');
    // Up to 1,800 a second the database keeps up: 12 connections, 5.5 ms a query.
    for (let k = 0; k < 2; k++) expect(stretch(base, ...step(k)).errorRate, `step ${k + 1}`).toBe(0);
    const db = replicated(entry, (o) => nodeMean(o, 'db', 'utilization', ...step(1)));
    within(db.mean, (1800 * QUERY_MS) / 12_000, 4 * db.se, 'database utilisation at 1,800 rps');
    // From 2,700 its queries wait out the pool timeout; at 3,600 it serves 12 / 5.5 ms ≈ 2,182.
    expect(stretch(base, ...step(2)).meanLatencyMs).toBeGreaterThan(500);
    saturatedShare(entry, 3, 3600, 12_000 / QUERY_MS, 'share failed at 3,600 rps');
    expect(nodeReport(base.report, 'db', 'database').poolTimeouts).toBeGreaterThan(10_000);
    // … while the web servers are far from busy.
    expect(nodeMean(base, 'web', 'utilization', ...step(3))).toBeLessThan(0.8);
    // Read replicas take the reads: nothing fails.
    const replicas = observed(tried(entry));
    expect(replicas.report.requests.error).toBe(0);
    expect(stretch(replicas, ...step(3)).meanLatencyMs).toBeLessThan(30);
  },

  'growth-cache'(entry) {
    const w = 0.1;
    const capacity = 5000;
    const p = zipfProbabilities(100_000, 1);
    const hitRateIn = (o: Observation, k: number) => {
      const hits = nodeSum(o, 'cache', 'hits', ...step(k));
      return hits / (hits + nodeSum(o, 'cache', 'misses', ...step(k)));
    };
    // The hit rate in steps 2 and 4 against Che with invalidations, less the refill race
    // (which grows with λ). A refill: the lookup, the network both ways, the wait for a
    // connection and the read (5 ms on average).
    const theory = lruWithInvalidations(p, capacity, w);
    expect(theory).toBeGreaterThan(0.6);
    const base = observed(entry.document);
    const refillMs = 0.5 + 1 + nodeReport(base.report, 'db', 'database').poolWaitMs + 5;
    for (const k of [1, 3]) {
      const rps = ((k + 1) * 3600) / 4;
      const measured = replicated(entry, (o) => hitRateIn(o, k), entry.document, 4);
      const expected = theory - refillLoss(p, capacity, w, (rps * (1 - w)) / 1000, refillMs);
      expect(4 * measured.se, 'the sample pins the hit rate').toBeLessThan(0.01);
      within(measured.mean, expected, 4 * measured.se + 0.01, `hit rate at ${rps} rps`);
    }
    // Only misses and writes reach the database: its reads are the cache's misses (less the few in flight).
    const db = nodeReport(base.report, 'db', 'database');
    const cache = nodeReport(base.report, 'cache', 'cache');
    within(db.shards[0].reads, cache.misses, 20, 'database reads vs cache misses');
    // Where step 3 drowned, the database keeps up at 3,600 a second.
    expect(base.report.requests.error + base.report.requests.rejected).toBe(0);
    expect(nodeMean(base, 'db', 'utilization', ...step(3))).toBeLessThan(0.95);
    // Four times the entries: a higher hit rate and a calmer database, though short of four
    // times better (the larger cache is still filling with rarer keys in the last step).
    const bigger = observed(tried(entry));
    expect(hitRateIn(bigger, 3)).toBeGreaterThan(hitRateIn(base, 3) + 0.05);
    expect(nodeMean(bigger, 'db', 'utilization', ...step(3))).toBeLessThan(nodeMean(base, 'db', 'utilization', ...step(3)) - 0.1);
  },

  'growth-cdn-shards'(entry) {
    const o = observed(entry.document);
    const cdn = nodeReport(o.report, 'cdn', 'cdn');
    // The edge answers most /static reads; the web tier sees /api, the /static writes and the misses.
    expect(cdn.hitRate).toBeGreaterThan(0.6);
    within(node(o, 'lb').arrivals, cdn.passedThrough + cdn.misses, 10, 'requests past the CDN');
    expect(node(o, 'lb').arrivals).toBeLessThan(0.9 * o.report.requests.generated);
    expect(o.report.requests.error + o.report.requests.rejected).toBe(0);
    // Every write reaches the database, and a hash of its key picks the shard: each shard's
    // share of the writes is the zipf mass of its keys, within 4 binomial standard errors.
    const p = zipfProbabilities(100_000, 1);
    const expected = [0, 0, 0, 0];
    for (let k = 0; k < p.length; k++) expected[mix32(k) % 4] += p[k];
    const db = nodeReport(o.report, 'db', 'database');
    const writes = db.shards.map((s) => s.writes);
    const total = writes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20_000);
    writes.forEach((n, s) => within(n / total, expected[s], 4 * Math.sqrt((expected[s] * (1 - expected[s])) / total), `shard ${s} share of writes`));
    for (const shard of db.shards) expect(shard.utilization).toBeLessThan(0.6);
    // One shard must take it all: more than its 12 connections can serve.
    const one = observed(tried(entry));
    expect(nodeReport(one.report, 'db', 'database').shards[0].utilization).toBeGreaterThan(0.99);
    expect(one.report.requests.error).toBeGreaterThan(0.15 * one.report.requests.generated);
  },

  'growth-gateway-queue'(entry) {
    const o = observed(entry.document);
    const queue = nodeReport(o.report, 'jobs', 'queue');
    const gateway = nodeReport(o.report, 'gateway', 'apiGateway');
    // Every /jobs request became a message, and none was refused or failed.
    expect(queue.enqueued).toBe(gateway.routes['/jobs']);
    expect(o.report.requests.error + o.report.requests.rejected).toBe(0);
    // Users wait milliseconds; the jobs themselves take 200 ms and more.
    expect(o.report.latencyMs.p99).toBeLessThan(100);
    expect(queue.processingLatencyMs.p50).toBeGreaterThanOrEqual(200);
    expect(queue.processingLatencyMs.p99).toBeGreaterThan(1000);
    // During the burst 400 jobs a second meet 64 workers of 200 ms (320 a second): the backlog
    // grows at 80 a second for 10 s. Arrivals in the burst are Poisson (about 4,000, sd 63), so
    // the peak is 800 within 4 × 63, plus the little queue there was before it.
    within(queue.maxDepth, 800, 4 * Math.sqrt(4000) + 20, 'largest backlog');
    // It drains once the burst is over (at 320 − 200 = 120 a second: in about 7 s).
    expect(nodeMax(o, 'jobs', 'depth', 40_000)).toBeLessThan(10);
    expect(edge(o, 'direct').calls).toBe(0);
    // Sent straight to the workers, /jobs requests wait out the work, and the burst is refused.
    const direct = observed(tried(entry));
    expect(nodeReport(direct.report, 'jobs', 'queue').enqueued).toBe(0);
    expect(node(direct, 'workers').rejected).toBeGreaterThan(100);
    expect(direct.report.latencyMs.p99).toBeGreaterThan(1000);
  },
};
