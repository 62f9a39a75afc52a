/**
 * A bounded key store with an eviction policy and an optional TTL: the memory of a cache or
 * a CDN edge, with no timing, network or strategy in it (those belong to the component).
 * An EntryTable holds keys in slots; the policy orders the same slots. Every operation is
 * O(1) and allocates nothing.
 *
 * Expiry is lazy, as in memcached and Redis's passive path: an entry past its time is
 * dropped when it is next looked up (a miss, counted in `expirations`), and otherwise ages
 * out through the eviction policy like any other entry. So under LRU the set of keys held is
 * exactly plain LRU's — a touched expired key is refilled and becomes most recent, as a hit
 * would — and a TTL only turns some of LRU's hits into misses. A dirty entry (write-back)
 * does not expire: it holds the only copy of the newest value until it is flushed.
 */
import { EntryTable } from '../core/entryTable';
import type { Rng } from '../core/rng';
import { evictionPolicies, type EvictionPolicy, type Evictor } from './eviction';

export class CacheStore {
  readonly entries: EntryTable;
  readonly eviction: Evictor;
  /** How long an entry is served after it is filled; Infinity: forever. */
  readonly ttlMs: number;
  /** Entries given up to make room. */
  evictions = 0;
  /** Entries found past their time and dropped. */
  expirations = 0;
  /** After a `fill` that evicted: the key given up, else -1; with its version and dirty flag. */
  evictedKey = -1;
  evictedVersion = 0;
  evictedDirty = 0;

  constructor(capacity: number, policy: EvictionPolicy, rng: Rng, ttlMs: number | null = null) {
    this.entries = new EntryTable(capacity);
    this.eviction = evictionPolicies[policy](capacity, rng);
    this.ttlMs = ttlMs ?? Infinity;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * A read of `key` at `now`: the slot that serves it, counted as a use by the policy, or -1
   * on a miss. An expired entry is removed first, so it is a miss.
   */
  lookup(key: number, now: number): number {
    const slot = this.fresh(key, now);
    if (slot >= 0) this.eviction.onHit(slot);
    return slot;
  }

  /** The slot serving `key` at `now`, or -1, without counting a use. */
  peek(key: number, now: number): number {
    return this.fresh(key, now);
  }

  /**
   * Stores `key` at `now` (after a miss, or for a write) and returns its slot, to expire at
   * now + ttl. A key already held is refreshed and counted as a use. When the store is full,
   * the policy's victim is removed first and reported in `evictedKey`, `evictedVersion` and
   * `evictedDirty` (a dirty victim's write must still go downstream).
   */
  fill(key: number, now: number): number {
    const e = this.entries;
    this.evictedKey = -1;
    let slot = e.slotOf(key);
    if (slot >= 0) {
      this.eviction.onHit(slot);
    } else {
      if (e.full) this.evictVictim();
      slot = e.add(key);
      this.eviction.onInsert(slot);
    }
    e.expiresAt[slot] = now + this.ttlMs;
    return slot;
  }

  /** Removes `key` if held (an invalidation); returns whether it was held. */
  invalidate(key: number): boolean {
    const slot = this.entries.slotOf(key);
    if (slot < 0) return false;
    this.drop(slot);
    return true;
  }

  /** Entries holding a write not yet flushed (O(capacity): for a crash's `lostWrites`). */
  countDirty(): number {
    let n = 0;
    const d = this.entries.dirty;
    for (let i = 0; i < d.length; i++) n += d[i];
    return n;
  }

  /** Forgets everything (a crash). Counters are kept. */
  clear(): void {
    this.entries.clear();
    this.eviction.clear();
    this.evictedKey = -1;
  }

  private fresh(key: number, now: number): number {
    const slot = this.entries.slotOf(key);
    // A dirty entry holds the newest value there is: it is served until flushed.
    if (slot < 0 || now < this.entries.expiresAt[slot] || this.entries.dirty[slot] === 1) return slot;
    this.expirations++;
    this.drop(slot);
    return -1;
  }

  private evictVictim(): void {
    const e = this.entries;
    const victim = this.eviction.victim();
    this.evictedKey = e.keyOf[victim];
    this.evictedVersion = e.version[victim];
    this.evictedDirty = e.dirty[victim];
    this.evictions++;
    this.drop(victim);
  }

  private drop(slot: number): void {
    this.eviction.onRemove(slot);
    this.entries.dirty[slot] = 0;
    this.entries.remove(slot);
  }
}
