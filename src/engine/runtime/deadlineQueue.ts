/**
 * Pending deadlines of one edge's calls: (call, its generation, deadline), in deadline order.
 * Every deadline is send time + the edge's constant timeout, so they arrive in order and a
 * growable ring does what a heap would, at ring cost. A call answered meanwhile has a new
 * generation and is skipped when its deadline comes.
 */
import type { Call } from './request';

export class DeadlineQueue {
  private calls: (Call | null)[] = new Array(64).fill(null);
  private gens = new Float64Array(64);
  private times = new Float64Array(64);
  private head = 0;
  length = 0;

  push(call: Call, gen: number, deadline: number): void {
    if (this.length === this.calls.length) this.grow();
    const i = (this.head + this.length) & (this.calls.length - 1);
    this.calls[i] = call;
    this.gens[i] = gen;
    this.times[i] = deadline;
    this.length++;
  }

  headDeadline(): number {
    return this.times[this.head];
  }
  headCall(): Call {
    return this.calls[this.head]!;
  }
  headGen(): number {
    return this.gens[this.head];
  }

  shift(): void {
    this.calls[this.head] = null;
    this.head = (this.head + 1) & (this.calls.length - 1);
    this.length--;
  }

  private grow(): void {
    const n = this.calls.length * 2;
    const calls: (Call | null)[] = new Array(n).fill(null);
    const gens = new Float64Array(n);
    const times = new Float64Array(n);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & (this.calls.length - 1);
      calls[k] = this.calls[i];
      gens[k] = this.gens[i];
      times[k] = this.times[i];
    }
    this.calls = calls;
    this.gens = gens;
    this.times = times;
    this.head = 0;
  }
}
