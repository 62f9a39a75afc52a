/**
 * The rate-limit algorithms: the table, the two buckets, exact retry-after and per-user
 * scopes, against their definitions and THEORY.md's bounds (the window algorithms are in
 * rateLimitWindows.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../../src/engine/core/rng';
import {
  createRateLimiter,
  delayUntil,
  leakyBucketBacklog,
  rateLimitAlgorithms,
  type RateLimitAlgorithm,
  type RateLimitFamily,
  type RateLimitState,
} from '../../../src/engine/policies/rateLimit';
import { RATE_LIMIT_ALGORITHMS, type RateLimiterConfig } from '../../../src/model';
import { tokenBucketMaxAdmitted } from '../../../src/theory';
import { admittedTimes, burstyArb, config, constantArrivals, feed, maxInAnyWindow, poissonArrivals, windowArb } from './rateLimitCases';

describe('the table', () => {
  it('has one algorithm per name the model lists', () => {
    expect(Object.keys(rateLimitAlgorithms).sort()).toEqual([...RATE_LIMIT_ALGORITHMS].sort());
  });

  it('createRateLimiter binds each algorithm, and reset makes it as good as new', () => {
    const times = poissonArrivals(400, 3000, 5);
    for (const algorithm of RATE_LIMIT_ALGORITHMS) {
      const cfg = config({ algorithm, ratePerSec: 100, burst: 10, queueSize: 5, limit: 50, windowMs: 200 });
      const limiter = createRateLimiter(cfg, 3);
      expect(limiter.algorithm).toBe(algorithm);
      const first = times.map((t) => limiter.admit(2, t));
      expect(first.filter((r) => r > 0).length, algorithm).toBeGreaterThan(100);
      limiter.reset();
      const lastAdmitted = times.filter((_, i) => first[i] === 0).at(-1)!;
      expect(times.map((t) => limiter.admit(2, t))).toEqual(first);
      if (algorithm === 'leaky-bucket') expect(limiter.departAt).toBeGreaterThan(lastAdmitted);
      else expect(limiter.departAt).toBe(lastAdmitted);
    }
  });

  it('a zero limit or rate refuses with Infinity (never); a token bucket at rate 0 spends its burst once', () => {
    for (const algorithm of ['fixed-window', 'sliding-window-log', 'sliding-window-counter'] as const) {
      expect(createRateLimiter(config({ algorithm, limit: 0 }), 1).admit(0, 5)).toBe(Infinity);
    }
    expect(createRateLimiter(config({ algorithm: 'leaky-bucket', ratePerSec: 0 }), 1).admit(0, 5)).toBe(Infinity);
    const bucket = createRateLimiter(config({ algorithm: 'token-bucket', ratePerSec: 0, burst: 3 }), 2);
    expect([0, 1, 1e6, 1e9].map((t) => bucket.admit(1, t))).toEqual([0, 0, 0, Infinity]);
    expect(bucket.admit(0, 1e9)).toBe(0);
  });
});

describe('token bucket', () => {
  const cfg = config({ algorithm: 'token-bucket', ratePerSec: 200, burst: 50 });

  it('at 1,000 rps offered, refill 200/s and burst 50, admits exactly 200·T + 50 over [0, T]', () => {
    const ds = feed(rateLimitAlgorithms['token-bucket'], cfg, constantArrivals(1000, 20_000));
    const admitted = admittedTimes(ds);
    for (const T of [100, 1000, 2500, 5000, 20_000]) {
      const n = admitted.filter((t) => t <= T).length;
      expect(n, `T = ${T} ms`).toBe((200 * T) / 1000 + 50);
      expect(n).toBe(tokenBucketMaxAdmitted(200, 50, T));
    }
  });

  it('with Poisson arrivals admits at most b + r·T in every interval, and reaches it', () => {
    const admitted = admittedTimes(feed(rateLimitAlgorithms['token-bucket'], cfg, poissonArrivals(1000, 20_000, 1)));
    // Every interval [t_i, t_j] between admissions holds j − i + 1 of them: check all pairs
    // at once through max over i ≤ j of (j + 1 − r t_j) − (i − r t_i).
    let best = -Infinity;
    let minPrefix = Infinity;
    for (let j = 0; j < admitted.length; j++) {
      minPrefix = Math.min(minPrefix, j - (200 * admitted[j]) / 1000);
      best = Math.max(best, j + 1 - (200 * admitted[j]) / 1000 - minPrefix);
    }
    expect(best).toBeLessThanOrEqual(50 + 1e-9);
    expect(best).toBeGreaterThan(49); // the initial burst empties the full bucket
    const total = admitted.length;
    expect(Math.abs(total - (50 + 200 * 20))).toBeLessThanOrEqual(1);
  });
});

describe('leaky bucket', () => {
  const family = rateLimitAlgorithms['leaky-bucket'];

  it('turns a burst into an even stream: one departure every 1000/r ms, queueSize waiting', () => {
    const ds = feed(family, config({ algorithm: 'leaky-bucket', ratePerSec: 100, queueSize: 10 }), Array(30).fill(0));
    const admitted = ds.filter((d) => d.retry === 0);
    expect(admitted.map((d) => d.departAt)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(ds[11].retry).toBe(10); // room again when the first waiting request leaves
  });

  it('departs exactly 1000/r ms apart while backlogged, never early, never over queueSize', () => {
    fc.assert(
      fc.property(
        burstyArb,
        fc.constantFrom(1, 4, 8, 10, 40, 50, 125, 200, 250, 1000),
        fc.integer({ min: 0, max: 12 }),
        (times, ratePerSec, queueSize) => {
          const interval = 1000 / ratePerSec; // a whole or dyadic number of ms: sums are exact
          const cfg = config({ algorithm: 'leaky-bucket', ratePerSec, queueSize });
          const s = family.create(cfg, 1);
          const departures: number[] = [];
          for (const t of times) {
            const waiting = departures.filter((d) => d > t).length;
            expect(leakyBucketBacklog(s, 0, t)).toBe(waiting);
            const retry = family.admit(s, 0, t);
            if (retry > 0) {
              expect(waiting).toBe(queueSize); // refuses only when full
              continue;
            }
            expect(waiting).toBeLessThan(queueSize + 1);
            const d = s.departAt;
            expect(d).toBeGreaterThanOrEqual(t);
            if (departures.length > 0) {
              const prev = departures[departures.length - 1];
              if (d > t) expect(d - prev).toBe(interval); // backlogged: exactly one interval
              else expect(d - prev).toBeGreaterThanOrEqual(interval);
            }
            departures.push(d);
          }
        },
      ),
      { numRuns: 300, seed: 1003 },
    );
  });

  it('keeps the spacing to the last bit of the clock at a rate whose interval is not a whole number', () => {
    const cfg = config({ algorithm: 'leaky-bucket', ratePerSec: 300, queueSize: 50 });
    const admitted = feed(family, cfg, poissonArrivals(600, 10_000, 2)).filter((d) => d.retry === 0);
    let backlogged = 0;
    for (let k = 1; k < admitted.length; k++) {
      if (admitted[k].departAt > admitted[k].t) {
        backlogged++;
        expect(Math.abs(admitted[k].departAt - admitted[k - 1].departAt - 1000 / 300)).toBeLessThan(1e-9);
      }
    }
    expect(backlogged).toBeGreaterThan(2000);
  });
});

describe('retry-after', () => {
  const cases = fc.record({
    algorithm: fc.constantFrom<RateLimitAlgorithm>(...RATE_LIMIT_ALGORITHMS),
    ratePerSec: fc.constantFrom(1, 3, 7.5, 10, 100, 300, 1000),
    burst: fc.integer({ min: 1, max: 6 }),
    queueSize: fc.integer({ min: 0, max: 6 }),
    limit: fc.integer({ min: 1, max: 6 }),
    windowMs: windowArb,
  });

  it('is exact: a retry after exactly that long is admitted, a little earlier is refused', () => {
    const refusals = new Map<RateLimitAlgorithm, number>();
    fc.assert(
      fc.property(cases, burstyArb, (patch, times) => {
        const cfg = config(patch);
        const family = rateLimitAlgorithms[cfg.algorithm] as RateLimitFamily<RateLimitState>;
        const s = family.create(cfg, 1);
        for (const t of times) {
          const before = structuredClone(s);
          const retry = family.admit(s, 0, t);
          if (retry === 0) continue;
          refusals.set(cfg.algorithm, (refusals.get(cfg.algorithm) ?? 0) + 1);
          expect(retry).toBeGreaterThan(0);
          expect(retry).toBeLessThan(Infinity);
          // Nothing is admitted in between: probe copies of the state as it was.
          expect(family.admit(structuredClone(before), 0, t + retry), `${cfg.algorithm} at ${t}+${retry}`).toBe(0);
          const earlier = t + retry - Math.min(retry / 2, 1e-6);
          expect(family.admit(structuredClone(before), 0, earlier), `${cfg.algorithm} at ${earlier}`).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500, seed: 1004 },
    );
    // Every algorithm was driven into refusing, many times.
    for (const algorithm of RATE_LIMIT_ALGORITHMS) expect(refusals.get(algorithm), algorithm).toBeGreaterThan(200);
  });
});

describe('delayUntil', () => {
  it('reaches the target even where target − now rounds to a tie that falls short', () => {
    // 3 + 2⁻⁵¹ − 2⁻⁵² is a tie that rounds to 3 (even), and 2⁻⁵² + 3 rounds back to 3.
    const now = 2 ** -52;
    const target = 3 + 2 ** -51;
    expect(now + (target - now)).toBeLessThan(target);
    const d = delayUntil(now, target);
    expect(now + d).toBeGreaterThanOrEqual(target);
    expect(d - (target - now)).toBeLessThanOrEqual(2 ** -50);
  });

  it('is the plain difference otherwise', () => {
    const rng = streamFor(9, 'delay', 'test');
    for (let i = 0; i < 10_000; i++) {
      const now = rng.next() * 1e6;
      const target = now + rng.next() * 1e3;
      expect(delayUntil(now, target)).toBe(target - now);
    }
  });
});

describe('per-user scope', () => {
  it('limits one greedy user while the others pass untouched, exactly as if alone', () => {
    const users = 4;
    const greedy = constantArrivals(2000, 5000);
    const modest = [1, 2, 3].map((u) => poissonArrivals(2, 5000, 10 + u));
    const events = [
      ...greedy.map((t) => ({ t, user: 0 })),
      ...modest.flatMap((times, i) => times.map((t) => ({ t, user: i + 1 }))),
    ].sort((a, b) => a.t - b.t || a.user - b.user);
    for (const algorithm of RATE_LIMIT_ALGORITHMS) {
      const cfg = config({ algorithm, scope: 'per-user', ratePerSec: 10, burst: 5, queueSize: 5, limit: 10, windowMs: 1000 });
      const shared = createRateLimiter(cfg, users);
      const got: number[][] = [[], [], [], []];
      for (const { t, user } of events) got[user].push(shared.admit(user, t));
      expect(got[0].filter((r) => r > 0).length, algorithm).toBeGreaterThan(greedy.length * 0.9);
      for (let u = 1; u < users; u++) {
        expect(got[u].every((r) => r === 0), `${algorithm}: user ${u} untouched`).toBe(true);
        const alone = createRateLimiter(cfg, 1);
        expect(got[u]).toEqual(modest[u - 1].map((t) => alone.admit(0, t)));
      }
    }
  });
});

describe('level: the state a scope shows, against a count kept by hand', () => {
  const W = 250;
  const cases = {
    'token-bucket': config({ algorithm: 'token-bucket', ratePerSec: 40, burst: 8 }),
    'leaky-bucket': config({ algorithm: 'leaky-bucket', ratePerSec: 40, queueSize: 8 }),
    'fixed-window': config({ algorithm: 'fixed-window', limit: 8, windowMs: W }),
    'sliding-window-log': config({ algorithm: 'sliding-window-log', limit: 8, windowMs: W }),
    'sliding-window-counter': config({ algorithm: 'sliding-window-counter', limit: 8, windowMs: W }),
  } satisfies Record<RateLimitAlgorithm, RateLimiterConfig>;

  it('tokens left, requests in the window, requests queued; read between arrivals it changes nothing', () => {
    const times = poissonArrivals(120, 5000, 21);
    for (const algorithm of RATE_LIMIT_ALGORITHMS) {
      const cfg = cases[algorithm];
      const limiter = createRateLimiter(cfg, 2);
      const admitted: number[] = [];
      const departures: number[] = [];
      let tokens = cfg.burst;
      let last = 0;
      for (const t of times) {
        // Read just before each arrival, and compare with the hand count.
        const level = limiter.level(1, t);
        tokens = Math.min(cfg.burst, tokens + ((t - last) * cfg.ratePerSec) / 1000);
        last = t;
        const k = Math.floor(t / W);
        const inFixed = admitted.filter((a) => Math.floor(a / W) === k).length;
        const previous = admitted.filter((a) => Math.floor(a / W) === k - 1).length;
        const expected = {
          'token-bucket': tokens,
          'leaky-bucket': departures.filter((d) => d > t).length,
          'fixed-window': inFixed,
          'sliding-window-log': admitted.filter((a) => a + W > t).length,
          'sliding-window-counter': previous * (1 - (t - k * W) / W) + inFixed,
        }[algorithm];
        expect(Math.abs(level - expected), `${algorithm} at ${t}`).toBeLessThan(1e-6);
        expect(level).toBeGreaterThanOrEqual(0);
        expect(level).toBeLessThanOrEqual(limiter.capacity);
        if (limiter.admit(1, t) === 0) {
          admitted.push(t);
          departures.push(limiter.departAt);
          tokens -= 1;
        }
        expect(limiter.level(0, t), 'another scope is untouched').toBe(algorithm === 'token-bucket' ? cfg.burst : 0);
      }
      expect(limiter.unit).toBe({ 'token-bucket': 'tokens', 'leaky-bucket': 'queue' }[algorithm as string] ?? 'window');
      expect(admitted.length, algorithm).toBeLessThan(times.length * 0.6); // it was limiting
    }
  });
});

describe('sliding-window log memory', () => {
  it('grows with what it admits, not with the limit: a scope holds at most min(limit, admitted) times', () => {
    const family = rateLimitAlgorithms['sliding-window-log'];
    const s = family.create(config({ algorithm: 'sliding-window-log', limit: 10_000_000, windowMs: 1000 }), 1000);
    expect(s.rings.every((r) => r === null)).toBe(true); // nothing allocated up front
    for (let k = 0; k < 1000; k++) expect(family.admit(s, 7, k / 10)).toBe(0);
    expect(s.rings[7]!.length).toBeLessThanOrEqual(2 * 1000);
    expect(s.rings.filter((r) => r !== null)).toHaveLength(1);

    // A small limit: the ring stops growing at the limit and the log stays exact.
    const small = family.create(config({ algorithm: 'sliding-window-log', limit: 37, windowMs: 100 }), 2);
    const times = poissonArrivals(2000, 3000, 8);
    const admitted = times.filter((t) => family.admit(small, 1, t) === 0);
    expect(small.rings[1]!.length).toBe(37);
    expect(maxInAnyWindow(admitted, 100)).toBe(37);
    expect(family.level(small, 1, 3000)).toBe(admitted.filter((a) => a + 100 > 3000).length);
    family.reset(small);
    expect(small.rings[1]).toBeNull(); // a crash loses the log and its memory
  });
});
