import { z } from 'zod';
import { integer, MAX_DURATION_MS, MAX_ENTRIES, number, oneOf, rate, strict } from '../fields';

/**
 * The shortest window: 1 µs. Windows roll lazily (a request computes its window from the
 * clock; no timer repeats), so the floor only keeps window indexes exact integers over a whole
 * run (86,400,000 ms / 0.001 ms is far below 2^53) and never Infinity (as 5e-324 would make them).
 */
export const MIN_WINDOW_MS = 0.001;
import { product, type CostContext, type KindCost } from '../cost/kindCost';
import { BYTES } from '../cost/measured';
import { formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

export const RATE_LIMIT_ALGORITHMS = [
  'token-bucket',
  'leaky-bucket',
  'fixed-window',
  'sliding-window-log',
  'sliding-window-counter',
] as const;

/**
 * The rate limiter's fields; an API gateway's `rateLimit` uses the same.
 * Each algorithm reads the fields it needs: token bucket `ratePerSec` and
 * `burst`, leaky bucket `ratePerSec` and `queueSize`, the window algorithms
 * `limit` per `windowMs`.
 */
export const rateLimiterConfigSchema = strict({
  algorithm: oneOf(RATE_LIMIT_ALGORITHMS).default('token-bucket'),
  /** 0 to 1,000,000 per second. */
  ratePerSec: rate().default(100),
  /** Tokens a bucket holds (a counter): 1 to 10,000,000. */
  burst: integer(1, MAX_ENTRIES).default(100),
  /** Requests a leaky bucket holds, per bucket (per user with per-user scope): counted against the memory budget. */
  queueSize: integer(0, MAX_ENTRIES).default(100),
  /** Requests per window; a sliding-window log keeps up to this many timestamps per bucket. */
  limit: integer(0, MAX_ENTRIES).default(100),
  /** 1 µs to 24 h (see MIN_WINDOW_MS). */
  windowMs: number({ min: MIN_WINDOW_MS, max: MAX_DURATION_MS }).default(1000),
  scope: oneOf(['global', 'per-user']).default('global'),
});

export type RateLimiterConfig = z.output<typeof rateLimiterConfigSchema>;

/**
 * What a limiter with these fields holds: a bucket per user under per-user scope, a log of
 * timestamps (sliding-window log), requests waiting to leak (leaky bucket). `field` is where
 * the fields sit in the node's config: '' for a rate limiter, 'rateLimit.' for a gateway's.
 */
export function limiterCost(c: RateLimiterConfig, ctx: CostContext, field: '' | 'rateLimit.'): void {
  const buckets = c.scope === 'per-user' ? ctx.maxUsers : 1;
  if (buckets > 1) {
    ctx.memory(ctx.at(`${field}scope`), `a bucket for each of ${formatCount(buckets)} users`, buckets * BYTES.limiterBucket);
  }
  if (c.algorithm === 'sliding-window-log') {
    const entries = Math.min(product(buckets, c.limit), ctx.arrivals);
    ctx.memory(ctx.at(`${field}limit`), `up to ${formatCount(entries)} logged timestamps`, entries * BYTES.logEntry);
  }
  if (c.algorithm === 'leaky-bucket') {
    const held = Math.min(product(buckets, c.queueSize), ctx.arrivals);
    ctx.memory(ctx.at(`${field}queueSize`), `up to ${formatCount(held)} requests waiting to leak`, held * BYTES.queuedRequest);
  }
}

const rateLimiterCost: KindCost<'rateLimiter'> = {
  eventsPerCall: () => 1,
  items: (c, ctx) => limiterCost(c, ctx, ''),
};

export const rateLimiterKind = {
  label: 'Rate limiter',
  description:
    'Lets requests through up to a rate (token bucket, leaky bucket, fixed or sliding windows), globally or per user; a refused request is rejected with a retry-after hint.',
  configSchema: rateLimiterConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: rateLimiterCost,
} satisfies KindDefinition<'rateLimiter'>;
