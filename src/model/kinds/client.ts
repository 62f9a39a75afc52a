import { z } from 'zod';
import { fraction, integer, MAX_ENTRIES, MAX_USERS, millis, number, oneOf, rate, schedule, strict, text, weight } from '../fields';
import type { KindDefinition } from './definition';

const keysSchema = strict({
  count: integer(1, MAX_ENTRIES).default(10_000),
  distribution: oneOf(['uniform', 'zipf']).default('uniform'),
  /** Zipf exponent `s`: key rank r is drawn with weight 1 / r^s. */
  exponent: number({ min: 0, max: 10 }).default(1.0),
});

/**
 * Path → relative weight (above 0, at most MAX_WEIGHT). A `__proto__` path never reaches
 * this record: documents with that key are refused up front (forbiddenKeys.ts).
 */
const pathsSchema = z
  .record(
    text(1000, { nonEmpty: true }),
    weight(),
    { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an object of path → weight') },
  )
  .refine((paths) => Object.keys(paths).length > 0, { error: 'must name at least one path' });

export const clientConfigSchema = strict({
  /** Requests per second; 0 is a paused source; at most MAX_RATE_PER_SEC (1,000,000). */
  rps: rate().default(100),
  arrival: oneOf(['poisson', 'constant']).default('poisson'),
  /** Step changes of `rps` over time (each `rps` up to 1,000,000; at most 10,000 steps). */
  rateSchedule: schedule({ atMs: millis(), rps: rate() }).default(() => []),
  users: integer(1, MAX_USERS).default(1000),
  keys: keysSchema.prefault({}),
  writeFraction: fraction().default(0),
  /** Path → relative weight (above 0, at most 1,000,000). */
  paths: pathsSchema.default(() => ({ '/': 1 })),
});

export type ClientConfig = z.output<typeof clientConfigSchema>;

export const clientKind = {
  label: 'Client',
  description:
    'A traffic source: creates requests at a rate (Poisson or constant, with an optional schedule) and sends each down its single outgoing edge.',
  configSchema: clientConfigSchema,
} satisfies KindDefinition;
