/**
 * The eviction policies of SPEC §3.2, one file each, over the slot numbers of a bounded
 * store. The table is checked against the model's list, so a new policy name that has no
 * implementation is a compile error.
 */
import type { Rng } from '../../core/rng';
import { FifoEviction } from './fifo';
import { LfuEviction } from './lfu';
import { LruEviction } from './lru';
import { RandomEviction } from './random';
import type { CreateEvictor, EvictionPolicy } from './types';

export type { CreateEvictor, EvictionPolicy, Evictor } from './types';
export { FifoEviction, LfuEviction, LruEviction, RandomEviction };

export const evictionPolicies = {
  lru: (capacity: number, _rng: Rng) => new LruEviction(capacity),
  lfu: (capacity: number, _rng: Rng) => new LfuEviction(capacity),
  fifo: (capacity: number, _rng: Rng) => new FifoEviction(capacity),
  random: (capacity: number, rng: Rng) => new RandomEviction(capacity, rng),
} satisfies Record<EvictionPolicy, CreateEvictor>;
