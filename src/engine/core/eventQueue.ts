/**
 * The future event list, keyed by (time, sequence). The increasing sequence number makes
 * events at one instant run first-in-first-out, so a run is reproducible.
 *
 * Events live in two kinds of structure that share the sequence numbers:
 * - delay lines ({@link DelayLine}): one FIFO per constant delay, so events come out in
 *   time order by construction. Line 0 holds the events of the current instant (answers at
 *   zero latency); the others serve constant network latencies and processing times. A
 *   busy network costs a ring-buffer push and shift per message, not two heap sifts.
 * - a 4-ary min-heap over typed arrays for everything else (random service times, Poisson
 *   arrivals, timers).
 * The next event is the smallest (time, sequence) among the heap's top and the lines' heads.
 *
 * Heap payloads live in slots recycled through a free list (a sift moves a time and an
 * index, not the payload); line payloads live in place. Scheduling allocates nothing once
 * the arrays have grown.
 */
import { DelayLine } from './delayLine';
import type { EventHandler } from './eventHandler';

export type { EventHandler } from './eventHandler';

/** Lines beyond this many distinct delays are not made: such events go to the heap. */
const MAX_LINES = 8;

export class EventQueue {
  /** Time of the event being (or last) dispatched. */
  now = 0;
  private seq = 0;

  /**
   * lines[0] holds the current instant's events of any handler; the others are made on
   * demand by {@link line}, one per delay, for a single kind of handler.
   */
  private readonly lines: DelayLine[] = [new DelayLine(0, 0)];
  /**
   * Each line's head, (Infinity, Infinity) while it is empty: choosing the next event reads
   * two small arrays instead of every line's ring.
   */
  private readonly lineHeadTime = new Float64Array(MAX_LINES).fill(Infinity);
  private readonly lineHeadSeq = new Float64Array(MAX_LINES).fill(Infinity);

  // The heap: times and slots in heap order. A slot's sequence number stays with the slot
  // (slotSeq) and is read only to break a tie of times, so a sift moves two numbers, not three.
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private heapSize = 0;
  /**
   * The heap's top is the event being dispatched and is still in place: the first event its
   * handler schedules on the heap takes its place and sifts down (a "hold"); if none does,
   * the top is removed after the handler returns.
   */
  private topPending = false;

  // Heap payload slots.
  private slotHandler: (EventHandler | null)[];
  private slotObj: unknown[];
  private slotCode: Int32Array;
  private slotArg: Int32Array;
  private slotSeq: Float64Array;
  private freeSlots: Int32Array;
  private freeCount: number;

  constructor(initialCapacity = 1024) {
    let n = 16;
    while (n < initialCapacity) n *= 2;
    this.heapTime = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.slotHandler = new Array(n).fill(null);
    this.slotObj = new Array(n).fill(null);
    this.slotCode = new Int32Array(n);
    this.slotArg = new Int32Array(n);
    this.slotSeq = new Float64Array(n);
    this.freeSlots = new Int32Array(n);
    for (let i = 0; i < n; i++) this.freeSlots[i] = n - 1 - i;
    this.freeCount = n;
  }

  /** Events pending. */
  get length(): number {
    let n = this.heapSize;
    for (const l of this.lines) n += l.size;
    return n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    let t = this.heapSize > 0 ? this.heapTime[0] : Infinity;
    for (const l of this.lines) if (l.size > 0 && l.times[l.head] < t) t = l.times[l.head];
    return t;
  }

  /**
   * The shared line for events delayed by exactly `delay` ms (> 0), or null when too many
   * distinct delays have lines already (then schedule on the heap).
   */
  line(delay: number): DelayLine | null {
    // lines[0] is the generic instant's line; a line asked for, even of zero delay, is
    // another, so that each dispatch site sees one kind of handler (see dispatchNextUpTo).
    for (let k = 1; k < this.lines.length; k++) if (this.lines[k].delay === delay) return this.lines[k];
    if (this.lines.length >= MAX_LINES) return null;
    const l = new DelayLine(delay, this.lines.length);
    this.lines.push(l);
    return l;
  }

  /** Schedules an event on `line`, to run `line.delay` ms from now. */
  scheduleOn(line: DelayLine, handler: EventHandler, code: number, obj: unknown, arg: number): void {
    this.pushOn(line, this.now + line.delay, handler, code, obj, arg);
  }

  private pushOn(line: DelayLine, time: number, handler: EventHandler, code: number, obj: unknown, arg: number): void {
    const seq = this.seq++;
    line.push(time, seq, handler, code, obj, arg);
    if (line.size === 1) {
      this.lineHeadTime[line.index] = time;
      this.lineHeadSeq[line.index] = seq;
    }
  }

  /** Schedules an event at `time` (≥ now; an earlier time is taken as now). */
  schedule(time: number, handler: EventHandler, code: number, obj: unknown, arg: number): void {
    if (time <= this.now) this.pushOn(this.lines[0], this.now, handler, code, obj, arg);
    else {
      // Small enough to be inlined where it is called; the time goes to the heap through a
      // field, because a fractional number passed to a call that is not inlined is boxed on
      // the heap, one allocation per event.
      this.pendingTime = time;
      this.pushPending(handler, code, obj, arg);
    }
  }

  private pendingTime = 0;

  private pushPending(handler: EventHandler, code: number, obj: unknown, arg: number): void {
    this.heapPush(this.pendingTime, this.seq++, this.fill(handler, code, obj, arg));
  }

  /** Schedules an event at the current instant, after those already scheduled for it. */
  scheduleNow(handler: EventHandler, code: number, obj: unknown, arg: number): void {
    this.pushOn(this.lines[0], this.now, handler, code, obj, arg);
  }

  /**
   * Dispatches every event with time ≤ `end`, in order, advancing {@link now}.
   * Returns the number of events dispatched.
   */
  runUntil(end: number): number {
    let n = 0;
    while (this.dispatchNextUpTo(end)) n++;
    return n;
  }

  /** Dispatches the next event, whatever its time (tests and single-stepping). */
  dispatchNext(): void {
    this.dispatchNextUpTo(Infinity);
  }

  /** Dispatches the next event if its time is ≤ `end`; false when there is none. */
  private dispatchNextUpTo(end: number): boolean {
    let bestTime = Infinity;
    let bestSeq = Infinity;
    if (this.heapSize > 0) {
      bestTime = this.heapTime[0];
      bestSeq = this.slotSeq[this.heapSlot[0]];
    }
    const lines = this.lines;
    const headTime = this.lineHeadTime;
    const headSeq = this.lineHeadSeq;
    let bestLine = -1;
    for (let k = 0; k < lines.length; k++) {
      const t = headTime[k];
      if (t < bestTime || (t === bestTime && headSeq[k] < bestSeq)) {
        bestTime = t;
        bestSeq = headSeq[k];
        bestLine = k;
      }
    }
    if (bestTime > end || (bestLine < 0 && this.heapSize === 0)) return false;
    this.now = bestTime;
    if (bestLine < 0) this.dispatchTop();
    else {
      const best = lines[bestLine];
      const h = best.head;
      const handler = best.handlers[h]!;
      const obj = best.objs[h];
      best.handlers[h] = null;
      best.objs[h] = null;
      const next = (h + 1) & best.mask;
      best.head = next;
      if (--best.size > 0) {
        headTime[bestLine] = best.times[next];
        headSeq[bestLine] = best.seqs[next];
      } else {
        headTime[bestLine] = Infinity;
        headSeq[bestLine] = Infinity;
      }
      // Two call sites: the lines made by line() carry one kind of handler (the network's
      // links), so that call stays monomorphic and inlined whatever else the run holds.
      if (best === lines[0]) handler.handleEvent(best.codes[h], obj, best.args[h]);
      else handler.handleEvent(best.codes[h], obj, best.args[h]);
    }
    return true;
  }

  private dispatchTop(): void {
    const slot = this.heapSlot[0];
    const handler = this.slotHandler[slot]!;
    const obj = this.slotObj[slot];
    this.slotHandler[slot] = null;
    this.slotObj[slot] = null;
    this.freeSlots[this.freeCount++] = slot;
    this.topPending = true;
    handler.handleEvent(this.slotCode[slot], obj, this.slotArg[slot]);
    if (this.topPending) {
      this.topPending = false;
      this.heapPop();
    }
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
    this.slotSeq[slot] = seq;
    if (this.topPending) {
      this.topPending = false;
      this.siftDown(time, seq, slot);
      return;
    }
    if (this.heapSize === this.heapTime.length) this.growHeap();
    this.siftUp(this.heapSize++, time, seq, slot);
  }

  /*
   * A 4-ary heap: node i's children are 4i + 1 … 4i + 4. Half the levels of a binary heap,
   * and a node's children share a cache line.
   */

  /** Places (time, slot) at hole `i` or above it. */
  private siftUp(i: number, time: number, seq: number, slot: number): void {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const ss = this.slotSeq;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (pt < time || (pt === time && ss[hl[p]] < seq)) break;
      ht[i] = pt;
      hl[i] = hl[p];
      i = p;
    }
    ht[i] = time;
    hl[i] = slot;
  }

  /** Puts (time, slot) in place of the top and sifts it down. */
  private siftDown(time: number, seq: number, slot: number): void {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const ss = this.slotSeq;
    const n = this.heapSize;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const c = this.minChild(first, n);
      const ct = ht[c];
      if (time < ct || (time === ct && seq < ss[hl[c]])) break;
      ht[i] = ct;
      hl[i] = hl[c];
      i = c;
    }
    ht[i] = time;
    hl[i] = slot;
  }

  /** The smallest of the (up to four) children from `first`, the heap having `n` entries. */
  private minChild(first: number, n: number): number {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const ss = this.slotSeq;
    let c = first;
    let ct = ht[c];
    const last = first + 3 < n ? first + 3 : n - 1;
    for (let k = first + 1; k <= last; k++) {
      const kt = ht[k];
      if (kt < ct || (kt === ct && ss[hl[k]] < ss[hl[c]])) {
        c = k;
        ct = kt;
      }
    }
    return c;
  }

  /**
   * Removes the top. Floyd's bottom-up deletion: the hole at the root walks down to a leaf
   * along the smallest children, then the last element, which is usually late, sifts up the
   * short way from there.
   */
  private heapPop(): void {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const n = --this.heapSize;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const c = this.minChild(first, n);
      ht[i] = ht[c];
      hl[i] = hl[c];
      i = c;
    }
    const slot = hl[n];
    this.siftUp(i, ht[n], this.slotSeq[slot], slot);
  }

  private growHeap(): void {
    const n = this.heapTime.length * 2;
    this.heapTime = grow64(this.heapTime, n);
    const hl = new Int32Array(n);
    hl.set(this.heapSlot);
    this.heapSlot = hl;
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
    this.slotSeq = grow64(this.slotSeq, n);
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
