import { z } from 'zod';
import { fraction, integer, MAX_ENTRIES, MAX_USERS, millis, number, oneOf, rate, schedule, strict } from '../fields';
import { pathWeights } from '../pathWeights';
import type { KindDefinition } from './definition';

const keysSchema = strict({
  count: integer(1, MAX_ENTRIES).default(10_000),
  distribution: oneOf(['uniform', 'zipf']).default('uniform'),
  /** Zipf exponent `s`: key rank r is drawn with weight 1 / r^s. */
  exponent: number({ min: 0, max: 10 }).default(1.0),
});

export const clientConfigSchema = strict({
  /** Requests per second; 0 is a paused source; at most MAX_RATE_PER_SEC (1,000,000). */
  rps: rate().default(100),
  arrival: oneOf(['poisson', 'constant']).default('poisson'),
  /** Step changes of `rps` over time (each `rps` up to 1,000,000; at most 10,000 steps). */
  rateSchedule: schedule({ atMs: millis(), rps: rate() }).default(() => []),
  users: integer(1, MAX_USERS).default(1000),
  keys: keysSchema.prefault({}),
  writeFraction: fraction().default(0),
  /** Path → relative weight (above 0, at most MAX_WEIGHT; at most 1,000 paths). */
  paths: pathWeights().default(() => ({ '/': 1 })),
});

export type ClientConfig = z.output<typeof clientConfigSchema>;

export const clientKind = {
  label: 'Client',
  description:
    'A traffic source: creates requests at a rate (Poisson or constant, with an optional schedule) and sends each down its single outgoing edge.',
  configSchema: clientConfigSchema,
} satisfies KindDefinition;
