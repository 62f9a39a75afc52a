/**
 * The eviction family's one signature (Ciw's style: one shape per family, one file per
 * member, one table). A cache keeps its entries in slots 0..capacity−1 (see
 * core/entryTable.ts); a policy tracks the occupied slots and names the next victim. Every
 * operation is O(1) and allocates nothing: the structures are typed arrays sized once from
 * the capacity.
 */
import type { CacheConfig } from '../../../model';
import type { Rng } from '../../core/rng';

export type EvictionPolicy = CacheConfig['eviction'];

export interface Evictor {
  /** Slots tracked now. */
  readonly size: number;
  /** A slot has just been filled. It must not be tracked already. */
  onInsert(slot: number): void;
  /** A tracked slot served a request (a hit, or a write that updates the entry). */
  onHit(slot: number): void;
  /** A tracked slot is being freed: evicted, expired or invalidated. */
  onRemove(slot: number): void;
  /**
   * The slot to evict next, or -1 when nothing is tracked. It does not remove it: the
   * caller frees the entry and then calls `onRemove`. Random replacement draws on each
   * call, so call it once per eviction.
   */
  victim(): number;
  /** Forgets every slot (a crash). O(capacity). */
  clear(): void;
}

/** Builds a policy for a cache of `capacity` slots; only random replacement uses `rng`. */
export type CreateEvictor = (capacity: number, rng: Rng) => Evictor;
