/**
 * Every built-in scenario teaches its lesson: run headless, the report (and the frames the
 * charts draw) shows what the entry's "watch" text says, and its "try" change shows the
 * other side of the trade-off. Where theory has the number (Erlang C, M/M/c/K loss, G/M/1,
 * the maximum of exponentials, saturated throughput c / E[S], Che's approximation and its
 * FIFO counterpart, the chance of a write within a replica's lag, a fixed window's 2 × limit),
 * the run is compared with it over replications, within 4 standard errors (plus the
 * histogram's 1% for percentiles, or the approximation's own error). The checks of the
 * growth path and of the data-tier and traffic trade-offs live in their own files.
 */
import { describe, expect, it } from 'vitest';
import { GALLERY, galleryEntry } from '../../src/model/gallery';
import { CACHING_LESSONS } from './cachingLessons';
import { DATABASE_LESSONS } from './databaseLessons';
import { GROWTH_LESSONS } from './growthLessons';
import { edge, node, replicated, server, within, type Lesson } from './lessonKit';
import { erlangArrivalsResponse, mmcResponse, observe, stretch, tried } from './observe';
import { TRAFFIC_LESSONS } from './trafficLessons';
import { duplicateWritesLesson } from './duplicateWritesLesson';

const LESSONS: Record<string, Lesson> = {
  ...GROWTH_LESSONS,
  ...CACHING_LESSONS,
  ...DATABASE_LESSONS,
  ...TRAFFIC_LESSONS,

  'slow-server'(entry) {
    const rr = observe(entry.document);
    const arrivals = ['s0', 's1', 's2', 'slow'].map((id) => node(rr, id).arrivals);
    const total = arrivals.reduce((a, b) => a + b, 0);
    within(arrivals[3] / total, 0.25, 0.001, 'round robin share of the slow server');
    within(node(rr, 'slow').utilization, 0.75, 0.03, 'slow server utilisation');
    // Round robin makes every 4th arrival go to the slow server: Erlang-4 arrivals into a
    // 5 ms exponential server at 150/s, an E4/M/1 queue.
    const r = replicated(entry, (o) => node(o, 'slow').meanResponseMs);
    within(r.mean, erlangArrivalsResponse(4, 0.15, 5), 4 * r.se, 'slow server mean response (E4/M/1)');
    const lc = observe(tried(entry));
    expect(node(lc, 'slow').arrivals / lc.report.requests.generated).toBeLessThan(0.2);
    expect(lc.report.latencyMs.p99).toBeLessThan(rr.report.latencyMs.p99 / 2);
  },

  'web-app'(entry) {
    const o = observe(entry.document);
    // The crash at 20 s fails a few seconds of that instance's share, then health checks take it out.
    expect(o.report.requests.error).toBeGreaterThan(100);
    expect(stretch(o, 20_000, 25_000).errorRate).toBeGreaterThan(0.05);
    expect(stretch(o, 25_000, 60_000).errorRate).toBe(0);
    const served = node(o, 'lb').instances.map((i) => i.served);
    expect(served[0]).toBeLessThan(0.8 * Math.min(served[1], served[2]));
    // Without health checks, least-connections pours traffic into the fast-failing dead instance.
    const blind = observe(tried(entry));
    expect(stretch(blind, 22_000, 40_000).errorRate).toBeGreaterThan(0.5);
    expect(stretch(blind, 41_000, 60_000).errorRate).toBe(0);
    expect(blind.report.requests.error).toBeGreaterThan(5 * o.report.requests.error);
  },

  sessions(entry) {
    const o = observe(entry.document);
    const app = node(o, 'app');
    // Round robin over 4 instances: the next request of a user lands on its session's instance
    // one time in four (first requests are not misses).
    const share = server(o, 'app').sessionMisses / app.arrivals;
    expect(share).toBeGreaterThan(0.68);
    expect(share).toBeLessThan(0.76);
    expect(server(observe(tried(entry)), 'app').sessionMisses).toBe(0);
  },

  'sticky-crash'(entry) {
    // Until the crash, sticky sessions never miss.
    const before = observe(entry.document, { durationMs: 29_000 });
    expect(server(before, 'app').sessionMisses).toBe(0);
    // The crash moves instance 1's users, about a quarter of 400 (binomial sd ≈ 8.7), all at once.
    const o = observe(entry.document);
    within(server(o, 'app').sessionMisses, 100, 35, 'session misses after the crash');
    expect(o.report.requests.error).toBeLessThan(0.01 * o.report.requests.generated);
    const roundRobin = observe(tried(entry));
    expect(server(roundRobin, 'app').sessionMisses).toBeGreaterThan(0.6 * node(roundRobin, 'app').arrivals);
  },

  'retry-storm'(entry) {
    const o = observe(entry.document);
    expect(stretch(o, 10_000, 20_000).errorRate).toBe(0);
    // The backend is fast again from 30 s, but the retries keep it drowning to the end.
    expect(stretch(o, 40_000, 60_000).errorRate).toBeGreaterThan(0.95);
    expect(edge(o, 'calls').calls).toBeGreaterThan(2 * o.report.requests.generated);
    expect(edge(o, 'calls').retries).toBeGreaterThan(0.3 * edge(o, 'calls').calls);
    // Without retries it recovers within seconds.
    const plain = observe(tried(entry));
    expect(stretch(plain, 20_000, 30_000).errorRate).toBeGreaterThan(0.5);
    expect(stretch(plain, 45_000, 60_000).errorRate).toBeLessThan(0.01);
  },

  'circuit-breaker'(entry) {
    const o = observe(entry.document);
    expect(edge(o, 'calls').circuitOpened).toBeGreaterThanOrEqual(1);
    expect(edge(o, 'calls').shortCircuited).toBeGreaterThan(1000);
    expect(stretch(o, 40_000, 60_000).errorRate).toBeLessThan(0.01);
    // It spares the backend the storm's load.
    const storm = observe(galleryEntry('retry-storm')!.document);
    expect(node(o, 'backend').arrivals).toBeLessThan(0.5 * node(storm, 'backend').arrivals);
    // A degraded fallback answers while the breaker is open.
    const degraded = observe(tried(entry));
    expect(degraded.report.requests.error).toBeLessThan(0.2 * o.report.requests.error);
  },

  'duplicate-writes': duplicateWritesLesson,

  'blocking-vs-async'(entry) {
    const o = observe(entry.document);
    // A worker is held 2 ms + 1 ms + 100 ms + 1 ms: 8 workers finish 8 / 104 ms.
    const capacityRps = 8000 / 104;
    // Served per second of the measured 58 s, counting the ~108 still in the server at the end.
    const { ok, inFlight } = o.report.requests;
    within((ok + inFlight) / 58, capacityRps, 0.01 * capacityRps, 'blocking throughput');
    within(o.report.requests.rejected / o.report.requests.generated, 1 - capacityRps / 200, 0.03, 'share rejected');
    expect(o.report.unstable).toContain('front');
    const async = observe(tried(entry));
    expect(async.report.requests.rejected).toBe(0);
    within(async.report.latencyMs.p50, 104, 0.01 * 104 + 0.5, 'async p50');
    expect(node(async, 'front').utilization).toBeLessThan(0.1);
  },

  'n-plus-one'(entry) {
    const o = observe(entry.document);
    // 2 ms of its own, then 20 × (1 ms there + 1 ms query + 1 ms back); little queueing at 20% busy.
    within(o.report.latencyMs.p50, 62, 0.01 * 62, 'N+1 p50');
    within(node(o, 'db').arrivals / node(o, 'api').arrivals, 20, 0.05, 'queries per request');
    const batched = observe(tried(entry));
    within(batched.report.latencyMs.p50, 9, 0.01 * 9 + 0.1, 'batched p50');
  },

  mm1(entry) {
    const mean = replicated(entry, (o) => o.report.latencyMs.mean);
    within(mean.mean, 5, 4 * mean.se, 'mean latency 1/(μ − λ)');
    const p99 = replicated(entry, (o) => o.report.latencyMs.p99);
    within(p99.mean, 5 * Math.log(100), 4 * p99.se + 0.01 * 23, 'p99 ln(100)/(μ − λ)');
    const u = replicated(entry, (o) => node(o, 'web').utilization);
    within(u.mean, 0.8, 4 * u.se, 'utilisation');
    const busier = replicated(entry, (o) => o.report.latencyMs.mean, tried(entry));
    within(busier.mean, 10, 4 * busier.se, 'mean latency at ρ = 0.9');
  },

  pooling(entry) {
    const pooled = replicated(entry, (o) => node(o, 'pooled').meanResponseMs);
    within(pooled.mean, mmcResponse(4, 0.32, 10), 4 * pooled.se, 'M/M/4 mean response');
    const split = replicated(entry, (o) => ['s1', 's2', 's3', 's4'].reduce((a, id) => a + node(o, id).meanResponseMs, 0) / 4);
    within(split.mean, mmcResponse(1, 0.08, 10), 4 * split.se, 'M/M/1 mean response');
    const base = observe(entry.document);
    expect(node(base, 'pooled').meanResponseMs).toBeLessThan(0.6 * node(base, 's1').meanResponseMs);
    expect(node(observe(tried(entry)), 'split').meanResponseMs).toBeLessThan(25);
  },

  'fan-out'(entry) {
    // The maximum of 5 exponentials of mean 10: P(max ≤ t) = (1 − e^(−t/10))^5.
    const quantile = (q: number) => -10 * Math.log(1 - q ** (1 / 5));
    const p50 = replicated(entry, (o) => o.report.latencyMs.p50);
    within(p50.mean, quantile(0.5), 4 * p50.se + 0.01 * quantile(0.5), 'fan-out p50');
    const p99 = replicated(entry, (o) => o.report.latencyMs.p99);
    within(p99.mean, quantile(0.99), 4 * p99.se + 0.01 * quantile(0.99), 'fan-out p99');
    // Sequential calls pay the sum instead: 5 × 10 ms on average.
    const sequential = replicated(entry, (o) => o.report.latencyMs.mean, tried(entry));
    within(sequential.mean, 50, 4 * sequential.se, 'sequential mean');
  },
};

describe('gallery lessons', () => {
  it('every gallery scenario has a lesson check, and every check a scenario', () => {
    expect(Object.keys(LESSONS).sort()).toEqual(GALLERY.map((e) => e.id).sort());
  });

  it.each(GALLERY.map((e) => [e.id, e] as const))('%s', (id, entry) => {
    LESSONS[id](entry);
  });
});
