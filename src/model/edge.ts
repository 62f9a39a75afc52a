/** Edges: calls from one node to another, with their resilience settings (SPEC §3.3). */
import { z } from 'zod';
import { durationSchema } from './duration';
import { boolean, id, integer, interval, MAX_COUNT, millis, number, oneOf, strict, weight } from './fields';

const retrySchema = strict({
  /** Counts the first try. */
  maxAttempts: integer(1, 100).default(3),
  baseDelayMs: millis().default(100),
  multiplier: number({ min: 1, max: 100 }).default(2),
  maxDelayMs: millis().default(5000),
  jitter: oneOf(['none', 'full', 'equal']).default('none'),
  respectRetryAfter: boolean().default(true),
  /**
   * Retries may add at most this fraction of the edge's first attempts over the last 10 s
   * (a retry budget, as gRPC and Envoy have); null: no budget.
   */
  budgetRatio: number({ min: 0, max: 100 }).nullable().default(null),
});

const circuitBreakerSchema = strict({
  failureRateThreshold: number({ above: 0, max: 1 }).default(0.5),
  minimumCalls: integer(1, MAX_COUNT).default(20),
  /** A sliding window of ten buckets that roll over: 1 ms to 24 h. */
  windowMs: interval().default(10_000),
  openMs: millis({ positive: true }).default(5000),
  halfOpenCalls: integer(1, MAX_COUNT).default(5),
});

const bulkheadSchema = strict({
  maxConcurrent: integer(1, MAX_COUNT).default(50),
});

export const edgeConfigSchema = strict({
  /** Network latency each way. */
  latency: durationSchema.default(1),
  /** null: the caller waits forever. */
  timeoutMs: millis({ positive: true }).nullable().default(null),
  retry: retrySchema.nullable().default(null),
  circuitBreaker: circuitBreakerSchema.nullable().default(null),
  bulkhead: bulkheadSchema.nullable().default(null),
  /** Sequential calls per request handled by the caller (the N+1 pattern). */
  callsPerRequest: integer(1, 1000).default(1),
  /** For weighted round robin: above 0, at most 1,000,000, so no sum of weights can overflow. */
  weight: weight().default(1),
  /** What an open circuit breaker answers. */
  fallback: oneOf(['error', 'degraded']).default('error'),
  /**
   * Requests sent on this edge carry their id as an idempotency key, and every node after
   * passes it on: the database that applies a request's write remembers the id (for the run's
   * last 10 minutes), so a write retried after a timeout is applied once. Without a key a
   * retried write is applied again and the database counts a `duplicateWrite` (SPEC §3.3).
   */
  idempotencyKeys: boolean().default(false),
});

export const edgeSchema = strict({
  id: id(),
  from: id(),
  to: id(),
  config: edgeConfigSchema.prefault({}),
});

export type EdgeConfig = z.output<typeof edgeConfigSchema>;
export type RetryConfig = z.output<typeof retrySchema>;
export type CircuitBreakerConfig = z.output<typeof circuitBreakerSchema>;
export type BulkheadConfig = z.output<typeof bulkheadSchema>;
export type ScenarioEdge = z.output<typeof edgeSchema>;

