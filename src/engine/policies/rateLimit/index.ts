/**
 * The rate-limit algorithms of SPEC §3.2, one file each, in one table checked against the
 * model's list. `createRateLimiter` binds one to its state for a component that does not
 * care which algorithm it runs; a component may also call a family's `admit` directly.
 */
import type { RateLimiterConfig } from '../../../model';
import { fixedWindow, type FixedWindowState } from './fixedWindow';
import { leakyBucket, type LeakyBucketState } from './leakyBucket';
import { slidingWindowCounter, type SlidingWindowCounterState } from './slidingWindowCounter';
import { slidingWindowLog, type SlidingWindowLogState } from './slidingWindowLog';
import { tokenBucket, type TokenBucketState } from './tokenBucket';
import type { RateLimitAlgorithm, RateLimitFamily, RateLimitState, RateLimitUnit } from './types';

export { delayUntil, RateLimitState, type RateLimitAlgorithm, type RateLimitFamily, type RateLimitUnit } from './types';
export { fixedWindowAdmit, FixedWindowState } from './fixedWindow';
export { leakyBucketAdmit, leakyBucketBacklog, LeakyBucketState } from './leakyBucket';
export { slidingWindowCounterAdmit, SlidingWindowCounterState } from './slidingWindowCounter';
export { slidingWindowLogAdmit, slidingWindowLogBytes, SlidingWindowLogState } from './slidingWindowLog';
export { tokenBucketAdmit, TokenBucketState } from './tokenBucket';

/** Each algorithm's state type, by name. */
export interface RateLimitStates {
  'token-bucket': TokenBucketState;
  'leaky-bucket': LeakyBucketState;
  'fixed-window': FixedWindowState;
  'sliding-window-log': SlidingWindowLogState;
  'sliding-window-counter': SlidingWindowCounterState;
}

type RateLimitFamilies = { [A in RateLimitAlgorithm]: RateLimitFamily<RateLimitStates[A]> };

export const rateLimitAlgorithms = {
  'token-bucket': tokenBucket,
  'leaky-bucket': leakyBucket,
  'fixed-window': fixedWindow,
  'sliding-window-log': slidingWindowLog,
  'sliding-window-counter': slidingWindowCounter,
} satisfies RateLimitFamilies;

/** One limiter, whatever its algorithm: state and family bound together. */
export interface RateLimiter {
  readonly algorithm: RateLimitAlgorithm;
  readonly scopes: number;
  /** 0: admitted, leaving the limiter at `departAt`; > 0: refused, retry after that many ms. */
  admit(scope: number, now: number): number;
  /** When the last admitted request leaves: `now`, or later for the leaky bucket's queue. */
  readonly departAt: number;
  /** Forgets all history (a crash). */
  reset(): void;
  /** What {@link level} counts, and its most. */
  readonly unit: RateLimitUnit;
  readonly capacity: number;
  /** The scope's state now (tokens left, requests in the window, requests queued); reads only. */
  level(scope: number, now: number): number;
}

class BoundRateLimiter<S extends RateLimitState> implements RateLimiter {
  constructor(
    readonly algorithm: RateLimitAlgorithm,
    private readonly family: RateLimitFamily<S>,
    readonly state: S,
  ) {}

  get scopes(): number {
    return this.state.scopes;
  }

  get departAt(): number {
    return this.state.departAt;
  }

  admit(scope: number, now: number): number {
    return this.family.admit(this.state, scope, now);
  }

  get unit(): RateLimitUnit {
    return this.family.unit;
  }

  get capacity(): number {
    return this.family.capacity(this.state.config);
  }

  level(scope: number, now: number): number {
    return this.family.level(this.state, scope, now);
  }

  reset(): void {
    this.family.reset(this.state);
  }
}

/** A limiter for `config.algorithm` over `scopes` independent scopes (1, or the users). */
export function createRateLimiter(config: RateLimiterConfig, scopes: number): RateLimiter {
  return bind(config.algorithm, config, scopes);
}

function bind<A extends RateLimitAlgorithm>(algorithm: A, config: RateLimiterConfig, scopes: number): RateLimiter {
  // Typed through the mapped table so that TypeScript pairs each family with its own state.
  const families: RateLimitFamilies = rateLimitAlgorithms;
  const family = families[algorithm];
  return new BoundRateLimiter(algorithm, family, family.create(config, scopes));
}
