/**
 * Random replacement: the victim is drawn uniformly from the occupied slots. They are kept
 * dense in one array (with each slot's position in another), so a draw is one index and a
 * removal swaps the last occupant into the hole.
 */
import type { Rng } from '../../core/rng';
import type { Evictor } from './types';

const ABSENT = -1;

export class RandomEviction implements Evictor {
  /** occupied[0..size) are the tracked slots, in no particular order. */
  readonly occupied: Int32Array;
  /** slot → its index in `occupied`, or ABSENT. */
  readonly position: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly rng: Rng,
  ) {
    this.occupied = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(ABSENT);
  }

  onInsert(slot: number): void {
    if (this.position[slot] !== ABSENT) throw new Error(`slot ${slot} is already tracked`);
    this.position[slot] = this.size;
    this.occupied[this.size++] = slot;
  }

  onHit(slot: number): void {
    if (this.position[slot] === ABSENT) throw new Error(`slot ${slot} is not tracked`);
  }

  onRemove(slot: number): void {
    const i = this.position[slot];
    if (i === ABSENT) throw new Error(`slot ${slot} is not tracked`);
    const last = this.occupied[--this.size];
    this.occupied[i] = last;
    this.position[last] = i;
    this.position[slot] = ABSENT;
  }

  victim(): number {
    return this.size === 0 ? -1 : this.occupied[this.rng.int(this.size)];
  }

  clear(): void {
    this.position.fill(ABSENT);
    this.size = 0;
  }
}
