/**
 * A cache's records of work in hand: one `CacheOp` per call it is answering (a hit being
 * served, a read waiting for its downstream read, a write) and per background write it sent
 * (a write-back flush). Pooled; `init` sets every field and release changes `gen`, so an
 * event or an answer for an op that ended (a crash) finds it gone. Each op has a fixed
 * `id`, so a map of ints can name it (the pending read of a key, for coalescing).
 */
import type { Call, CallContext } from '../runtime/request';
import { FreeList } from '../core/freeList';

/** The hit's answer waits out the hit time. */
export const HIT = 0;
/** A read that missed: it (or the read it joined) goes downstream and fills the store. */
export const READ = 1;
/** A call passed to the downstream node as it is (a write, an uncacheable path). */
export const PASS = 2;
/** A write-back flush: a write the cache sends downstream on its own account. */
export const FLUSH = 3;
/** A write sent downstream (cache-aside, write-through): its answer invalidates or fills. */
export const WRITE_DOWN = 4;
export type OpKind = typeof HIT | typeof READ | typeof PASS | typeof FLUSH | typeof WRITE_DOWN;

export class CacheOp implements CallContext {
  gen = 0;
  inUse = false;
  /** The call to answer; null for a flush. */
  call: Call | null = null;
  kind: OpKind = HIT;
  arrivedAt = 0;
  /** The data key (the request's), and the key in the store (a CDN's includes the path). */
  key = 0;
  storeKey = 0;
  /** The version the answer carries (a hit's). */
  version = 0;
  /** A read whose downstream read others joined (coalescing): it is the pending read of its key. */
  leader = false;
  /** Reads that joined this one's downstream read, in arrival order. */
  firstWaiter: CacheOp | null = null;
  lastWaiter: CacheOp | null = null;
  nextWaiter: CacheOp | null = null;
  /** The cache's list of ops in hand, so a crash can fail them all. */
  prev: CacheOp | null = null;
  next: CacheOp | null = null;

  constructor(readonly id: number) {}

  init(call: Call | null, kind: OpKind, now: number, key: number, storeKey: number): void {
    this.inUse = true;
    this.call = call;
    this.kind = kind;
    this.arrivedAt = now;
    this.key = key;
    this.storeKey = storeKey;
    this.version = 0;
    this.leader = false;
    this.firstWaiter = null;
    this.lastWaiter = null;
    this.nextWaiter = null;
    this.prev = null;
    this.next = null;
  }
}

export class CacheOpPool {
  private readonly free = new FreeList<CacheOp>();
  /** Every op ever made, by id. */
  readonly byId: CacheOp[] = [];
  /** Ops out of the pool: 0 once everything has drained. */
  live = 0;

  acquire(call: Call | null, kind: OpKind, now: number, key: number, storeKey: number): CacheOp {
    let op = this.free.take();
    if (op === null) {
      op = new CacheOp(this.byId.length);
      this.byId.push(op);
    }
    op.init(call, kind, now, key, storeKey);
    this.live++;
    return op;
  }

  release(op: CacheOp): void {
    if (!op.inUse) throw new Error('a cache op was released twice');
    op.inUse = false;
    op.gen = (op.gen + 1) | 0;
    op.call = null;
    op.firstWaiter = op.lastWaiter = op.nextWaiter = null;
    this.live--;
    this.free.put(op);
  }
}

/**
 * Keys made dirty since the last flush, in order (write-back). A key may appear more than
 * once; the flush sends each key that is still dirty once, so repeats cost nothing.
 */
export class KeyRing {
  private keys = new Int32Array(64);
  private head = 0;
  length = 0;

  push(key: number): void {
    if (this.length === this.keys.length) this.grow();
    this.keys[(this.head + this.length) & (this.keys.length - 1)] = key;
    this.length++;
  }

  shift(): number {
    const k = this.keys[this.head];
    this.head = (this.head + 1) & (this.keys.length - 1);
    this.length--;
    return k;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  private grow(): void {
    const old = this.keys;
    const keys = new Int32Array(old.length * 2);
    for (let i = 0; i < this.length; i++) keys[i] = old[(this.head + i) & (old.length - 1)];
    this.keys = keys;
    this.head = 0;
  }
}
