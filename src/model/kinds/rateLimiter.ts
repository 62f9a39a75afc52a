import { z } from 'zod';
import { integer, millis, number, oneOf, strict } from '../fields';
import type { KindDefinition } from './definition';

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
  ratePerSec: number({ min: 0 }).default(100),
  burst: integer(1).default(100),
  queueSize: integer(0).default(100),
  limit: integer(0).default(100),
  windowMs: millis({ positive: true }).default(1000),
  scope: oneOf(['global', 'per-user']).default('global'),
});

export type RateLimiterConfig = z.output<typeof rateLimiterConfigSchema>;

export const rateLimiterKind = {
  label: 'Rate limiter',
  description:
    'Lets requests through up to a rate (token bucket, leaky bucket, fixed or sliding windows), globally or per user; a refused request is rejected with a retry-after hint.',
  configSchema: rateLimiterConfigSchema,
} satisfies KindDefinition;
