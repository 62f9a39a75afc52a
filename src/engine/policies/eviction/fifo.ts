/**
 * First in, first out: the victim is the slot filled longest ago; hits change nothing.
 * Under independent requests it hits as often as random replacement (THEORY.md), and less
 * than LRU, for the price of never touching the structure on a hit.
 */
import { SlotList } from './slotList';
import type { Evictor } from './types';

export class FifoEviction implements Evictor {
  readonly list: SlotList;

  constructor(capacity: number) {
    this.list = new SlotList(capacity);
  }

  get size(): number {
    return this.list.size;
  }

  onInsert(slot: number): void {
    this.list.pushBack(slot);
  }

  onHit(slot: number): void {
    if (!this.list.has(slot)) throw new Error(`slot ${slot} is not tracked`);
  }

  onRemove(slot: number): void {
    this.list.unlink(slot);
  }

  victim(): number {
    return this.list.front();
  }

  clear(): void {
    this.list.clear();
  }
}
