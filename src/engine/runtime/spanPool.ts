/**
 * The tracer's spans, as a structure of typed arrays with a free list: a fixed number,
 * allocated once when tracing starts, so recording a span allocates nothing.
 */
import type { Call } from './request';

// Span kinds.
export const CALL = 0;
export const QUEUE = 1;
export const SERVICE = 2;
export const POOL_WAIT = 3;
export const QUERY = 4;
export const CACHE_HIT = 5;
export const CACHE_MISS = 6;

// A call's flags.
/** Dropped by a partition on its way to the callee. */
export const LOST_OUT = 1;
/** Its answer was dropped by a partition on the way back. */
export const LOST_BACK = 2;
/** Refused on the spot by the caller's circuit breaker. */
export const BREAKER = 4;
/** Refused on the spot by the caller's bulkhead. */
export const BULKHEAD = 8;

export class SpanPool {
  readonly kind: Uint8Array;
  readonly flags: Uint8Array;
  /** A call's outcome (runtime/request.ts codes); -1 while it has none. */
  readonly outcome: Int8Array;
  /** Where: the node index (a call's callee). */
  readonly node: Int32Array;
  /** A call's edge index; -1 for the others. */
  readonly edge: Int32Array;
  readonly instance: Int32Array;
  readonly attempt: Int32Array;
  /** The span it happened inside; -1 at the top. */
  readonly parent: Int32Array;
  /** The next span of the same trace (a singly linked list), or the free list's. */
  readonly next: Int32Array;
  /** Start; for a call, when it left the caller. */
  readonly t0: Float64Array;
  /** End; for a call, when it reached the callee. */
  readonly t1: Float64Array;
  /** A call: when the callee answered. */
  readonly t2: Float64Array;
  /** A call: when the answer reached the caller. */
  readonly t3: Float64Array;
  /** A call's object and generation, to find its span again. */
  readonly callRef: (Call | null)[];
  readonly callGen: Int32Array;
  private readonly free: Int32Array;
  private freeCount: number;

  constructor(readonly size: number) {
    this.kind = new Uint8Array(size);
    this.flags = new Uint8Array(size);
    this.outcome = new Int8Array(size);
    this.node = new Int32Array(size);
    this.edge = new Int32Array(size);
    this.instance = new Int32Array(size);
    this.attempt = new Int32Array(size);
    this.parent = new Int32Array(size);
    this.next = new Int32Array(size);
    this.t0 = new Float64Array(size);
    this.t1 = new Float64Array(size);
    this.t2 = new Float64Array(size);
    this.t3 = new Float64Array(size);
    this.callRef = new Array<Call | null>(size).fill(null);
    this.callGen = new Int32Array(size);
    this.free = new Int32Array(size);
    for (let i = 0; i < size; i++) this.free[i] = size - 1 - i;
    this.freeCount = size;
  }

  get inUse(): number {
    return this.size - this.freeCount;
  }

  /** A span with every field set, or -1 when none is free. */
  alloc(kind: number, node: number, instance: number, parent: number, start: number, end: number): number {
    if (this.freeCount === 0) return -1;
    const s = this.free[--this.freeCount];
    this.kind[s] = kind;
    this.flags[s] = 0;
    this.outcome[s] = -1;
    this.node[s] = node;
    this.edge[s] = -1;
    this.instance[s] = instance;
    this.attempt[s] = 0;
    this.parent[s] = parent;
    this.next[s] = -1;
    this.t0[s] = start;
    this.t1[s] = end;
    this.t2[s] = NaN;
    this.t3[s] = NaN;
    this.callRef[s] = null;
    return s;
  }

  /** Gives back a trace's spans, from its first. */
  freeList(head: number): void {
    for (let s = head; s >= 0; ) {
      const n = this.next[s];
      this.callRef[s] = null;
      this.free[this.freeCount++] = s;
      s = n;
    }
  }
}
