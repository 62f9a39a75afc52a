/**
 * The memory of a bounded key store (a cache, a CDN edge): `capacity` slots, each holding
 * one key and that entry's facts, plus key → slot through an IntMap. Struct of arrays
 * sized once, a stack of free slots: adding and removing an entry is O(1) and allocates
 * nothing. Which slot to give up when the table is full is not this module's business: an
 * eviction policy (src/engine/policies/eviction) decides that over the same slot numbers.
 */
import { IntMap } from './intMap';

export class EntryTable {
  readonly capacity: number;
  /** slot → key; meaningful only while the slot is in use. */
  readonly keyOf: Int32Array;
  /** slot → the time the entry stops being served (Infinity: never). */
  readonly expiresAt: Float64Array;
  /** slot → the version of the value held (the database's per-key write count), for stale reads. */
  readonly version: Float64Array;
  /** slot → 1 while the entry holds a write not yet flushed downstream (write-back). */
  readonly dirty: Uint8Array;
  private readonly slots: IntMap;
  private readonly free: Int32Array;
  private freeCount: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.keyOf = new Int32Array(capacity);
    this.expiresAt = new Float64Array(capacity);
    this.version = new Float64Array(capacity);
    this.dirty = new Uint8Array(capacity);
    this.slots = new IntMap(capacity);
    this.free = new Int32Array(capacity);
    this.freeCount = 0;
    this.clear();
  }

  /** Entries held. */
  get size(): number {
    return this.capacity - this.freeCount;
  }

  get full(): boolean {
    return this.freeCount === 0;
  }

  /** The slot holding `key`, or -1. */
  slotOf(key: number): number {
    return this.slots.get(key);
  }

  /**
   * Takes a free slot for `key` (which must be absent) and returns it, its facts reset:
   * never expires, version 0, clean. Throws when the table is full: evict first.
   */
  add(key: number): number {
    if (this.freeCount === 0) throw new RangeError(`EntryTable is full (capacity ${this.capacity})`);
    if (this.slots.get(key) >= 0) throw new Error(`EntryTable already holds key ${key}`);
    const slot = this.free[--this.freeCount];
    this.slots.set(key, slot);
    this.keyOf[slot] = key;
    this.expiresAt[slot] = Infinity;
    this.version[slot] = 0;
    this.dirty[slot] = 0;
    return slot;
  }

  /** Frees a slot in use. */
  remove(slot: number): void {
    const key = this.keyOf[slot];
    if (this.slots.get(key) !== slot) throw new Error(`EntryTable slot ${slot} is not in use`);
    this.slots.delete(key);
    this.free[this.freeCount++] = slot;
  }

  /** Forgets every entry (a crash). O(capacity). */
  clear(): void {
    this.slots.clear();
    // Slot 0 is handed out first: tables fill from the bottom, which keeps tests readable.
    for (let i = 0; i < this.capacity; i++) this.free[i] = this.capacity - 1 - i;
    this.freeCount = this.capacity;
    this.dirty.fill(0);
  }
}
