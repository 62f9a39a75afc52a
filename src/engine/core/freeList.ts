/**
 * The free objects of a pool: a stack kept by index in an array that never shrinks. The
 * optimiser leaves an array's push and pop as calls into the runtime; an indexed load and
 * store it compiles inline, and every pool takes and returns an object per request.
 */
export class FreeList<T> {
  private readonly items: (T | null)[] = [];
  private count = 0;

  /** A free object, or null when there is none (the pool makes one). */
  take(): T | null {
    if (this.count === 0) return null;
    const i = --this.count;
    const x = this.items[i];
    this.items[i] = null;
    return x;
  }

  put(x: T): void {
    this.items[this.count++] = x;
  }
}
