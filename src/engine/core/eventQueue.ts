/**
 * The future event list, keyed by (time, sequence). The increasing sequence number makes
 * events at one instant run first-in-first-out, so a run is reproducible.
 *
 * Two structures share the sequence numbers:
 * - a binary min-heap over typed arrays for events in the future;
 * - a ring for events at the current instant (zero-delay answers and deliveries), which
 *   costs a ring-buffer push and shift instead of two heap sifts. Every entry of the ring
 *   is at `now`, and the heap holds nothing earlier than `now`, so the next event is the
 *   ring's head unless the heap's top is also at `now` with a smaller sequence number.
 *
 * Heap payloads live in slots recycled through a free list (a sift moves one index, not the
 * payload), ring payloads in place; scheduling allocates nothing once the arrays have grown. A {@link DelayLine} may reserve a sequence number when something
 * enters it and schedule with that number later ({@link scheduleSeq}), so its deliveries
 * keep the global order they would have had as separate events.
 */

/**
 * Receives the events scheduled for it. `code` says what happened; `obj`/`arg` are its
 * payload. `arg` is a 32-bit integer (a generation or a token: integers pass unboxed).
 */
export interface EventHandler {
  handleEvent(code: number, obj: unknown, arg: number): void;
}

export class EventQueue {
  /** Time of the event being (or last) dispatched. */
  now = 0;
  private seq = 0;

  // The heap: keys and slots in heap order.
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  private heapSize = 0;

  // The ring of events at `now`, payloads inline (entries never move, so no slots).
  private ringHandler: (EventHandler | null)[];
  private ringObj: unknown[];
  private ringCode: Int32Array;
  private ringArg: Int32Array;
  private ringSeq: Float64Array;
  private ringMask: number;
  private ringHead = 0;
  private ringSize = 0;

  // Payload slots.
  private slotHandler: (EventHandler | null)[];
  private slotObj: unknown[];
  private slotCode: Int32Array;
  private slotArg: Int32Array;
  private freeSlots: Int32Array;
  private freeCount: number;

  constructor(initialCapacity = 1024) {
    let n = 16;
    while (n < initialCapacity) n *= 2;
    this.heapTime = new Float64Array(n);
    this.heapSeq = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.ringHandler = new Array(n).fill(null);
    this.ringObj = new Array(n).fill(null);
    this.ringCode = new Int32Array(n);
    this.ringArg = new Int32Array(n);
    this.ringSeq = new Float64Array(n);
    this.ringMask = n - 1;
    this.slotHandler = new Array(n).fill(null);
    this.slotObj = new Array(n).fill(null);
    this.slotCode = new Int32Array(n);
    this.slotArg = new Int32Array(n);
    this.freeSlots = new Int32Array(n);
    for (let i = 0; i < n; i++) this.freeSlots[i] = n - 1 - i;
    this.freeCount = n;
  }

  /** Events pending. */
  get length(): number {
    return this.heapSize + this.ringSize;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    if (this.ringSize > 0) return this.now;
    return this.heapSize > 0 ? this.heapTime[0] : Infinity;
  }

  /** A sequence number for an event that will be scheduled later with {@link scheduleSeq}. */
  reserveSeq(): number {
    return this.seq++;
  }

  /** Schedules an event at `time` (≥ now; an earlier time is taken as now). */
  schedule(time: number, handler: EventHandler, code: number, obj: unknown, arg: number): void {
    if (time <= this.now) this.scheduleNow(handler, code, obj, arg);
    else this.heapPush(time, this.seq++, this.fill(handler, code, obj, arg));
  }

  /** Schedules an event at the current instant, after those already scheduled for it. */
  scheduleNow(handler: EventHandler, code: number, obj: unknown, arg: number): void {
    if (this.ringSize === this.ringSeq.length) this.growRing();
    const i = (this.ringHead + this.ringSize) & this.ringMask;
    this.ringHandler[i] = handler;
    this.ringObj[i] = obj;
    this.ringCode[i] = code;
    this.ringArg[i] = arg;
    this.ringSeq[i] = this.seq++;
    this.ringSize++;
  }

  /** Schedules an event with a sequence number taken earlier by {@link reserveSeq}. */
  scheduleSeq(time: number, seq: number, handler: EventHandler, code: number, obj: unknown, arg: number): void {
    const slot = this.fill(handler, code, obj, arg);
    // A reserved number is smaller than any in the ring (they were all taken after it), so
    // an event due now must go first: the heap, where equal times order by sequence, does it.
    this.heapPush(time < this.now ? this.now : time, seq, slot);
  }

  /**
   * Dispatches every event with time ≤ `end`, in order, advancing {@link now}.
   * Returns the number of events dispatched.
   */
  runUntil(end: number): number {
    let n = 0;
    for (;;) {
      if (this.ringSize > 0 && !(this.heapSize > 0 && this.heapTime[0] === this.now && this.heapSeq[0] < this.ringSeq[this.ringHead])) {
        this.dispatchRing();
      } else if (this.heapSize > 0 && this.heapTime[0] <= end) {
        this.now = this.heapTime[0];
        this.dispatchSlot(this.heapPop());
      } else {
        return n;
      }
      n++;
    }
  }

  /** Dispatches the next event, whatever its time (tests and single-stepping). */
  dispatchNext(): void {
    const t = this.peekTime();
    if (t !== Infinity) this.runOne();
  }

  private runOne(): void {
    if (this.ringSize > 0 && !(this.heapSize > 0 && this.heapTime[0] === this.now && this.heapSeq[0] < this.ringSeq[this.ringHead])) {
      this.dispatchRing();
    } else {
      this.now = this.heapTime[0];
      this.dispatchSlot(this.heapPop());
    }
  }

  private dispatchRing(): void {
    const h = this.ringHead;
    const handler = this.ringHandler[h]!;
    const obj = this.ringObj[h];
    this.ringHandler[h] = null;
    this.ringObj[h] = null;
    this.ringHead = (h + 1) & this.ringMask;
    this.ringSize--;
    handler.handleEvent(this.ringCode[h], obj, this.ringArg[h]);
  }

  private dispatchSlot(slot: number): void {
    const handler = this.slotHandler[slot]!;
    const obj = this.slotObj[slot];
    this.slotHandler[slot] = null;
    this.slotObj[slot] = null;
    this.freeSlots[this.freeCount++] = slot;
    handler.handleEvent(this.slotCode[slot], obj, this.slotArg[slot]);
  }

  private fill(handler: EventHandler, code: number, obj: unknown, arg: number): number {
    if (this.freeCount === 0) this.growSlots();
    const slot = this.freeSlots[--this.freeCount];
    this.slotHandler[slot] = handler;
    this.slotObj[slot] = obj;
    this.slotCode[slot] = code;
    this.slotArg[slot] = arg;
    return slot;
  }

  private heapPush(time: number, seq: number, slot: number): void {
    if (this.heapSize === this.heapTime.length) this.growHeap();
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p];
      if (pt < time || (pt === time && hs[p] < seq)) break;
      ht[i] = pt;
      hs[i] = hs[p];
      hl[i] = hl[p];
      i = p;
    }
    ht[i] = time;
    hs[i] = seq;
    hl[i] = slot;
  }

  /**
   * Removes the top and returns its slot. Floyd's bottom-up deletion: the hole at the root
   * walks down to a leaf along the smaller children (one comparison a level), then the last
   * element, which is usually late, sifts up the short way from there.
   */
  private heapPop(): number {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    const top = hl[0];
    const n = --this.heapSize;
    if (n === 0) return top;
    let i = 0;
    let c = 1;
    while (c < n) {
      const r = c + 1;
      if (r < n) {
        const ct = ht[c];
        const rt = ht[r];
        if (rt < ct || (rt === ct && hs[r] < hs[c])) c = r;
      }
      ht[i] = ht[c];
      hs[i] = hs[c];
      hl[i] = hl[c];
      i = c;
      c = 2 * i + 1;
    }
    // Put the last element in the hole at i and sift it up.
    const time = ht[n];
    const seq = hs[n];
    const slot = hl[n];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p];
      if (pt < time || (pt === time && hs[p] < seq)) break;
      ht[i] = pt;
      hs[i] = hs[p];
      hl[i] = hl[p];
      i = p;
    }
    ht[i] = time;
    hs[i] = seq;
    hl[i] = slot;
    return top;
  }

  private growHeap(): void {
    const n = this.heapTime.length * 2;
    this.heapTime = grow64(this.heapTime, n);
    this.heapSeq = grow64(this.heapSeq, n);
    const hl = new Int32Array(n);
    hl.set(this.heapSlot);
    this.heapSlot = hl;
  }

  private growRing(): void {
    const old = this.ringSeq.length;
    const n = old * 2;
    const handlers: (EventHandler | null)[] = new Array(n).fill(null);
    const objs: unknown[] = new Array(n).fill(null);
    const codes = new Int32Array(n);
    const args = new Int32Array(n);
    const seqs = new Float64Array(n);
    for (let k = 0; k < this.ringSize; k++) {
      const i = (this.ringHead + k) & (old - 1);
      handlers[k] = this.ringHandler[i];
      objs[k] = this.ringObj[i];
      codes[k] = this.ringCode[i];
      args[k] = this.ringArg[i];
      seqs[k] = this.ringSeq[i];
    }
    this.ringHandler = handlers;
    this.ringObj = objs;
    this.ringCode = codes;
    this.ringArg = args;
    this.ringSeq = seqs;
    this.ringMask = n - 1;
    this.ringHead = 0;
  }

  private growSlots(): void {
    const old = this.slotCode.length;
    const n = old * 2;
    const sa = new Int32Array(n);
    sa.set(this.slotArg);
    this.slotArg = sa;
    const sc = new Int32Array(n);
    sc.set(this.slotCode);
    this.slotCode = sc;
    for (let i = old; i < n; i++) {
      this.slotHandler.push(null);
      this.slotObj.push(null);
    }
    const free = new Int32Array(n);
    // Every old slot is in use (the free list was empty); hand out the new ones.
    for (let i = 0; i < n - old; i++) free[i] = n - 1 - i;
    this.freeSlots = free;
    this.freeCount = n - old;
  }
}

function grow64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
