/**
 * A FIFO of events that all wait one constant delay: what is scheduled at t runs at
 * t + delay, so the events come out in the order they went in, and a ring buffer keeps them
 * in time order at the cost of a push and a shift. Every network link with a constant
 * latency of, say, 1 ms shares the event queue's 1 ms line; the zero line holds the events
 * of the current instant. Only the heads take part in choosing the next event (see
 * {@link EventQueue}); the heap is left to events with random delays.
 */
import type { EventHandler } from './eventHandler';

export class DelayLine {
  handlers: (EventHandler | null)[] = new Array(64).fill(null);
  objs: unknown[] = new Array(64).fill(null);
  codes = new Int32Array(64);
  args = new Int32Array(64);
  times = new Float64Array(64);
  seqs = new Float64Array(64);
  mask = 63;
  head = 0;
  size = 0;

  constructor(
    readonly delay: number,
    /** Its place among the event queue's lines. */
    readonly index: number,
  ) {}

  push(time: number, seq: number, handler: EventHandler, code: number, obj: unknown, arg: number): void {
    if (this.size === this.seqs.length) this.grow();
    const i = (this.head + this.size) & this.mask;
    this.handlers[i] = handler;
    this.objs[i] = obj;
    this.codes[i] = code;
    this.args[i] = arg;
    this.times[i] = time;
    this.seqs[i] = seq;
    this.size++;
  }

  private grow(): void {
    const old = this.seqs.length;
    const n = old * 2;
    const handlers: (EventHandler | null)[] = new Array(n).fill(null);
    const objs: unknown[] = new Array(n).fill(null);
    const codes = new Int32Array(n);
    const args = new Int32Array(n);
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & this.mask;
      handlers[k] = this.handlers[i];
      objs[k] = this.objs[i];
      codes[k] = this.codes[i];
      args[k] = this.args[i];
      times[k] = this.times[i];
      seqs[k] = this.seqs[i];
    }
    this.handlers = handlers;
    this.objs = objs;
    this.codes = codes;
    this.args = args;
    this.times = times;
    this.seqs = seqs;
    this.mask = n - 1;
    this.head = 0;
  }
}
