import { z } from 'zod';
import { boolean, integer, interval, MAX_COUNT, oneOf, strict } from '../fields';
import { durationSchema } from '../duration';
import { isZero, product, type KindCost } from '../cost/kindCost';
import { BYTES, WORK } from '../cost/measured';
import { countOf, formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

export const LOAD_BALANCING_ALGORITHMS = [
  'round-robin',
  'weighted-round-robin',
  'least-connections',
  'least-response-time',
  'ip-hash',
  'consistent-hash',
  'random',
  'power-of-two-choices',
] as const;

const healthCheckSchema = strict({
  /** A probe of every target each interval: 1 ms to 24 h (below 1 ms the probes would be the run). */
  intervalMs: interval().default(1000),
  unhealthyAfter: integer(1, MAX_COUNT).default(3),
  healthyAfter: integer(1, MAX_COUNT).default(2),
});

export const loadBalancerConfigSchema = strict({
  algorithm: oneOf(LOAD_BALANCING_ALGORITHMS).default('round-robin'),
  /**
   * Points per instance on the consistent-hash ring (1 to 10,000). The ring holds
   * instances × virtualNodes points; the cost model counts them against the memory budget.
   */
  virtualNodes: integer(1, 10_000).default(100),
  hashOn: oneOf(['user', 'key']).default('user'),
  stickySessions: boolean().default(false),
  /** Active probes; null means a dead instance keeps receiving traffic. */
  healthCheck: healthCheckSchema.nullable().default(null),
  processingTime: durationSchema.default(0.1),
});

export type LoadBalancerConfig = z.output<typeof loadBalancerConfigSchema>;
export type HealthCheckConfig = z.output<typeof healthCheckSchema>;

/**
 * A balancer spreads calls over its targets by instance count (and weight under weighted
 * round robin); its processing time rides the outgoing link. Its ring, target table and
 * sticky-session table grow with the instances behind it and the users in front of it.
 */
const loadBalancerCost: KindCost<'loadBalancer'> = {
  eventsPerCall: () => 0, // its processing time rides the outgoing link (see Outgoing.delays)
  outgoing: (c) => ({
    spread: c.algorithm === 'weighted-round-robin' ? 'by-weighted-instances' : 'by-instances',
    delays: !isZero(c.processingTime),
    pins: c.stickySessions || c.algorithm === 'ip-hash' || c.algorithm === 'consistent-hash',
  }),
  items(c, ctx) {
    const targets = ctx.targets;
    const points = product(targets, c.virtualNodes);
    ctx.memory(
      ctx.at('virtualNodes'),
      `a consistent-hash ring of ${formatCount(points)} points (${countOf(targets, 'instance')} × ${formatCount(c.virtualNodes)})` +
        (c.algorithm === 'consistent-hash' ? '' : ', built if the algorithm becomes consistent-hash'),
      points * BYTES.ringPoint,
    );
    if (c.algorithm === 'consistent-hash') {
      // Built at the start (and, until the kernel's incremental ring lands, again on each
      // scaling step behind it). A live switch to consistent hashing builds it later, paced.
      ctx.events({ path: ctx.at('virtualNodes'), what: `building a ring of ${formatCount(points)} points`, events: points * WORK.ringPoint, once: true });
    }
    ctx.memory(ctx.path, countOf(targets, 'target'), targets * BYTES.balancerTarget);
    if (c.stickySessions) {
      ctx.memory(ctx.at('stickySessions'), `a sticky-session table of ${formatCount(ctx.maxUsers)} users`, ctx.maxUsers * BYTES.stickyUser);
    }
    if (c.healthCheck !== null) {
      ctx.events({
        path: ctx.at('healthCheck.intervalMs'),
        what: `a probe of ${countOf(targets, 'target')} every ${formatCount(c.healthCheck.intervalMs)} ms`,
        events: product(ctx.seconds * (1000 / c.healthCheck.intervalMs), 1 + WORK.probeTarget * targets),
      });
    }
  },
};

export const loadBalancerKind = {
  label: 'Load balancer',
  description:
    'Spreads requests over the instances of its downstream nodes with a real algorithm (round robin, least connections, consistent hashing, …), with optional health checks and sticky sessions.',
  configSchema: loadBalancerConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: loadBalancerCost,
} satisfies KindDefinition<'loadBalancer'>;
