/**
 * Sliding-window counter (Cloudflare's): two fixed-window counts per scope stand in for the
 * log. At a fraction f ∈ [0, 1) into window k, with p requests admitted in window k − 1 and
 * c so far in window k, the number in the sliding window (now − W, now] is estimated as
 * p·(1 − f) + c — as if window k − 1's requests had been spread evenly — and a request is
 * admitted when the estimate including it stays within the limit: p·(1 − f) + c + 1 ≤ L.
 *
 * Its error, derived. Take any time t in window k and let a be the number of window
 * k − 1's admissions that are still inside (t − W, t]; the estimator's error there is
 * e = a − p·(1 − f). The last admission s ≤ t of window k saw c(s⁻) ≤ L − 1 − p·(1 − f(s)),
 * and f(s) ≤ f(t), so window k holds c(t) ≤ ⌊L − p·(1 − f)⌋ by t (also when it admitted
 * nothing, as p ≤ L). Hence, for every t:
 *
 *     admitted in (t − W, t]  ≤  a + ⌊L − p·(1 − f)⌋  =  L + ⌊e⌋.
 *
 * So the limiter over-admits by at most the whole part of its estimator's error. When window
 * k − 1's admissions were evenly spread, |e| < 1 and no sliding window exceeds L. In the
 * worst case — window k − 1's p ≤ L admissions all in its last instant — e < p·f < L, so no
 * sliding window ever holds more than 2L − 1: better than the fixed window's 2L, far worse
 * than the log's L, with memory independent of L (three numbers a scope). Each fixed window
 * on its own never exceeds L.
 *
 * The admission test is computed in time, not as an estimate: p·(1 − f) + c + 1 ≤ L is
 * now ≥ kW + W·(1 − (L − 1 − c)/p), so retry-after is exact. A full window (c = L) waits
 * for the threshold of window k + 1, where this window's count becomes p.
 */
import type { RateLimiterConfig } from '../../../model';
import { delayUntil, RateLimitState, type RateLimitFamily } from './types';
import { windowIndex, windowStart } from './windows';

export class SlidingWindowCounterState extends RateLimitState {
  /** scope → index of the current window */
  readonly currentWindow: Float64Array;
  /** scope → admitted in the window before it. */
  readonly previous: Float64Array;
  /** scope → admitted in the current window */
  readonly count: Float64Array;

  constructor(config: RateLimiterConfig, scopes: number) {
    super(config, scopes);
    this.currentWindow = new Float64Array(scopes).fill(-Infinity);
    this.previous = new Float64Array(scopes);
    this.count = new Float64Array(scopes);
  }
}

/** The earliest time in window k at which one more request fits, given p and c. */
function threshold(k: number, p: number, c: number, limit: number, windowMs: number): number {
  const start = windowStart(k, windowMs);
  return p === 0 ? start : start + windowMs * (1 - (limit - 1 - c) / p);
}

export function slidingWindowCounterAdmit(s: SlidingWindowCounterState, scope: number, now: number): number {
  const { limit, windowMs } = s.config;
  if (limit === 0) return Infinity;
  const k = windowIndex(now, windowMs);
  const current = s.currentWindow[scope];
  if (current !== k) {
    s.previous[scope] = k === current + 1 ? s.count[scope] : 0;
    s.count[scope] = 0;
    s.currentWindow[scope] = k;
  }
  const p = s.previous[scope];
  const c = s.count[scope];
  const earliest = c < limit ? threshold(k, p, c, limit, windowMs) : threshold(k + 1, c, 0, limit, windowMs);
  if (now < earliest) return delayUntil(now, earliest);
  s.count[scope] = c + 1;
  s.departAt = now;
  return 0;
}

export const slidingWindowCounter: RateLimitFamily<SlidingWindowCounterState> = {
  create: (config, scopes) => new SlidingWindowCounterState(config, scopes),
  admit: slidingWindowCounterAdmit,
  unit: 'window',
  capacity: (config) => config.limit,
  /** The estimate the limiter decides by: p·(1 − f) + c. */
  level(s, scope, now) {
    const { windowMs } = s.config;
    const k = windowIndex(now, windowMs);
    const current = s.currentWindow[scope];
    let p = 0;
    let c = 0;
    if (current === k) {
      p = s.previous[scope];
      c = s.count[scope];
    } else if (current === k - 1) {
      p = s.count[scope];
    }
    const f = (now - windowStart(k, windowMs)) / windowMs;
    return p * (1 - f) + c;
  },
  reset(s) {
    s.currentWindow.fill(-Infinity);
    s.previous.fill(0);
    s.count.fill(0);
  },
};
