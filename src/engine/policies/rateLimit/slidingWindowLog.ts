/**
 * Sliding-window log: the times of the requests admitted in the last `windowMs`; a request
 * is admitted when fewer than `limit` of them fall in (now − W, now]. It never admits more
 * than `limit` in any window of length W (THEORY.md): exact, at the price of memory.
 *
 * Per scope the log is a ring of exactly `limit` times in admission order, so its oldest
 * entry decides: with the ring not yet full there is room; with it full, there is room iff
 * the oldest admitted time has left the window (oldest + W ≤ now), and the newcomer then
 * overwrites it. O(1) per call, no scan, no allocation; the retry-after is the moment the
 * oldest leaves, exactly.
 *
 * Memory: scopes × limit × 8 bytes for the times (plus 8 bytes a scope of bookkeeping):
 * 1,000 users at a limit of 100 take 800 kB; a million users at 1,000 would take 8 GB, so a
 * caller sizing a per-user limiter should check `slidingWindowLogBytes` first.
 */
import type { RateLimiterConfig } from '../../../model';
import { delayUntil, RateLimitState, type RateLimitFamily } from './types';

/** Bytes of typed arrays a sliding-window log of this size allocates. */
export function slidingWindowLogBytes(scopes: number, limit: number): number {
  return scopes * limit * 8 + scopes * 8;
}

export class SlidingWindowLogState extends RateLimitState {
  /** Scope s's ring occupies times[s·limit, (s+1)·limit). */
  readonly times: Float64Array;
  /** scope → ring index of the oldest entry. */
  readonly oldest: Int32Array;
  /** scope → entries in the ring (reaches `limit` and stays there). */
  readonly length: Int32Array;

  constructor(config: RateLimiterConfig, scopes: number) {
    super(config, scopes);
    this.times = new Float64Array(scopes * config.limit);
    this.oldest = new Int32Array(scopes);
    this.length = new Int32Array(scopes);
  }
}

export function slidingWindowLogAdmit(s: SlidingWindowLogState, scope: number, now: number): number {
  const { limit, windowMs } = s.config;
  if (limit === 0) return Infinity;
  const base = scope * limit;
  const len = s.length[scope];
  if (len < limit) {
    s.times[base + ((s.oldest[scope] + len) % limit)] = now;
    s.length[scope] = len + 1;
  } else {
    const i = s.oldest[scope];
    const leaves = s.times[base + i] + windowMs;
    if (now < leaves) return delayUntil(now, leaves);
    s.times[base + i] = now;
    s.oldest[scope] = i + 1 === limit ? 0 : i + 1;
  }
  s.departAt = now;
  return 0;
}

export const slidingWindowLog: RateLimitFamily<SlidingWindowLogState> = {
  create: (config, scopes) => new SlidingWindowLogState(config, scopes),
  admit: slidingWindowLogAdmit,
  unit: 'window',
  capacity: (config) => config.limit,
  /** Entries in (now − W, now]: the ring is in admission order, so count back from the newest. */
  level(s, scope, now) {
    const { limit, windowMs } = s.config;
    const len = s.length[scope];
    const base = scope * limit;
    let n = 0;
    for (let k = len - 1; k >= 0; k--) {
      if (s.times[base + ((s.oldest[scope] + k) % limit)] + windowMs <= now) break;
      n++;
    }
    return n;
  },
  reset(s) {
    s.oldest.fill(0);
    s.length.fill(0);
  },
};
