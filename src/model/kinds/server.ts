import { z } from 'zod';
import { fraction, ifValid, integer, interval, MAX_ENTRIES, millis, number, oneOf, schedule, strict } from '../fields';
import { durationSchema } from '../duration';
import { meanMs } from '../duration';
import type { CostContext, Instances, KindCost } from '../cost/kindCost';
import { BYTES } from '../cost/measured';
import { countOf, formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

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

/** Its most instances over the run, and the field that allows them. */
function peakInstances(c: ServerConfig): Instances {
  let best = { count: c.replicas, path: 'replicas' };
  c.scaleSchedule.forEach((step, k) => {
    if (step.replicas > best.count) best = { count: step.replicas, path: `scaleSchedule[${k}].replicas` };
  });
  if (c.autoscale !== null && c.autoscale.max > best.count) best = { count: c.autoscale.max, path: 'autoscale.max' };
  return best;
}

/**
 * Requests that can wait at a server's instances, at most, when its workers keep up with it.
 * A station whose utilisation ρ stays below 1 has a queue whose length falls geometrically
 * (P(Q > q) ≈ ρ^q for Poisson arrivals): 40 times the length exceeded with probability
 * 10⁻¹² leaves room for bursts and service times with long tails. Null when the document
 * lets the load reach the workers' capacity, and then the queue may fill:
 * - a worker held while the server waits on its downstream calls (blocking io) for a time
 *   the document does not bound;
 * - a balancer hashing users or keys (or sticky sessions) may send everything to one instance;
 * - the fewest instances the run has, less the instances a fault crashes, slowed by the
 *   largest factor a fault applies, at the highest rate that can reach it (retries included).
 */
function stableQueueBound(c: ServerConfig, ctx: CostContext): number | null {
  if (c.io === 'blocking' && ctx.outEdges > 0) return null;
  let fewest = c.replicas;
  for (const step of c.scaleSchedule) fewest = Math.min(fewest, step.replicas);
  if (c.autoscale !== null) fewest = Math.min(fewest, c.autoscale.min);
  const { faults } = ctx;
  const spread = ctx.pinnedInto ? 1 : fewest - faults.crashedInstances.size;
  if (spread < 1) return null;
  let serviceMs = meanMs(c.serviceTime) * faults.slow;
  if (c.sessions === 'in-memory') serviceMs += meanMs(c.sessionRebuildTime) * faults.slow;
  const rho = ((ctx.inflow / spread) * serviceMs) / (1000 * c.concurrency);
  if (!(rho < 0.98)) return null;
  const perInstance = rho > 0 ? Math.ceil((40 * Math.log(1e-12)) / Math.log(rho)) : 0;
  return perInstance * peakInstances(c).count;
}

/** Its queues, workers and instances at the peak; its session table; its scaler's timeline. */
const serverCost: KindCost<'server'> = {
  eventsPerCall: () => 1,
  instances: peakInstances,
  items(c, ctx) {
    const { arrivals, seconds } = ctx;
    const inst = peakInstances(c);
    const queueSlots = inst.count * c.queueCapacity;
    const stable = stableQueueBound(c, ctx);
    const queued = Math.min(queueSlots, arrivals, stable ?? Infinity);
    const across = inst.count > 1 ? ` (${formatCount(inst.count)} instances × ${formatCount(c.queueCapacity)})` : '';
    ctx.memory(
      ctx.at('queueCapacity'),
      queued === stable && stable < Math.min(queueSlots, arrivals)
        ? `up to ${formatCount(queued)} queued requests (its workers keep up with its load)`
        : queued < queueSlots
          ? `up to ${formatCount(queued)} queued requests (all that reach it in ${formatCount(seconds)} s)`
          : `up to ${formatCount(queued)} queued requests${across}`,
      queued * BYTES.queuedRequest,
    );
    const workers = Math.min(inst.count * c.concurrency, arrivals);
    ctx.memory(ctx.at('concurrency'), `up to ${formatCount(workers)} requests in service`, workers * BYTES.requestInService);
    ctx.memory(ctx.at(inst.path), countOf(inst.count, 'instance'), inst.count * BYTES.serverInstance);
    if (c.sessions === 'in-memory') {
      ctx.memory(ctx.at('sessions'), `a session table of ${formatCount(ctx.maxUsers)} users`, ctx.maxUsers * BYTES.sessionUser);
    }
    if (c.autoscale !== null) {
      const evaluations = seconds * (1000 / c.autoscale.evaluateEveryMs);
      ctx.events({
        path: ctx.at('autoscale.evaluateEveryMs'),
        what: `an evaluation every ${formatCount(c.autoscale.evaluateEveryMs)} ms`,
        events: evaluations,
      });
      // Each evaluation may start instances and see earlier ones come into rotation: two steps.
      const steps = Math.min(MAX_REPLICA_STEPS, 1 + c.scaleSchedule.length + 2 * evaluations);
      ctx.memory(ctx.at('autoscale.evaluateEveryMs'), `a replica timeline of up to ${formatCount(steps)} steps`, steps * BYTES.replicaStep);
    }
    if (c.scaleSchedule.length > 0) {
      ctx.events({ path: ctx.at('scaleSchedule'), what: countOf(c.scaleSchedule.length, 'scaling step'), events: c.scaleSchedule.length, once: true });
    }
  },
};

export const serverKind = {
  label: 'Server',
  description:
    'A service with replicas, each with a pool of workers and a bounded FIFO queue; after its own work a request calls every downstream edge, blocking or async.',
  configSchema: serverConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: serverCost,
} satisfies KindDefinition<'server'>;
