/**
 * The caching trade-offs' lessons: eviction policies against the independent-reference
 * theory (THEORY.md), the stampede against the count of reads that arrive while a refill is
 * on its way, and write-back's lost writes against the keys dirty at the crash.
 */
import { expect } from 'vitest';
import { createSimulation, nodeReport } from '../../src/engine';
import { parseScenario } from '../../src/model';
import { applyTryChanges } from '../../src/model/gallery';
import { fifoHitRate, lfuHitRate, lruHitRate, zipfProbabilities } from '../../src/theory';
import { refillLoss } from './cacheTheory';
import { observed, replicated, within, type Lesson } from './lessonKit';
import { stretch, tried, type Observation } from './observe';

const hitRate = (o: Observation) => nodeReport(o.report, 'cache', 'cache').hitRate;

export const CACHING_LESSONS: Record<string, Lesson> = {
  'eviction-policies'(entry) {
    const p = zipfProbabilities(50_000, 0.9);
    const capacity = 2000;
    const policy = (eviction: string) => {
      const document = applyTryChanges(entry.document, [{ path: 'nodes.cache.config.eviction', value: eviction }]);
      const m = replicated(entry, hitRate, document, 4);
      // 100,000 reads a run: 4 runs pin the rate to a few thousandths.
      expect(4 * m.se, `the sample pins ${eviction}'s hit rate`).toBeLessThan(0.005);
      return m;
    };
    // LRU against Che, less the reads that miss while a miss is refilled (2.5 ms at 5 reads a ms);
    // the approximation itself is good to well under a percentage point.
    const lru = policy('lru');
    const che = lruHitRate(p, capacity) - refillLoss(p, capacity, 0, 5, 2.5);
    within(lru.mean, che, 4 * lru.se + 0.01, 'LRU against Che');
    // FIFO and random replacement: the same theory, below LRU.
    for (const eviction of ['fifo', 'random']) {
      const m = policy(eviction);
      within(m.mean, fifoHitRate(p, capacity), 4 * m.se + 0.01, `${eviction} against theory`);
      expect(lru.mean - m.mean, `LRU above ${eviction}`).toBeGreaterThan(4 * Math.hypot(lru.se, m.se));
    }
    // LFU above LRU, below the ideal: the 2,000 most popular keys.
    const lfu = replicated(entry, hitRate, tried(entry), 4);
    expect(lfu.mean - lru.mean).toBeGreaterThan(4 * Math.hypot(lru.se, lfu.se));
    expect(lfu.mean).toBeLessThanOrEqual(lfuHitRate(p, capacity));
    // The database serves the misses.
    const o = observed(entry.document);
    within(o.report.nodes.db.arrivals, nodeReport(o.report, 'cache', 'cache').misses, 20, 'database reads vs misses');
  },

  'hot-key-stampede'(entry) {
    const o = observed(entry.document);
    const cache = nodeReport(o.report, 'cache', 'cache');
    const db = nodeReport(o.report, 'db', 'database');
    // The key is filled at the start and after each of its expiries.
    const refills = cache.expirations + 1;
    expect(cache.expirations).toBeGreaterThanOrEqual(10);
    // A miss is back after 52.5 ms (lookup 0.5, network 1 + 1, query 50); the reads arriving
    // meanwhile (Poisson, 2 a ms: 105 ± √105) miss too and each goes to the database.
    expect(db.arrivals).toBe(cache.misses);
    const window = 2 * 52.5;
    within(cache.misses / refills, 1 + window, 4 * Math.sqrt(window / refills), 'database reads per expiry');
    // 105 queries on 20 connections of 50 ms: the last waits about 5 rounds; the p99 of the
    // second of each expiry shows it.
    expect(db.poolWaitMs).toBeGreaterThan(50);
    expect(Math.max(...o.bins.map((b) => b.p99))).toBeGreaterThan(200);
    // Coalesced: one read per refill, and nobody waits longer than the refill.
    const c = observed(tried(entry));
    const coalesced = nodeReport(c.report, 'cache', 'cache');
    expect(nodeReport(c.report, 'db', 'database').arrivals).toBe(coalesced.expirations + 1);
    expect(coalesced.coalesced).toBe(coalesced.misses - (coalesced.expirations + 1));
    expect(c.report.latencyMs.max).toBeLessThanOrEqual(52.5 + 1 + 0.01 * 54);
  },

  'write-back-loss'(entry) {
    // Just before the crash at 30 s, the keys written and not yet flushed: exactly what it loses.
    const parsed = parseScenario(entry.document);
    if (!parsed.ok) throw new Error('invalid');
    const sim = createSimulation(parsed.scenario);
    sim.runUntil(30_000 - 1e-6);
    const dirty = nodeReport(sim.report(), 'cache', 'cache').dirtyKeys;
    sim.runToEnd();
    const lost = nodeReport(sim.report(), 'cache', 'cache').lostWrites;
    expect(lost).toBe(dirty);
    // At most a flush period's writes: 500 a second (Poisson) for 1 s, fewer distinct keys.
    expect(lost).toBeGreaterThan(50);
    expect(lost).toBeLessThanOrEqual(500 + 4 * Math.sqrt(500));
    // The crash fails the second it is down, then nothing.
    const o = observed(entry.document);
    expect(stretch(o, 30_000, 31_000).errorRate).toBe(1);
    expect(stretch(o, 31_000, 40_000).errorRate).toBe(0);
    // Write-through: nothing lost, and writes wait for the database (12.5 ms more for half the requests).
    const through = observed(tried(entry));
    const tc = nodeReport(through.report, 'cache', 'cache');
    expect(tc.lostWrites).toBe(0);
    expect(tc.dirtyKeys).toBe(0);
    expect(through.report.latencyMs.mean).toBeGreaterThan(o.report.latencyMs.mean + 4);
    // The same users make the same writes in both runs (each node draws from its own stream):
    // write-through applies every one, write-back one per key per flush (2,000 keys, 500
    // writes a second: about one in ten is a repeat within its second) less what it lost.
    const applied = (x: Observation) => nodeReport(x.report, 'db', 'database').writesApplied;
    expect(applied(o)).toBeLessThan(0.95 * applied(through));
  },
};
