/**
 * Least frequently used in O(1) per operation: Shah, Mitra and Matani, "An O(1) algorithm
 * for implementing the LFU cache eviction scheme" (2010). Slots with the same use count share
 * a frequency bucket; the buckets form a list in increasing count. A use moves the slot to
 * the next bucket (count + 1), creating it right after the current one if needed, so the
 * list never has to be searched. The victim is the head of the first bucket.
 *
 * Ties are broken by recency: a slot joins the back of its new bucket, so the front of a
 * bucket is the one that reached that count longest ago, its least recently used member.
 * Counts start at 1 on insertion and are forgotten on removal (in-cache LFU): under a
 * stationary key law the cache settles on the most popular keys, near the LFU bound of
 * THEORY.md, while a newcomer is the first candidate for eviction until it earns hits.
 *
 * Everything lives in typed arrays sized from the capacity: a non-empty bucket holds at
 * least one slot, so `capacity` buckets plus one sentinel always suffice.
 */
import type { Evictor } from './types';

const ABSENT = -1;

export class LfuEviction implements Evictor {
  size = 0;
  /** slot → its bucket, or ABSENT when the slot is not tracked. */
  readonly bucketOf: Int32Array;
  /** Within a bucket, the slots form a doubly linked list (ABSENT ends it). */
  readonly slotPrev: Int32Array;
  readonly slotNext: Int32Array;
  /** bucket → the use count of its slots (a double: counts past 2³¹ stay exact). */
  readonly count: Float64Array;
  /** The bucket list, in increasing count, with the sentinel bucket `sentinel`. */
  readonly bucketPrev: Int32Array;
  readonly bucketNext: Int32Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly sentinel: number;
  private readonly freeBuckets: Int32Array;
  private freeBucketCount = 0;

  constructor(capacity: number) {
    this.bucketOf = new Int32Array(capacity);
    this.slotPrev = new Int32Array(capacity);
    this.slotNext = new Int32Array(capacity);
    this.count = new Float64Array(capacity + 1);
    this.bucketPrev = new Int32Array(capacity + 1);
    this.bucketNext = new Int32Array(capacity + 1);
    this.first = new Int32Array(capacity + 1);
    this.last = new Int32Array(capacity + 1);
    this.sentinel = capacity;
    this.freeBuckets = new Int32Array(capacity);
    this.clear();
  }

  /** The use count of a tracked slot (1 after insertion, +1 per hit). */
  countOf(slot: number): number {
    return this.count[this.bucketOf[slot]];
  }

  onInsert(slot: number): void {
    if (this.bucketOf[slot] !== ABSENT) throw new Error(`slot ${slot} is already tracked`);
    const s = this.sentinel;
    let b = this.bucketNext[s];
    if (b === s || this.count[b] !== 1) b = this.newBucketAfter(s, 1);
    this.append(b, slot);
    this.size++;
  }

  onHit(slot: number): void {
    const b = this.bucketOf[slot];
    if (b === ABSENT) throw new Error(`slot ${slot} is not tracked`);
    const c = this.count[b] + 1;
    let target = this.bucketNext[b];
    if (target === this.sentinel || this.count[target] !== c) {
      // Alone in its bucket: the bucket itself moves up a count. This also keeps the number
      // of buckets in use at most the number of slots, so the pool never runs dry.
      if (this.first[b] === slot && this.last[b] === slot) {
        this.count[b] = c;
        return;
      }
      target = this.newBucketAfter(b, c);
    }
    this.detach(b, slot);
    this.append(target, slot);
  }

  onRemove(slot: number): void {
    const b = this.bucketOf[slot];
    if (b === ABSENT) throw new Error(`slot ${slot} is not tracked`);
    this.detach(b, slot);
    this.bucketOf[slot] = ABSENT;
    this.size--;
  }

  victim(): number {
    const b = this.bucketNext[this.sentinel];
    return b === this.sentinel ? -1 : this.first[b];
  }

  clear(): void {
    const cap = this.sentinel;
    this.bucketOf.fill(ABSENT);
    this.bucketNext[cap] = cap;
    this.bucketPrev[cap] = cap;
    this.count[cap] = Infinity;
    for (let i = 0; i < cap; i++) this.freeBuckets[i] = cap - 1 - i;
    this.freeBucketCount = cap;
    this.size = 0;
  }

  private newBucketAfter(prev: number, count: number): number {
    const b = this.freeBuckets[--this.freeBucketCount];
    const next = this.bucketNext[prev];
    this.count[b] = count;
    this.first[b] = ABSENT;
    this.last[b] = ABSENT;
    this.bucketPrev[b] = prev;
    this.bucketNext[b] = next;
    this.bucketNext[prev] = b;
    this.bucketPrev[next] = b;
    return b;
  }

  private append(b: number, slot: number): void {
    const tail = this.last[b];
    this.slotPrev[slot] = tail;
    this.slotNext[slot] = ABSENT;
    if (tail === ABSENT) this.first[b] = slot;
    else this.slotNext[tail] = slot;
    this.last[b] = slot;
    this.bucketOf[slot] = b;
  }

  /** Takes a slot out of its bucket, and the bucket out of the list if it empties. */
  private detach(b: number, slot: number): void {
    const p = this.slotPrev[slot];
    const n = this.slotNext[slot];
    if (p === ABSENT) this.first[b] = n;
    else this.slotNext[p] = n;
    if (n === ABSENT) this.last[b] = p;
    else this.slotPrev[n] = p;
    if (this.first[b] !== ABSENT) return;
    const bp = this.bucketPrev[b];
    const bn = this.bucketNext[b];
    this.bucketNext[bp] = bn;
    this.bucketPrev[bn] = bp;
    this.freeBuckets[this.freeBucketCount++] = b;
  }
}
