import { z } from 'zod';
import { boolean, integer, interval, MAX_ENTRIES, millis, oneOf, strict } from '../fields';
import { durationSchema } from '../duration';
import type { KindDefinition } from './definition';

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

export const cacheKind = {
  label: 'Cache',
  description:
    'A key-value cache in front of its single downstream node, with a real eviction policy, optional TTL and a write strategy (cache-aside, write-through, write-back).',
  configSchema: cacheConfigSchema,
} satisfies KindDefinition;
