/** Arrival patterns and bookkeeping shared by the rate-limit tests. */
import fc from 'fast-check';
import { streamFor } from '../../../src/engine/core/rng';
import type { RateLimitFamily, RateLimitState } from '../../../src/engine/policies/rateLimit';
import type { RateLimiterConfig } from '../../../src/model';
import { rateLimiterConfigSchema } from '../../../src/model/kinds/rateLimiter';

export const config = (patch: Partial<RateLimiterConfig>): RateLimiterConfig => rateLimiterConfigSchema.parse(patch);

export interface Decision {
  t: number;
  retry: number;
  departAt: number;
}

/** Feeds arrival times (non-decreasing) to one scope of a fresh limiter. */
export function feed<S extends RateLimitState>(family: RateLimitFamily<S>, cfg: RateLimiterConfig, times: readonly number[]): Decision[] {
  const s = family.create(cfg, 1);
  return times.map((t) => {
    const retry = family.admit(s, 0, t);
    return { t, retry, departAt: retry === 0 ? s.departAt : NaN };
  });
}

export const admittedTimes = (ds: Decision[]) => ds.filter((d) => d.retry === 0).map((d) => d.t);

/**
 * The most admitted times in any window (t − W, t]; the maximum is met at an admission. A
 * time a is inside when a + W > t, the limiters' own test (a > t − W can round otherwise).
 */
export function maxInAnyWindow(times: number[], windowMs: number): number {
  let worst = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[lo] + windowMs <= times[hi]) lo++;
    worst = Math.max(worst, hi - lo + 1);
  }
  return worst;
}

export const constantArrivals = (perSec: number, untilMs: number) =>
  Array.from({ length: Math.floor((untilMs * perSec) / 1000) + 1 }, (_, i) => (i * 1000) / perSec);

export function poissonArrivals(perSec: number, untilMs: number, seed: number): number[] {
  const rng = streamFor(seed, 'arrivals', 'rate-limit test');
  const out: number[] = [];
  for (let t = 0; ; ) {
    t += (-Math.log(1 - rng.next()) * 1000) / perSec;
    if (t > untilMs) return out;
    out.push(t);
  }
}

/** Bursts at random gaps: the patterns that break naive limiters. */
export const burstyArb = fc
  .array(fc.record({ gap: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3000 })), burst: fc.integer({ min: 1, max: 8 }) }), {
    minLength: 1,
    maxLength: 60,
  })
  .map((groups) => {
    const times: number[] = [];
    let t = 0;
    for (const { gap, burst } of groups) {
      t += gap;
      for (let k = 0; k < burst; k++) times.push(t);
    }
    return times;
  });

export const windowArb = fc.constantFrom(1, 10, 100, 250, 1000, 100 / 3, 333.3, 0.1 * 3);
