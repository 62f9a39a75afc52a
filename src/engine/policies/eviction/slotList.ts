/**
 * A doubly linked list of slot numbers over two Int32Arrays, with a sentinel at index
 * `capacity`: O(1) append, unlink, move-to-back and front, no allocation. LRU and FIFO are
 * this list with different rules for when a slot moves.
 */
const ABSENT = -1;

export class SlotList {
  /** prev[s] is ABSENT exactly when s is not on the list. */
  readonly prev: Int32Array;
  readonly next: Int32Array;
  /** The sentinel: next[head] is the front, prev[head] the back. */
  readonly head: number;
  size = 0;

  constructor(capacity: number) {
    this.prev = new Int32Array(capacity + 1);
    this.next = new Int32Array(capacity + 1);
    this.head = capacity;
    this.clear();
  }

  has(slot: number): boolean {
    return this.prev[slot] !== ABSENT;
  }

  /** The slot at the front (the oldest), or -1 when empty. */
  front(): number {
    const f = this.next[this.head];
    return f === this.head ? -1 : f;
  }

  pushBack(slot: number): void {
    if (this.prev[slot] !== ABSENT || slot === this.head) throw new Error(`slot ${slot} is already tracked`);
    const h = this.head;
    const last = this.prev[h];
    this.prev[slot] = last;
    this.next[slot] = h;
    this.next[last] = slot;
    this.prev[h] = slot;
    this.size++;
  }

  unlink(slot: number): void {
    const p = this.prev[slot];
    if (p === ABSENT) throw new Error(`slot ${slot} is not tracked`);
    const n = this.next[slot];
    this.next[p] = n;
    this.prev[n] = p;
    this.prev[slot] = ABSENT;
    this.size--;
  }

  moveToBack(slot: number): void {
    const h = this.head;
    if (this.prev[h] === slot) return;
    this.unlink(slot);
    this.pushBack(slot);
  }

  clear(): void {
    this.prev.fill(ABSENT);
    this.prev[this.head] = this.head;
    this.next[this.head] = this.head;
    this.size = 0;
  }
}
