/**
 * What the rate-limit algorithms can admit (THEORY.md), as numbers to test and display.
 * Rates per second, times in ms, as in the rate limiter's configuration.
 */

/**
 * A token bucket of rate r and burst b admits at most b + r·T requests in any interval of
 * length T (closed at both ends): it holds at most b tokens at the start and gains r·T.
 * Counts are whole, hence the floor (with a hair of slack for r·T/1000 rounding below a
 * whole number); with a full bucket and enough demand the bound is reached.
 */
export function tokenBucketMaxAdmitted(ratePerSec: number, burst: number, intervalMs: number): number {
  return Math.floor(burst + (ratePerSec * intervalMs) / 1000 + 1e-9);
}

/** The most a fixed window of `limit` lets through in one window length straddling a boundary. */
export function fixedWindowWorstCase(limit: number): number {
  return 2 * limit;
}

/** The most a sliding-window log of `limit` lets through in any window length. */
export function slidingWindowLogWorstCase(limit: number): number {
  return limit;
}

/**
 * The most a sliding-window counter of `limit` lets through in any window length, L + ⌊e⌋
 * with its estimator's error e < L (derived in src/engine/policies/rateLimit/
 * slidingWindowCounter.ts): 2L − 1.
 */
export function slidingWindowCounterWorstCase(limit: number): number {
  return limit === 0 ? 0 : 2 * limit - 1;
}

/**
 * The leaky bucket's output: one request every 1000 / r ms while its queue is non-empty,
 * so at most 1 + r·T/1000 departures in any interval of length T.
 */
export function leakyBucketInterDepartureMs(ratePerSec: number): number {
  return 1000 / ratePerSec;
}
