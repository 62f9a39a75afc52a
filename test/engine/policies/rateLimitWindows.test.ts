/**
 * The window algorithms — fixed window, sliding-window log, sliding-window counter — checked
 * by brute force over every window of the admitted log against THEORY.md's bounds and the
 * counter's derived error bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateLimitAlgorithms } from '../../../src/engine/policies/rateLimit';
import {
  fixedWindowWorstCase,
  slidingWindowCounterWorstCase,
  slidingWindowLogWorstCase,
} from '../../../src/theory';
import { admittedTimes, burstyArb, config, constantArrivals, feed, maxInAnyWindow, windowArb, type Decision } from './rateLimitCases';

/**
 * The window k with k·W ≤ t < (k + 1)·W, boundaries as the floating-point products k·W:
 * found by stepping from a guess, independently of the module's arithmetic.
 */
function windowOf(t: number, windowMs: number): number {
  let k = Math.round(t / windowMs);
  while (k * windowMs > t) k--;
  while ((k + 1) * windowMs <= t) k++;
  return k;
}

describe('fixed window', () => {
  it('a search over two-burst patterns finds 2 × limit admitted within one window length, across a boundary', () => {
    const limit = 5;
    const windowMs = 1000;
    const cfg = config({ algorithm: 'fixed-window', limit, windowMs });
    let worst = { count: 0, first: 0, second: 0 };
    for (let first = 0; first < 3000; first += 50) {
      for (let second = first; second < first + 2000; second += 50) {
        const times = [...Array(limit).fill(first), ...Array(limit).fill(second)];
        const count = maxInAnyWindow(admittedTimes(feed(rateLimitAlgorithms['fixed-window'], cfg, times)), windowMs);
        if (count > worst.count) worst = { count, first, second };
      }
    }
    expect(worst.count).toBe(fixedWindowWorstCase(limit));
    // Found: two bursts less than a window apart, on either side of a boundary.
    expect(worst.second - worst.first).toBeLessThan(windowMs);
    expect(Math.floor(worst.second / windowMs)).toBe(Math.floor(worst.first / windowMs) + 1);
    // The same patterns never get more than the limit through a sliding-window log.
    let logWorst = 0;
    for (let first = 0; first < 3000; first += 50) {
      for (let second = first; second < first + 2000; second += 50) {
        const times = [...Array(limit).fill(first), ...Array(limit).fill(second)];
        const logCfg = config({ algorithm: 'sliding-window-log', limit, windowMs });
        logWorst = Math.max(logWorst, maxInAnyWindow(admittedTimes(feed(rateLimitAlgorithms['sliding-window-log'], logCfg, times)), windowMs));
      }
    }
    expect(logWorst).toBe(slidingWindowLogWorstCase(limit));
  });

  it('admits at most `limit` in each fixed window, and refuses only a full one', () => {
    fc.assert(
      fc.property(burstyArb, fc.integer({ min: 1, max: 6 }), windowArb, (times, limit, windowMs) => {
        const ds = feed(rateLimitAlgorithms['fixed-window'], config({ algorithm: 'fixed-window', limit, windowMs }), times);
        const perWindow = new Map<number, number>();
        for (const d of ds) {
          const k = windowOf(d.t, windowMs);
          const before = perWindow.get(k) ?? 0;
          expect(d.retry > 0).toBe(before >= limit);
          if (d.retry === 0) perWindow.set(k, before + 1);
        }
        for (const n of perWindow.values()) expect(n).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300, seed: 1005 },
    );
  });
});

describe('sliding-window log', () => {
  it('never admits more than `limit` in any window, and refuses only when the window is full', () => {
    fc.assert(
      fc.property(burstyArb, fc.integer({ min: 1, max: 6 }), windowArb, (times, limit, windowMs) => {
        const ds = feed(rateLimitAlgorithms['sliding-window-log'], config({ algorithm: 'sliding-window-log', limit, windowMs }), times);
        const admitted = admittedTimes(ds);
        expect(maxInAnyWindow(admitted, windowMs)).toBeLessThanOrEqual(limit);
        for (const d of ds) {
          if (d.retry === 0) continue;
          // Brute force: the admitted requests inside (t − W, t] at the refusal.
          expect(admitted.filter((a) => a <= d.t && a + windowMs > d.t).length).toBe(limit);
        }
      }),
      { numRuns: 300, seed: 1006 },
    );
  });
});

describe('sliding-window counter', () => {
  const family = rateLimitAlgorithms['sliding-window-counter'];

  /** The documented bound at an admission time t: L + ⌊e⌋, e the estimator's error. */
  function checkBound(ds: Decision[], limit: number, windowMs: number): number {
    const admitted = admittedTimes(ds);
    let worst = 0;
    for (const t of admitted) {
      const k = Math.floor(t / windowMs);
      const f = t / windowMs - k;
      const inWindow = admitted.filter((a) => a <= t && a + windowMs > t).length;
      const p = admitted.filter((a) => Math.floor(a / windowMs) === k - 1).length;
      const a = admitted.filter((x) => Math.floor(x / windowMs) === k - 1 && x + windowMs > t).length;
      expect(inWindow).toBeLessThanOrEqual(a + Math.floor(limit - p * (1 - f) + 1e-9));
      expect(inWindow).toBeLessThanOrEqual(slidingWindowCounterWorstCase(limit));
      worst = Math.max(worst, inWindow);
    }
    return worst;
  }

  it('stays within its documented error: L + ⌊e⌋ in every window, never over 2L − 1, each fixed window ≤ L', () => {
    fc.assert(
      fc.property(burstyArb, fc.integer({ min: 1, max: 6 }), fc.constantFrom(10, 100, 250, 1000), (times, limit, windowMs) => {
        const ds = feed(family, config({ algorithm: 'sliding-window-counter', limit, windowMs }), times);
        checkBound(ds, limit, windowMs);
        const perWindow = new Map<number, number>();
        for (const t of admittedTimes(ds)) perWindow.set(Math.floor(t / windowMs), (perWindow.get(Math.floor(t / windowMs)) ?? 0) + 1);
        for (const n of perWindow.values()) expect(n).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300, seed: 1007 },
    );
  });

  it('refuses exactly when its estimate p(1 − f) + c + 1 would pass the limit', () => {
    fc.assert(
      fc.property(burstyArb, fc.integer({ min: 1, max: 6 }), fc.constantFrom(10, 100, 1000), (times, limit, windowMs) => {
        const ds = feed(family, config({ algorithm: 'sliding-window-counter', limit, windowMs }), times);
        const admitted: number[] = [];
        for (const d of ds) {
          const k = Math.floor(d.t / windowMs);
          const f = d.t / windowMs - k;
          const p = admitted.filter((a) => Math.floor(a / windowMs) === k - 1).length;
          const c = admitted.filter((a) => Math.floor(a / windowMs) === k).length;
          const estimate = p * (1 - f) + c + 1;
          if (Math.abs(estimate - limit) > 1e-9) expect(d.retry > 0, `estimate ${estimate} at ${d.t}`).toBe(estimate > limit);
          if (d.retry === 0) admitted.push(d.t);
        }
      }),
      { numRuns: 300, seed: 1008 },
    );
  });

  it('reaches 2L − 1 in one window after a burst at the very end of the previous one', () => {
    const limit = 10;
    const windowMs = 1000;
    const times = [...Array(limit).fill(999.999), ...constantArrivals(1000, 999).map((t) => 1000 + t)];
    const ds = feed(family, config({ algorithm: 'sliding-window-counter', limit, windowMs }), times);
    expect(checkBound(ds, limit, windowMs)).toBe(2 * limit - 1);
    // Steady traffic alone, by contrast, stays within the limit: the estimate is nearly exact.
    const steady = feed(family, config({ algorithm: 'sliding-window-counter', limit, windowMs }), constantArrivals(50, 20_000));
    expect(maxInAnyWindow(admittedTimes(steady), windowMs)).toBeLessThanOrEqual(limit);
  });
});
