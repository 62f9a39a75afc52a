/**
 * Token bucket: a bucket of `burst` tokens refilled at `ratePerSec`; a request takes one
 * token or is refused. Over any interval of length T it admits at most burst + rate·T
 * (THEORY.md), and with the bucket full and enough demand it admits exactly that.
 *
 * Kept as the generic cell rate algorithm (GCRA, ITU-T I.371's virtual scheduling), which
 * is the same bucket seen from the clock: one "theoretical arrival time" per scope instead of
 * (tokens, last refill), with emission interval I = 1000 / rate ms and tolerance
 * τ = (burst − 1)·I. The bucket holds burst − (tat − now)/I tokens, so "at least one token"
 * is `now ≥ tat − τ`: one comparison, no refill arithmetic, and the retry-after is exactly
 * the distance to that threshold. A rate of 0 means the bucket never refills: each scope
 * may spend `burst` requests, ever.
 */
import type { RateLimiterConfig } from '../../../model';
import { delayUntil, RateLimitState, type RateLimitFamily } from './types';

export class TokenBucketState extends RateLimitState {
  /** Emission interval: ms per token. */
  readonly interval: number;
  /** How far ahead of `now` the theoretical arrival time may run: (burst − 1)·interval. */
  readonly tolerance: number;
  /** scope → theoretical arrival time; −Infinity: a full bucket. */
  readonly tat: Float64Array;
  /** With a rate of 0: scope → requests admitted so far (otherwise empty). */
  readonly spent: Float64Array;

  constructor(config: RateLimiterConfig, scopes: number) {
    super(config, scopes);
    this.interval = config.ratePerSec > 0 ? 1000 / config.ratePerSec : Infinity;
    this.tolerance = (config.burst - 1) * (config.ratePerSec > 0 ? this.interval : 0);
    this.tat = new Float64Array(scopes).fill(-Infinity);
    this.spent = new Float64Array(config.ratePerSec > 0 ? 0 : scopes);
  }
}

export function tokenBucketAdmit(s: TokenBucketState, scope: number, now: number): number {
  if (s.interval === Infinity) {
    if (s.spent[scope] >= s.config.burst) return Infinity;
    s.spent[scope]++;
    s.departAt = now;
    return 0;
  }
  const tat = s.tat[scope];
  const earliest = tat - s.tolerance;
  if (now < earliest) return delayUntil(now, earliest);
  s.tat[scope] = (tat > now ? tat : now) + s.interval;
  s.departAt = now;
  return 0;
}

export const tokenBucket: RateLimitFamily<TokenBucketState> = {
  create: (config, scopes) => new TokenBucketState(config, scopes),
  admit: tokenBucketAdmit,
  unit: 'tokens',
  capacity: (config) => config.burst,
  /** burst − (tat − now)/I tokens while tat is ahead of now (fractional: GCRA refills continuously). */
  level(s, scope, now) {
    if (s.interval === Infinity) return s.config.burst - s.spent[scope];
    const ahead = s.tat[scope] - now;
    if (!(ahead > 0)) return s.config.burst;
    const tokens = s.config.burst - ahead / s.interval;
    return tokens > 0 ? tokens : 0;
  },
  reset(s) {
    s.tat.fill(-Infinity);
    s.spent.fill(0);
  },
};
