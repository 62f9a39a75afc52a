/**
 * The cache and the CDN through the whole engine (client → cache → database), against the
 * independent-reference theory of THEORY.md (src/theory/cache.ts) and against exact counts.
 *
 * Hit rates: 8 replications (seeds 1–8) of 20 s measured at 10,000 requests a second after
 * 5 s of warm-up (the cache fills in well under a second): 200,000 reads each. The standard
 * error comes from the spread across replications (successive hits are correlated, so a
 * binomial formula would understate it); it is about 0.0005 here, and each comparison
 * asserts that 4 se is under half its tolerance, so the tolerance mostly covers the
 * approximations themselves, not noise.
 *
 * The theory fills a missed key at the instant of the miss. Through the engine a fill comes
 * back after the network and the database (3 ms here): reads of that key meanwhile miss too.
 * Without a TTL that costs about Σ misses × p_i λ × 3 ms ≈ 0.001 of the hit rate; with a
 * short TTL every expiry of a hot key pays it, so the TTL cases run with zero delays, which
 * is the theory's assumption.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, nodeReport, type Report } from '../../src/engine';
import { fifoHitRate, lfuHitRate, lruHitRate, lruTtlHitRate, ttlHitRate, zipfProbabilities } from '../../src/theory';
import { replicate, run, scenario, seeds } from '../helpers';

const KEYS = 10_000;
const EXPONENT = 0.9;
const CAPACITY = 1_000;
const RPS = 10_000;
const p = zipfProbabilities(KEYS, EXPONENT);

function cached(cache: Record<string, unknown>, delayMs: number) {
  return {
    durationMs: 25_000,
    warmupMs: 5_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: RPS, keys: { count: KEYS, distribution: 'zipf', exponent: EXPONENT } } },
      { id: 'redis', kind: 'cache', config: { capacity: CAPACITY, hitTime: 0, ...cache } },
      { id: 'pg', kind: 'database', config: { readTime: { dist: 'constant', ms: delayMs }, connections: 100 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'redis', config: { latency: delayMs } },
      { id: 'e2', from: 'redis', to: 'pg', config: { latency: delayMs } },
    ],
  };
}

interface Measured {
  mean: number;
  se: number;
  /** Per seed, seeds 1–8 in order. */
  values: number[];
}

const memo = new Map<string, Measured>();
function hitRate(cache: Record<string, unknown>, delayMs = 1): Measured {
  const k = JSON.stringify([cache, delayMs]);
  let m = memo.get(k);
  if (m === undefined) {
    const doc = cached(cache, delayMs);
    m = replicate(seeds(8), (seed) => {
      const r = run(doc, { seed });
      const c = nodeReport(r, 'redis', 'cache');
      expect(c.hits + c.misses).toBeGreaterThan(190_000);
      expect(r.requests.error + r.requests.rejected + r.requests.timeout).toBe(0);
      return c.hitRate;
    });
    memo.set(k, m);
  }
  return m;
}

const within = (m: Measured, expected: number, tolerance: number) => {
  expect(4 * m.se, 'the sample pins the rate well inside the tolerance').toBeLessThan(tolerance / 2);
  expect(Math.abs(m.mean - expected), `${m.mean} vs theory ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);
};
const clearlyBelow = (low: Measured, high: Measured) => expect(high.mean - low.mean).toBeGreaterThan(4 * Math.hypot(low.se, high.se));

describe(`hit rates through the engine: zipf(${EXPONENT}) over ${KEYS} keys, capacity ${CAPACITY}, ${RPS} rps`, () => {
  it('LRU agrees with the Che approximation (≈ 0.556) within 0.02', () => {
    const che = lruHitRate(p, CAPACITY);
    expect(che).toBeCloseTo(0.5565, 3);
    within(hitRate({ eviction: 'lru' }), che, 0.02);
  });

  it('FIFO and random replacement agree with their approximation (≈ 0.510) within 0.02 and trail LRU', () => {
    const theory = fifoHitRate(p, CAPACITY);
    expect(theory).toBeCloseTo(0.51, 2);
    const lru = hitRate({ eviction: 'lru' });
    for (const eviction of ['fifo', 'random']) {
      const m = hitRate({ eviction });
      within(m, theory, 0.02);
      clearlyBelow(m, lru);
    }
  });

  it('LFU beats LRU, under the top-C bound (≈ 0.671)', () => {
    const lfu = hitRate({ eviction: 'lfu' });
    clearlyBelow(hitRate({ eviction: 'lru' }), lfu);
    expect(lfu.mean).toBeLessThanOrEqual(lfuHitRate(p, CAPACITY));
  });

  // LRU's characteristic time is about 1,800 requests, 180 ms at 10 per ms.
  for (const ttlMs of [20, 180, 2_000]) {
    it(`a ttl of ${ttlMs} ms lowers LRU's hit rate as lruTtlHitRate derives`, () => {
      const theory = lruTtlHitRate(p, CAPACITY, RPS / 1000, ttlMs);
      const m = hitRate({ eviction: 'lru', ttlMs }, 0);
      within(m, theory, 0.01);
      // Common random numbers: with the same seed the keys are the same, the TTL store holds
      // exactly LRU's keys (expiry is lazy), so its hits are a subset of plain LRU's.
      const plain = hitRate({ eviction: 'lru' }, 0);
      m.values.forEach((v, i) => expect(v).toBeLessThan(plain.values[i]));
      expect(theory).toBeLessThan(lruHitRate(p, CAPACITY));
    });
  }
});

/** One hot key behind a TTL, read at a constant 2 per ms; the database takes 10 ms a read. */
function hotKey(coalesceMisses: boolean) {
  return {
    durationMs: 10_300,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 2_000, arrival: 'constant', keys: { count: 1 } } },
      { id: 'redis', kind: 'cache', config: { ttlMs: 500, hitTime: 0, coalesceMisses } },
      { id: 'pg', kind: 'database', config: { readTime: { dist: 'constant', ms: 10 }, connections: 100 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'redis', config: { latency: 0 } },
      { id: 'e2', from: 'redis', to: 'pg', config: { latency: 1 } },
    ],
  };
}

describe('a hot key expiring under load', () => {
  // A miss refills after 1 + 10 + 1 = 12 ms; at 2 reads a ms, 24 reads arrive meanwhile.
  it('without coalescing stampedes the database: every read in the refill window reads it', () => {
    const r = run(hotKey(false));
    const cache = nodeReport(r, 'redis', 'cache');
    const db = nodeReport(r, 'pg', 'database');
    const refills = cache.expirations + 1; // and the cold start
    expect(cache.expirations).toBeGreaterThanOrEqual(19);
    expect(db.arrivals).toBe(cache.misses);
    // Each refill window holds 24 reads, give or take the one landing on its edge.
    expect(db.arrivals).toBeGreaterThanOrEqual(refills * 23);
    expect(db.arrivals).toBeLessThanOrEqual(refills * 25);
  });

  it('with coalescing the database sees exactly one read per expiry', () => {
    const r = run(hotKey(true));
    const cache = nodeReport(r, 'redis', 'cache');
    const db = nodeReport(r, 'pg', 'database');
    expect(cache.expirations).toBeGreaterThanOrEqual(19);
    expect(db.arrivals).toBe(cache.expirations + 1);
    expect(cache.coalesced).toBe(cache.misses - db.arrivals);
    expect(r.requests.error).toBe(0);
  });
});

/** Writes only, to 50 keys, 1,000 a second; the cache crashes at 2.5 s, between flushes. */
function writes(strategy: string) {
  return {
    durationMs: 4_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 1_000, arrival: 'constant', writeFraction: 1, keys: { count: 50 } } },
      { id: 'redis', kind: 'cache', config: { strategy, flushDelayMs: 1_000, capacity: 100, hitTime: 0.5 } },
      { id: 'pg', kind: 'database', config: { writeTime: { dist: 'constant', ms: 2 }, connections: 50 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'redis' },
      { id: 'e2', from: 'redis', to: 'pg' },
    ],
    faults: [
      { atMs: 2_500, action: 'crash', target: 'redis' },
      { atMs: 2_600, action: 'recover', target: 'redis' },
    ],
  };
}

describe('write strategies', () => {
  it('write-back acknowledges at once, flushes each dirty key once a batch, and loses the dirty keys in a crash', () => {
    const sim = createSimulation(scenario(writes('write-back')));
    sim.runToEnd();
    sim.drain();
    const r = sim.report();
    const cache = nodeReport(r, 'redis', 'cache');
    const db = nodeReport(r, 'pg', 'database');
    // 500 writes over 50 keys since the flush at ~2 s: every key is dirty when it crashes
    // (a key escapes 500 writes with probability (49/50)^500 ≈ 4·10⁻⁵).
    expect(cache.lostWrites).toBe(50);
    // Batches at ~1 s and ~2 s, then (the first write after the recovery at 2.6 s starting
    // the timer) at ~3.6 s, and the last when the drain lets the timer of ~4.6 s fire: 50
    // writes each. The database sees a write per key per batch, not one per request.
    expect(cache.flushedWrites).toBe(200);
    expect(db.writesApplied).toBe(200);
    expect(r.requests.ok).toBeGreaterThan(3_800);
    // Acknowledged after the hit time, not the database's.
    expect(r.latencyMs.mean).toBeCloseTo(1 + 0.5 + 1, 6);
  });

  it('write-through loses nothing: every acknowledged write is in the database', () => {
    const sim = createSimulation(scenario(writes('write-through')));
    sim.runToEnd();
    sim.drain();
    const r = sim.report();
    const cache = nodeReport(r, 'redis', 'cache');
    const db = nodeReport(r, 'pg', 'database');
    expect(cache.lostWrites).toBe(0);
    expect(cache.flushedWrites).toBe(0);
    expect(db.writesApplied).toBeGreaterThanOrEqual(r.requests.ok);
    expect(r.requests.ok).toBeGreaterThan(3_800);
    expect(r.latencyMs.mean).toBeCloseTo(1 + 1 + 2 + 1 + 1, 6);
  });

  /** A reader of one key at 1,000 a second, and a writer of it every 500 ms. */
  function readerAndWriter(writerTo: 'redis' | 'pg') {
    return {
      durationMs: 10_000,
      nodes: [
        { id: 'reader', kind: 'client', config: { rps: 1_000, arrival: 'constant', keys: { count: 1 } } },
        { id: 'writer', kind: 'client', config: { rps: 2, arrival: 'constant', writeFraction: 1, keys: { count: 1 } } },
        { id: 'redis', kind: 'cache', config: { strategy: 'cache-aside', hitTime: 0, coalesceMisses: true } },
        // Odd times, so that no read lands on the very instant a write commits (a write is
        // committed a moment before its answer reaches the cache, the window of a real race).
        { id: 'pg', kind: 'database', config: { readTime: { dist: 'constant', ms: 0.5 }, writeTime: { dist: 'constant', ms: 2.5 } } },
      ],
      edges: [
        { id: 'e1', from: 'reader', to: 'redis', config: { latency: 0 } },
        { id: 'e2', from: 'writer', to: writerTo, config: { latency: 0 } },
        { id: 'e3', from: 'redis', to: 'pg', config: { latency: 0 } },
      ],
    };
  }

  it('cache-aside invalidates on write: each write costs one refill and no read is stale', () => {
    const r = run(readerAndWriter('redis'));
    const cache = nodeReport(r, 'redis', 'cache');
    const db = nodeReport(r, 'pg', 'database');
    expect(db.writesApplied).toBe(19); // at 0.5 s, 1 s, … 9.5 s
    expect(cache.invalidations).toBe(db.writesApplied);
    expect(cache.staleReads).toBe(0);
    // One read for the cold start and one per invalidation; reads meanwhile join it.
    expect(db.shards[0].reads).toBe(1 + cache.invalidations);
  });

  it('a write that bypasses the cache leaves it serving stale reads (counted against the database)', () => {
    const r = run(readerAndWriter('pg'));
    const cache = nodeReport(r, 'redis', 'cache');
    expect(cache.invalidations).toBe(0);
    expect(cache.misses).toBe(1);
    // Every read after the first write commits (at 502.5 ms) is stale: those at 503, 504, …
    // 10,000 ms.
    expect(cache.staleReads).toBe(9_498);
  });
});

describe('CDN', () => {
  /** Half the reads on /static (cacheable), half on /api, uniform over 200 keys, 2,000 a second. */
  function edge(ttlMs: number): Report {
    return run({
      durationMs: 30_000,
      warmupMs: 2_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 2_000, keys: { count: 200 }, paths: { '/static/img': 1, '/api': 1 } } },
        { id: 'edge', kind: 'cdn', config: { ttlMs, capacity: 10_000, hitTime: 5 } },
        { id: 'origin', kind: 'server', config: { concurrency: 100, serviceTime: { dist: 'constant', ms: 20 } } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'edge', config: { latency: 0 } },
        { id: 'e2', from: 'edge', to: 'origin', config: { latency: 0 } },
      ],
    });
  }

  it('serves cacheable paths from the edge, passes the others to the origin, and expires as the TTL law says', () => {
    const ttlMs = 200;
    const r = edge(ttlMs);
    const cdn = nodeReport(r, 'edge', 'cdn');
    const origin = nodeReport(r, 'origin', 'server');
    const reads = cdn.hits + cdn.misses;
    // Every call reaches the edge; the origin sees the uncacheable half and the misses.
    expect(reads + cdn.passedThrough).toBe(cdn.arrivals);
    // (but the misses of the last 5 ms are still looking up at the end)
    const sent = cdn.passedThrough + cdn.misses;
    expect(origin.arrivals).toBeLessThanOrEqual(sent);
    expect(origin.arrivals).toBeGreaterThan(sent - 20);
    // Binomial: half the requests are cacheable.
    const n = cdn.arrivals;
    expect(Math.abs(reads / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
    // Capacity holds every key, so only the TTL turns hits into misses. Without delays a key
    // read at rate q hits q·T / (1 + q·T) of the time (ttlHitRate). Here a miss refills only
    // D = 5 + 20 ms later (the lookup, then the origin): the reads meanwhile miss too, and
    // each of their refills restarts the TTL. Per renewal cycle of one key: 1 + qD misses,
    // and hits until T after the last refill, q·(T + E[last miss]) with
    // E[last miss] = D − (1 − e^{−qD}) / q (the last point of a Poisson process on [0, D]).
    const q = 1 / 200; // each key's cacheable reads per ms
    const D = 25;
    expect(ttlHitRate(new Float64Array(200).fill(1 / 200), 1, ttlMs)).toBeCloseTo((q * ttlMs) / (1 + q * ttlMs), 12);
    const hitsPerCycle = q * (ttlMs + D - (1 - Math.exp(-q * D)) / q);
    const missesPerCycle = 1 + q * D;
    const theory = hitsPerCycle / (hitsPerCycle + missesPerCycle);
    // 28,000 cacheable reads: 4 binomial se ≈ 0.012 (reads of one key form renewal cycles,
    // near enough independent at this rate, and the 200 keys are independent).
    expect(Math.abs(cdn.hitRate - theory), `${cdn.hitRate} vs ${theory}`).toBeLessThan(4 * Math.sqrt((theory * (1 - theory)) / reads));
    // A hit answers in the hit time, a miss in the lookup and the origin's time, a pass in
    // the origin's.
    const expected = (5 * cdn.hits + 25 * cdn.misses + 20 * cdn.passedThrough) / cdn.arrivals;
    expect(cdn.meanResponseMs).toBeCloseTo(expected, 1);
  });
});
