import { z } from 'zod';
import { boolean, integer, interval, MAX_ENTRIES, millis, oneOf, strict } from '../fields';
import { durationSchema } from '../duration';
import type { KindCost } from '../cost/kindCost';
import { BYTES } from '../cost/measured';
import { formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

export const EVICTION_POLICIES = ['lru', 'lfu', 'fifo', 'random'] as const;
export const CACHE_STRATEGIES = ['cache-aside', 'write-through', 'write-back'] as const;

export const cacheConfigSchema = strict({
  /** Entries. */
  capacity: integer(1, MAX_ENTRIES).default(1000),
  eviction: oneOf(EVICTION_POLICIES).default('lru'),
  /** null: entries never expire. */
  ttlMs: millis({ positive: true }).nullable().default(null),
  strategy: oneOf(CACHE_STRATEGIES).default('cache-aside'),
  /**
   * write-back: how long a dirty key waits before it is flushed downstream; 1 ms to 24 h,
   * since the flush repeats while a downstream failure keeps keys dirty.
   */
  flushDelayMs: interval().default(1000),
  hitTime: durationSchema.default(0.5),
  /** Concurrent misses on one key share one downstream read. */
  coalesceMisses: boolean().default(false),
});

export type CacheConfig = z.output<typeof cacheConfigSchema>;

/** Entries up to its capacity, the keys there are, and what reaches it; write-back flushes on a timer. */
const cacheCost: KindCost<'cache'> = {
  eventsPerCall: () => 1,
  items(c, ctx) {
    const entries = Math.min(c.capacity, ctx.maxKeys, ctx.arrivals);
    ctx.memory(ctx.at('capacity'), `up to ${formatCount(entries)} cache entries`, entries * BYTES.cacheEntry);
    if (c.strategy === 'write-back') {
      ctx.events({
        path: ctx.at('flushDelayMs'),
        what: `a flush every ${formatCount(c.flushDelayMs)} ms`,
        events: ctx.seconds * (1000 / c.flushDelayMs),
      });
    }
  },
};

export const cacheKind = {
  label: 'Cache',
  description:
    'A key-value cache in front of its single downstream node, with a real eviction policy, optional TTL and a write strategy (cache-aside, write-through, write-back).',
  configSchema: cacheConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: cacheCost,
} satisfies KindDefinition<'cache'>;
