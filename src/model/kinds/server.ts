import { z } from 'zod';
import { fraction, ifValid, integer, interval, MAX_ENTRIES, millis, number, oneOf, schedule, strict } from '../fields';
import { durationSchema } from '../duration';
import type { KindDefinition } from './definition';

/** Upper bounds that keep a run's memory bounded (one state object per instance/worker). */
export const MAX_REPLICAS = 1000;
export const MAX_CONCURRENCY = 10_000;
/** Steps a server's replica timeline keeps (the report's `replicaTimeline`); later changes are not recorded. */
export const MAX_REPLICA_STEPS = 10_000;

const autoscaleSchema = strict({
  min: integer(1, MAX_REPLICAS).default(1),
  max: integer(1, MAX_REPLICAS).default(10),
  targetUtilization: number({ above: 0, max: 1 }).default(0.6),
  /** A timer that repeats: 1 ms to 24 h. */
  evaluateEveryMs: interval().default(5000),
  cooldownMs: millis().default(30_000),
  /** A new instance takes traffic only after this long. */
  startupMs: millis().default(20_000),
}).superRefine((a, ctx) => {
  if (a.min > a.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: `must be ≥ min (${a.min})` });
  }
}, ifValid);

export const serverConfigSchema = strict({
  replicas: integer(1, MAX_REPLICAS).default(1),
  /** Workers per instance. */
  concurrency: integer(1, MAX_CONCURRENCY).default(4),
  /**
   * FIFO queue per instance; a full queue rejects with 503. Up to 10,000,000 per instance;
   * replicas × queueCapacity queued requests are counted against the memory budget.
   */
  queueCapacity: integer(0, MAX_ENTRIES).default(100),
  /** CPU work per request. */
  serviceTime: durationSchema.default(() => ({ dist: 'exponential' as const, meanMs: 10 })),
  errorRate: fraction().default(0),
  calls: oneOf(['sequential', 'parallel']).default('sequential'),
  io: oneOf(['blocking', 'async']).default('blocking'),
  sessions: oneOf(['stateless', 'in-memory']).default('stateless'),
  sessionRebuildTime: durationSchema.default(50),
  autoscale: autoscaleSchema.nullable().default(null),
  /** Scheduled scaling: at most 10,000 steps. */
  scaleSchedule: schedule({ atMs: millis(), replicas: integer(1, MAX_REPLICAS) }).default(
    () => [],
  ),
});

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type AutoscaleConfig = z.output<typeof autoscaleSchema>;

export const serverKind = {
  label: 'Server',
  description:
    'A service with replicas, each with a pool of workers and a bounded FIFO queue; after its own work a request calls every downstream edge, blocking or async.',
  configSchema: serverConfigSchema,
} satisfies KindDefinition;
