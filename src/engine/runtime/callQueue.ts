/** A growable FIFO ring of calls: a server instance's wait queue. */
import type { Call } from './request';

export class CallQueue {
  private items: (Call | null)[] = new Array(16).fill(null);
  private head = 0;
  length = 0;

  push(c: Call): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = c;
    this.length++;
  }

  shift(): Call {
    const c = this.items[this.head]!;
    this.items[this.head] = null;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return c;
  }

  private grow(): void {
    const old = this.items;
    const next: (Call | null)[] = new Array(old.length * 2).fill(null);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.items = next;
    this.head = 0;
  }
}
