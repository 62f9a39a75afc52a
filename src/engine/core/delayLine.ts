/**
 * A FIFO channel with one constant delay: what goes in at t comes out at t + delay, in the
 * order it went in. Only the head has an event in the queue, so a busy network link costs
 * one pending event instead of one per message in flight, and the heap stays small.
 * Each message keeps the sequence number it would have had as an event of its own, so the
 * order of same-instant events is exactly what separate events would give.
 */
import type { EventHandler, EventQueue } from './eventQueue';

/** Receives what comes out of a delay line. */
export interface DelayLineSink<T> {
  /** `obj` has come out of the line `line`. */
  delivered(line: number, obj: T): void;
}

export class DelayLine<T> implements EventHandler {
  private items: (T | null)[] = new Array(16).fill(null);
  private times = new Float64Array(16);
  private seqs = new Float64Array(16);
  private head = 0;
  length = 0;

  constructor(
    private readonly queue: EventQueue,
    readonly delay: number,
    private readonly sink: DelayLineSink<T>,
    /** Passed back to the sink, so one sink can own several lines. */
    readonly tag: number,
  ) {}

  push(obj: T): void {
    const time = this.queue.now + this.delay;
    const seq = this.queue.reserveSeq();
    if (this.length === 0) {
      this.queue.scheduleSeq(time, seq, this, 0, null, 0);
    }
    if (this.length === this.items.length) this.grow();
    const i = (this.head + this.length) & (this.items.length - 1);
    this.items[i] = obj;
    this.times[i] = time;
    this.seqs[i] = seq;
    this.length++;
  }

  handleEvent(): void {
    const h = this.head;
    const obj = this.items[h]!;
    this.items[h] = null;
    this.head = (h + 1) & (this.items.length - 1);
    if (--this.length > 0) {
      const n = this.head;
      this.queue.scheduleSeq(this.times[n], this.seqs[n], this, 0, null, 0);
    }
    this.sink.delivered(this.tag, obj);
  }

  private grow(): void {
    const old = this.items.length;
    const n = old * 2;
    const items: (T | null)[] = new Array(n).fill(null);
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & (old - 1);
      items[k] = this.items[i];
      times[k] = this.times[i];
      seqs[k] = this.seqs[i];
    }
    this.items = items;
    this.times = times;
    this.seqs = seqs;
    this.head = 0;
  }
}
