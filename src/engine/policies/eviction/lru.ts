/** Least recently used: every use moves the slot to the back; the victim is the front. */
import { SlotList } from './slotList';
import type { Evictor } from './types';

export class LruEviction implements Evictor {
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
    this.list.moveToBack(slot);
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
