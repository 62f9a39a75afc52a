/**
 * The future event list: a binary min-heap keyed by (time, sequence). The increasing
 * sequence number makes events at the same instant run first-in-first-out, so a run is
 * reproducible. Keys live in typed arrays in heap order; payloads live in slots recycled
 * through a free list, so scheduling allocates nothing once the arrays have grown.
 */

/** Receives the events scheduled for it. `code` says what happened; `obj`/`arg` are its payload. */
export interface EventHandler {
  handleEvent(code: number, obj: unknown, arg: number): void;
}

export class EventQueue {
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  private size = 0;
  private seq = 0;

  private slotHandler: (EventHandler | null)[];
  private slotObj: unknown[];
  private slotCode: Int32Array;
  private slotArg: Float64Array;
  private freeSlots: Int32Array;
  private freeCount: number;

  constructor(initialCapacity = 1024) {
    const n = initialCapacity;
    this.heapTime = new Float64Array(n);
    this.heapSeq = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.slotHandler = new Array(n).fill(null);
    this.slotObj = new Array(n).fill(null);
    this.slotCode = new Int32Array(n);
    this.slotArg = new Float64Array(n);
    this.freeSlots = new Int32Array(n);
    for (let i = 0; i < n; i++) this.freeSlots[i] = n - 1 - i;
    this.freeCount = n;
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.heapTime[0] : Infinity;
  }

  schedule(time: number, handler: EventHandler, code: number, obj: unknown, arg: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount];
    this.slotHandler[slot] = handler;
    this.slotObj[slot] = obj;
    this.slotCode[slot] = code;
    this.slotArg[slot] = arg;
    const seq = this.seq++;

    // Sift up.
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    let i = this.size++;
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
   * Removes the earliest event and dispatches it to its handler. The caller has already
   * read its time with {@link peekTime}.
   */
  dispatchNext(): void {
    const hl = this.heapSlot;
    const slot = hl[0];
    this.removeTop();
    const handler = this.slotHandler[slot]!;
    const obj = this.slotObj[slot];
    const code = this.slotCode[slot];
    const arg = this.slotArg[slot];
    this.slotHandler[slot] = null;
    this.slotObj[slot] = null;
    this.freeSlots[this.freeCount++] = slot;
    handler.handleEvent(code, obj, arg);
  }

  private removeTop(): void {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    const n = --this.size;
    if (n === 0) return;
    const time = ht[n];
    const seq = hs[n];
    const slot = hl[n];
    // Sift the last element down from the root.
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let ct = ht[c];
      let cs = hs[c];
      const r = c + 1;
      if (r < n) {
        const rt = ht[r];
        if (rt < ct || (rt === ct && hs[r] < cs)) {
          c = r;
          ct = rt;
          cs = hs[r];
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      ht[i] = ct;
      hs[i] = cs;
      hl[i] = hl[c];
      i = c;
    }
    ht[i] = time;
    hs[i] = seq;
    hl[i] = slot;
  }

  private grow(): void {
    const old = this.heapTime.length;
    const n = old * 2;
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.heapTime = grow64(this.heapTime);
    this.heapSeq = grow64(this.heapSeq);
    this.slotArg = grow64(this.slotArg);
    const hl = new Int32Array(n);
    hl.set(this.heapSlot);
    this.heapSlot = hl;
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
