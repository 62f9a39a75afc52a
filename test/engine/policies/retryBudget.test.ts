/** The retry budget as a pure policy: retries within ratio × first attempts over the last 10 s. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetryBudget, RETRY_BUDGET_SLICES, RETRY_BUDGET_WINDOW_MS } from '../../../src/engine/policies/retryBudget';

const W = RETRY_BUDGET_WINDOW_MS;
const SLICE = W / RETRY_BUDGET_SLICES;

describe('retry budget', () => {
  it('with every call failing, allows ratio × the first attempts of the window and denies the rest', () => {
    const b = new RetryBudget(0.2);
    let allowed = 0;
    // 100 first attempts a second for 60 s, each followed by a retry attempt.
    for (let t = 0; t < 60_000; t += 10) {
      b.recordAttempt(t);
      if (b.tryRetry(t)) allowed++;
    }
    // In steady state the window holds ~1,000 attempts, so ~200 retries per 10 s: 20 a second.
    expect(allowed / 60).toBeGreaterThan(19);
    expect(allowed / 60).toBeLessThanOrEqual(20);
    expect(b.denied).toBe(6000 - allowed);
  });

  it('grants a retry exactly when the retries of the window, with it, stay within ratio × its first attempts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 0.1, 0.2, 0.5, 1, 3),
        fc.array(fc.record({ gap: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 15_000 })), retry: fc.boolean() }), {
          maxLength: 400,
        }),
        (ratio, steps) => {
          const b = new RetryBudget(ratio);
          const attempts: number[] = [];
          const retries: number[] = [];
          let t = 0;
          for (const { gap, retry } of steps) {
            t += gap;
            // The window the budget sees: whole slices, from the slice a window back (excluded) to now's.
            const from = (Math.floor(t / SLICE) - (RETRY_BUDGET_SLICES - 1)) * SLICE;
            const inWindow = (xs: number[]) => xs.filter((x) => x >= from).length;
            if (retry) {
              const granted = b.tryRetry(t);
              expect(granted).toBe(inWindow(retries) + 1 <= ratio * inWindow(attempts));
              if (granted) retries.push(t);
            } else {
              b.recordAttempt(t);
              attempts.push(t);
            }
            expect(b.firstAttempts).toBe(inWindow(attempts));
            expect(b.retries).toBe(inWindow(retries));
          }
        },
      ),
      { numRuns: 300, seed: 71 },
    );
  });

  it('forgets first attempts once they leave the window', () => {
    const b = new RetryBudget(1);
    for (let i = 0; i < 10; i++) b.recordAttempt(i);
    expect(b.tryRetry(W - 1)).toBe(true);
    expect(b.firstAttempts).toBe(10);
    // 10 s and one slice later, the first attempts have left (the retry has not).
    expect(b.tryRetry(W + SLICE)).toBe(false);
    expect(b.firstAttempts).toBe(0);
    expect(b.retries).toBe(1);
    b.recordAttempt(W + SLICE);
    expect(b.tryRetry(W + SLICE)).toBe(false); // one retry already spends the one attempt's budget
    b.recordAttempt(2 * W);
    expect(b.retries).toBe(0); // the retry at W − 1 has left; the attempt at W + SLICE has not
    expect(b.firstAttempts).toBe(2);
    expect([b.tryRetry(2 * W), b.tryRetry(2 * W), b.tryRetry(2 * W)]).toEqual([true, true, false]);
    // A jump of the clock by more than a window clears everything at once.
    b.recordAttempt(1e9);
    expect(b.firstAttempts).toBe(1);
    expect(b.retries).toBe(0);
  });

  it('a ratio of 0 allows no retry at all', () => {
    const b = new RetryBudget(0);
    for (let t = 0; t < 1000; t++) b.recordAttempt(t);
    expect(b.tryRetry(1000)).toBe(false);
  });
});
