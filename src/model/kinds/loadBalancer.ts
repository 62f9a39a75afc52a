import { z } from 'zod';
import { boolean, integer, interval, MAX_COUNT, oneOf, strict } from '../fields';
import { durationSchema } from '../duration';
import type { KindDefinition } from './definition';

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

export const loadBalancerKind = {
  label: 'Load balancer',
  description:
    'Spreads requests over the instances of its downstream nodes with a real algorithm (round robin, least connections, consistent hashing, …), with optional health checks and sticky sessions.',
  configSchema: loadBalancerConfigSchema,
} satisfies KindDefinition;
