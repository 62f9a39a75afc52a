/**
 * The rate-limit family's one signature: `admit(state, scope, now)` returns 0 when the
 * request is admitted, else the time in ms after which a retry in the same scope will be
 * admitted (Infinity when it never will, e.g. a zero limit). `scope` is 0 for a global
 * limiter or a user index for a per-user one; each algorithm keeps its state as a struct of
 * typed arrays indexed by scope and sized once, so a call allocates nothing and per-user
 * memory is bounded by the number of users.
 *
 * Retry-after is exact where the algorithm's rule is a threshold in time: every algorithm
 * here decides by comparing `now` with a time computed from its state, and answers the
 * distance to that same time, rounded so that `now + retryAfterMs` really reaches it. A
 * retry at exactly that moment is admitted (if nothing else was admitted in the scope since);
 * a retry any earlier is refused.
 *
 * Callers guarantee 0 ≤ scope < scopes (typed arrays do not check) and, per scope,
 * non-decreasing `now` — the event list's order.
 */
import type { RateLimiterConfig } from '../../../model';

export type RateLimitAlgorithm = RateLimiterConfig['algorithm'];

/** What every algorithm's state records besides its own arrays. */
export class RateLimitState {
  /**
   * When the most recently admitted request leaves the limiter: `now` for every algorithm
   * but the leaky bucket, which holds a request in its queue until its departure time.
   */
  departAt = 0;

  constructor(
    readonly config: RateLimiterConfig,
    /** Independent limiters held: 1 (global) or the number of users (per-user). */
    readonly scopes: number,
  ) {}
}

/**
 * What a scope's `level` counts: tokens left in a bucket, requests counted in the current
 * window, or requests waiting in a leaky bucket's queue.
 */
export type RateLimitUnit = 'tokens' | 'window' | 'queue';

export interface RateLimitFamily<S extends RateLimitState> {
  create(config: RateLimiterConfig, scopes: number): S;
  /** 0: admitted (leaving at `state.departAt`); > 0: refused, retry after that many ms. */
  admit(state: S, scope: number, now: number): number;
  /** What `level` counts, and its most (the burst, the limit, the queue's size). */
  readonly unit: RateLimitUnit;
  capacity(config: RateLimiterConfig): number;
  /**
   * The scope's state at `now` (≥ its last admission), in `unit`s, for live figures: it
   * changes nothing, so reading it does not disturb the run.
   */
  level(state: S, scope: number, now: number): number;
  /** Forgets all history (a crash): every scope starts afresh. */
  reset(state: S): void;
}

/**
 * The delay d > 0 with now + d ≥ target, as small as floating point allows: `target − now`
 * can round so that adding it back to `now` falls one ulp short of the threshold.
 */
export function delayUntil(now: number, target: number): number {
  let d = target - now;
  // Each step is about one ulp of the larger operand, so this loops once or twice at most.
  while (now + d < target) d += Math.max(Math.abs(now), d) * 2.220446049250313e-16 || Number.MIN_VALUE;
  return d;
}
