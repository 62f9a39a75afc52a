import { z } from 'zod';
import { integer, list, MAX_ENTRIES, millis, strict, text } from '../fields';
import { durationSchema } from '../duration';
import type { KindCost } from '../cost/kindCost';
import { BYTES } from '../cost/measured';
import { formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

export const cdnConfigSchema = strict({
  /** Path prefixes served from the edge (at most 1,000, matched per request). */
  cacheablePaths: list(text(1000, { nonEmpty: true }), 1000).default(() => ['/static']),
  hitTime: durationSchema.default(5),
  ttlMs: millis({ positive: true }).default(60_000),
  /** Entries, evicted LRU. */
  capacity: integer(1, MAX_ENTRIES).default(10_000),
});

export type CdnConfig = z.output<typeof cdnConfigSchema>;

/** Entries up to its capacity and what reaches it (paths, not keys, name them). */
const cdnCost: KindCost<'cdn'> = {
  eventsPerCall: () => 1,
  items(c, ctx) {
    const entries = Math.min(c.capacity, ctx.arrivals);
    ctx.memory(ctx.at('capacity'), `up to ${formatCount(entries)} edge cache entries`, entries * BYTES.cacheEntry);
  },
};

export const cdnKind = {
  label: 'CDN',
  description:
    'An edge cache for cacheable path prefixes: a hit answers from the edge, a miss or an uncacheable path goes to the origin (its downstream node).',
  configSchema: cdnConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: cdnCost,
} satisfies KindDefinition<'cdn'>;
