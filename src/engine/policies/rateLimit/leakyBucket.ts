/**
 * Leaky bucket as a queue (SPEC §3.2): requests join a queue of `queueSize` that drains one
 * request every I = 1000 / `ratePerSec` ms, so a burst leaves as an even stream. This module
 * is the meter, the component is the queue: `admit` says either "admitted, leaves at
 * `state.departAt`" or "refused, retry after r", and the component holds an admitted
 * request until its departure time.
 *
 * Virtual scheduling: per scope, `nextFree` is the earliest time the next request may
 * leave. A request arriving at `now` leaves at d = max(now, nextFree), and then
 * nextFree = d + I. While the queue is non-empty, consecutive departures are therefore
 * exactly I apart (d, d + I, d + 2I, … each computed by one addition of I); an idle queue
 * lets the next request straight through.
 *
 * The queue at `now` holds the admitted requests that have not left, the departures
 * nextFree − kI > now for k ≥ 1: there are ⌈(nextFree − now)/I⌉ − 1 of them. A newcomer
 * fits when that is below queueSize, i.e. when now ≥ nextFree − queueSize·I, which is again
 * a time threshold, so retry-after is exact. With queueSize 0 nothing waits: the bucket is
 * a strict spacer that admits only when the previous request has left. A rate of 0 drains
 * nothing: everything is refused.
 */
import type { RateLimiterConfig } from '../../../model';
import { delayUntil, RateLimitState, type RateLimitFamily } from './types';

export class LeakyBucketState extends RateLimitState {
  /** ms between departures. */
  readonly interval: number;
  /** queueSize · interval: how far ahead of `now` the schedule may run. */
  readonly horizon: number;
  /** scope → the earliest departure time of the next admitted request. */
  readonly nextFree: Float64Array;

  constructor(config: RateLimiterConfig, scopes: number) {
    super(config, scopes);
    this.interval = config.ratePerSec > 0 ? 1000 / config.ratePerSec : Infinity;
    this.horizon = config.queueSize * this.interval;
    this.nextFree = new Float64Array(scopes).fill(-Infinity);
  }
}

export function leakyBucketAdmit(s: LeakyBucketState, scope: number, now: number): number {
  if (s.interval === Infinity) return Infinity;
  const next = s.nextFree[scope];
  if (next > now) {
    const earliest = next - s.horizon;
    if (now < earliest) return delayUntil(now, earliest);
    s.departAt = next;
    s.nextFree[scope] = next + s.interval;
  } else {
    s.departAt = now;
    s.nextFree[scope] = now + s.interval;
  }
  return 0;
}

/** Requests of `scope` admitted and not yet departed at `now` (the queue length). */
export function leakyBucketBacklog(s: LeakyBucketState, scope: number, now: number): number {
  const next = s.nextFree[scope];
  return next > now ? Math.ceil((next - now) / s.interval) - 1 : 0;
}

export const leakyBucket: RateLimitFamily<LeakyBucketState> = {
  create: (config, scopes) => new LeakyBucketState(config, scopes),
  admit: leakyBucketAdmit,
  unit: 'queue',
  capacity: (config) => config.queueSize,
  level: (s, scope, now) => (s.interval === Infinity ? 0 : leakyBucketBacklog(s, scope, now)),
  reset(s) {
    s.nextFree.fill(-Infinity);
  },
};
