/**
 * A database's memory of the requests whose writes it has applied (SPEC §3.3): request id →
 * the version the write produced, for the last `windowMs` of the run (10 minutes:
 * APPLIED_WRITES_WINDOW_MS in the model). With idempotency keys it is the database's key table (a retried write is found here and not
 * applied again; its answer replays the version of the first); without them the simulator
 * keeps it all the same, to count the writes applied twice.
 *
 * A ring of (time, id, version) in the order the writes were applied, and an IntMap from the
 * id to its place in the ring. Entries are applied in time order, so the oldest is always at
 * the head: each insertion or lookup first forgets the entries older than the window, O(1)
 * amortised, and nothing is allocated but when the ring doubles.
 *
 * THE BOUND: the ring holds the ids applied in the last window, at most `maxEntries`
 * (MAX_APPLIED_WRITES in the model, 4,194,304; beyond that the oldest is forgotten before its
 * time, and counted in `forgottenEarly`). Its capacity is a power of two that doubles only
 * when it is full: the smallest at or above the most ids any window of the run held, so less
 * than twice that, whatever the run's length. 16 bytes of ring and 16 of table per slot of
 * capacity: 32–64 bytes per id remembered (the cost model's `BYTES.appliedWrite`).
 */
import { IntMap } from '../core/intMap';

const INITIAL_CAPACITY = 256;

export class AppliedWrites {
  private times: Float64Array;
  private ids: Int32Array;
  private versions: Int32Array;
  /** Request id → its slot in the ring. */
  private slots: IntMap;
  private head = 0;
  /** Entries held. */
  size = 0;
  /** Entries forgotten before their window ended because `maxEntries` were held. */
  forgottenEarly = 0;

  constructor(
    readonly windowMs: number,
    readonly maxEntries: number,
    initialCapacity = INITIAL_CAPACITY,
  ) {
    let capacity = 1;
    while (capacity < initialCapacity && capacity < maxEntries) capacity *= 2;
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.versions = new Int32Array(capacity);
    this.slots = new IntMap(capacity);
  }

  /** Slots allocated: less than twice the most entries ever held (and at most `maxEntries` rounded up to a power of two). */
  get capacity(): number {
    return this.ids.length;
  }

  /** The version the write of request `id` produced, if it was applied within the window before `now`; else -1. */
  versionOf(id: number, now: number): number {
    this.expire(now);
    const slot = this.slots.get(id | 0);
    return slot < 0 ? -1 : this.versions[slot];
  }

  /** Remembers that request `id`'s write was applied at `now` and produced `version` (≥ 0). Call only for an id not held. */
  remember(id: number, now: number, version: number): void {
    this.expire(now);
    if (this.size >= this.maxEntries) {
      this.forgetHead();
      this.forgottenEarly++;
    } else if (this.size === this.ids.length) this.grow();
    const mask = this.ids.length - 1;
    const slot = (this.head + this.size) & mask;
    this.times[slot] = now;
    this.ids[slot] = id | 0;
    this.versions[slot] = version;
    this.slots.set(id | 0, slot);
    this.size++;
  }

  /** Forgets the entries applied `windowMs` or longer before `now`. */
  private expire(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.size > 0 && this.times[this.head] <= cutoff) this.forgetHead();
  }

  private forgetHead(): void {
    this.slots.delete(this.ids[this.head]);
    this.head = (this.head + 1) & (this.ids.length - 1);
    this.size--;
  }

  /** Doubles the ring, copying the entries in order from slot 0. */
  private grow(): void {
    const old = { times: this.times, ids: this.ids, versions: this.versions };
    const oldMask = old.ids.length - 1;
    const capacity = old.ids.length * 2;
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.versions = new Int32Array(capacity);
    this.slots = new IntMap(capacity);
    for (let k = 0; k < this.size; k++) {
      const from = (this.head + k) & oldMask;
      this.times[k] = old.times[from];
      this.ids[k] = old.ids[from];
      this.versions[k] = old.versions[from];
      this.slots.set(old.ids[from], k);
    }
    this.head = 0;
  }
}
