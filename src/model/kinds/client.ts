import { z } from 'zod';
import { fraction, integer, MAX_ENTRIES, MAX_USERS, millis, number, oneOf, rate, schedule, strict, text, weight } from '../fields';
import { product, type KindCost } from '../cost/kindCost';
import { BYTES, WORK } from '../cost/measured';
import { countOf, formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

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

/** A client's highest rate and the field that sets it. */
function peakRate(c: ClientConfig): { rps: number; path: string } {
  let best = { rps: c.rps, path: 'rps' };
  c.rateSchedule.forEach((step, k) => {
    if (step.rps > best.rps) best = { rps: step.rps, path: `rateSchedule[${k}].rps` };
  });
  return best;
}

/** Requests a client sends in `durationMs`: its rate integrated over its schedule. */
function requestsOverRun(c: ClientConfig, durationMs: number): number {
  let total = 0;
  let rps = c.rps;
  let from = 0;
  for (const step of c.rateSchedule) {
    if (step.atMs >= durationMs) break;
    total += (rps * (step.atMs - from)) / 1000;
    rps = step.rps;
    from = step.atMs;
  }
  return total + (rps * (durationMs - from)) / 1000;
}

/** A client is where the run's events start: its requests carry every event they cause downstream. */
const clientCost: KindCost<'client'> = {
  eventsPerCall: () => 0, // it receives no calls
  source: (c) => ({
    peakRps: peakRate(c).rps,
    requests: (durationMs) => requestsOverRun(c, durationMs),
    writeFraction: c.writeFraction,
    users: c.users,
    keys: c.keys.count,
  }),
  items(c, ctx) {
    const peak = peakRate(c);
    const perRequest = 1 + ctx.eventsPerCallDownstream;
    const requests = requestsOverRun(c, ctx.durationMs);
    ctx.events({
      path: ctx.at(peak.path),
      what:
        c.rateSchedule.length === 0
          ? `${formatCount(peak.rps)} requests/s × ≈ ${formatCount(perRequest)} events each`
          : `≈ ${formatCount(requests)} requests (at most ${formatCount(peak.rps)}/s) × ≈ ${formatCount(perRequest)} events each`,
      events: product(requests, perRequest),
    });
    if (c.rateSchedule.length > 0) {
      ctx.events({ path: ctx.at('rateSchedule'), what: countOf(c.rateSchedule.length, 'rate step'), events: c.rateSchedule.length, once: true });
    }
    if (c.keys.distribution === 'zipf' && c.keys.count > 1) {
      const keys = c.keys.count;
      ctx.memory(ctx.at('keys.count'), `a Zipf table of ${formatCount(keys)} keys`, keys * BYTES.zipfKey);
      ctx.events({ path: ctx.at('keys.count'), what: `building a Zipf table of ${formatCount(keys)} keys`, events: keys * WORK.zipfKey, once: true });
    }
  },
};

export const clientKind = {
  label: 'Client',
  description:
    'A traffic source: creates requests at a rate (Poisson or constant, with an optional schedule) and sends each down its single outgoing edge.',
  configSchema: clientConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: clientCost,
} satisfies KindDefinition<'client'>;
