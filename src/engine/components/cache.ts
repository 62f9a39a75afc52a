/**
 * cache — a key-value cache in front of its single downstream node (SPEC §3.2), on the
 * caching base (cacheBase.ts): reads hit or miss, misses fill from downstream. Writes
 * follow the strategy:
 *
 * - cache-aside: the write goes downstream; its answer invalidates the key (update the
 *   database, then delete from the cache). A read that missed before the write and fills
 *   after it puts the old value back: the classic race, counted as stale reads later.
 * - write-through: the write goes downstream; an ok answer stores the new value, then the
 *   write is acknowledged.
 * - write-back: the write is stored, marked dirty and acknowledged after the hit time. Dirty
 *   keys are flushed in batches: the first key dirtied after a flush starts a timer of
 *   `flushDelayMs`, and when it fires every key dirty then is written downstream (one write
 *   per key, however often it was written meanwhile: write-back absorbs repeated writes). A
 *   dirty entry never expires; an evicted one is written out at once. A crash loses the
 *   dirty keys (`lostWrites`); a flush that fails is retried with the next batch, or lost
 *   if the entry is gone by then.
 *
 * `coalesceMisses`: a read that misses while a downstream read of the same key is pending
 * joins it instead of sending its own, so a hot key that expires under load costs the
 * database one read, not a stampede.
 */
import type { CacheConfig } from '../../model';
import type { NodeReportBase } from '../api';
import { IntMap } from '../core/intMap';
import type { Engine } from '../runtime/engine';
import { OK, WRITE, type Call, type Outcome } from '../runtime/request';
import { AHEAD, CachingRuntime, OWN_EVENTS, type CachingStats } from './cacheBase';
import { CacheOp, FLUSH, KeyRing, WRITE_DOWN } from './cacheParts';

const FLUSH_DUE = OWN_EVENTS;

export interface CacheReport extends NodeReportBase, CachingStats {
  kind: 'cache';
  /** Misses that joined a pending downstream read of their key (coalesceMisses). */
  coalesced: number;
  /** Keys removed by a write (cache-aside, or a failed write-through). */
  invalidations: number;
  /** Writes sent downstream by write-back flushes and evictions of dirty keys. */
  flushedWrites: number;
  /** Keys holding a write not yet flushed, at the end. */
  dirtyKeys: number;
}

export class CacheRuntime extends CachingRuntime<CacheReport> {
  private readonly strategy: CacheConfig['strategy'];
  private readonly flushDelayMs: number;
  /** coalesceMisses: key → id of the op whose downstream read is pending. */
  private pending: IntMap | null;
  private readonly dirty = new KeyRing();
  private flushArmed = false;
  /** Identifies the pending flush timer; a crash makes it stale. */
  private flushToken = 0;
  private coalesced = 0;
  private invalidations = 0;
  private flushedWrites = 0;

  constructor(engine: Engine, index: number, id: string, config: CacheConfig) {
    super(engine, index, id, 'cache', config.capacity, config.eviction, config.ttlMs, config.hitTime);
    this.strategy = config.strategy;
    this.flushDelayMs = config.flushDelayMs;
    this.pending = config.coalesceMisses ? new IntMap(256) : null;
  }

  protected handle(call: Call): void {
    if (call.req.op !== WRITE) this.read(call, call.req.key);
    else if (this.strategy === 'write-back') this.writeBack(call);
    else this.pass(call, WRITE_DOWN);
  }

  protected onMiss(op: CacheOp): void {
    const pending = this.pending;
    if (pending !== null) {
      const id = pending.get(op.key);
      if (id >= 0) {
        const leader = this.ops.byId[id];
        if (leader.lastWaiter === null) leader.firstWaiter = op;
        else leader.lastWaiter.nextWaiter = op;
        leader.lastWaiter = op;
        if (op.call!.req.measured) this.coalesced++;
        return;
      }
      op.leader = true;
      if (pending.size === pending.capacity) this.growPending();
      this.pending!.set(op.key, op.id);
    }
    this.lookupThenForward(op);
  }

  /** The map of pending reads is full: a bigger one, rebuilt from the leaders in hand. */
  private growPending(): void {
    const bigger = new IntMap(this.pending!.capacity * 2);
    for (const op of this.ops.byId) if (op.inUse && op.leader) bigger.set(op.key, op.id);
    this.pending = bigger;
  }

  protected override readAnswered(op: CacheOp, outcome: Outcome, version: number): void {
    if (op.leader) this.pending!.delete(op.key);
    super.readAnswered(op, outcome, version);
  }

  protected override answered(op: CacheOp, outcome: Outcome, version: number): void {
    if (op.kind === WRITE_DOWN) {
      const measured = op.call!.req.measured;
      if (this.strategy === 'write-through' && outcome === OK) this.fill(op.key, version, measured);
      else if (this.store.invalidate(op.key) && measured) this.invalidations++;
      this.finishOp(op, outcome, version);
    } else if (op.kind === FLUSH) {
      this.flushAnswered(op, outcome, version);
    } else {
      super.answered(op, outcome, version);
    }
  }

  private writeBack(call: Call): void {
    const key = call.req.key;
    const slot = this.store.fill(key, this.engine.now);
    this.afterFill(call.req.measured);
    const e = this.store.entries;
    if (e.dirty[slot] === 0) {
      e.dirty[slot] = 1;
      this.dirty.push(key);
      if (!this.flushArmed) this.armFlush();
    }
    e.version[slot] = AHEAD;
    this.answerAfterHitTime(call, key, key, this.versionServed(slot, key));
  }

  private armFlush(): void {
    this.flushArmed = true;
    this.engine.queue.schedule(this.engine.now + this.flushDelayMs, this, FLUSH_DUE, null, this.flushToken);
  }

  protected override ownEvent(code: number, _obj: unknown, arg: number): void {
    if (code !== FLUSH_DUE || arg !== this.flushToken) return;
    this.flushArmed = false;
    const e = this.store.entries;
    while (this.dirty.length > 0) {
      const key = this.dirty.shift();
      const slot = e.slotOf(key);
      if (slot < 0 || e.dirty[slot] === 0) continue; // flushed already (a repeat in the ring)
      e.dirty[slot] = 0; // clean, but still ahead of the database until the write is confirmed
      this.sendWrite(key);
    }
  }

  protected override writeOut(key: number): void {
    this.sendWrite(key);
  }

  /**
   * A write of `key` the cache makes on its own account. It is no client's request, so it
   * never finishes at a client; the nodes it reaches count it like the clients' requests
   * (measured from the warm-up on).
   */
  private sendWrite(key: number): void {
    const engine = this.engine;
    const now = engine.now;
    const op = this.startOp(null, FLUSH, key, key);
    const req = engine.requests.acquire(false);
    req.measured = now >= engine.warmupMs;
    req.createdAt = now;
    req.key = key;
    req.op = WRITE;
    req.user = 0;
    req.path = 0;
    const edge = this.outEdges[0];
    const child = engine.calls.acquire(req, edge, op); // the call holds the request from here on
    if (req.measured) this.flushedWrites++;
    edge.send(child);
  }

  private flushAnswered(op: CacheOp, outcome: Outcome, version: number): void {
    const key = op.key;
    const e = this.store.entries;
    const slot = e.slotOf(key);
    if (outcome === OK) {
      // The entry holds what was written, unless it was written again meanwhile.
      if (slot >= 0 && e.dirty[slot] === 0 && e.version[slot] === AHEAD) e.version[slot] = version;
    } else if (slot >= 0 && e.dirty[slot] === 1) {
      // Written again meanwhile: the next flush sends the newer value.
    } else if (slot >= 0 && !this.engine.draining) {
      e.dirty[slot] = 1;
      this.dirty.push(key);
      if (!this.flushArmed) this.armFlush();
    } else if (this.engine.now >= this.engine.warmupMs) {
      this.lostWrites++; // the only copy is gone (or the run is draining and will not retry)
    }
    this.finishOp(op, outcome, version);
  }

  protected override forget(): void {
    if (this.strategy === 'write-back' && this.engine.now >= this.engine.warmupMs) this.lostWrites += this.store.countDirty();
    super.forget();
    this.dirty.clear();
    this.flushArmed = false;
    this.flushToken = (this.flushToken + 1) | 0;
    this.pending?.clear();
  }

  override report(): CacheReport {
    return {
      ...this.baseCachingReport('cache'),
      ...this.cachingStats(),
      coalesced: this.coalesced,
      invalidations: this.invalidations,
      flushedWrites: this.flushedWrites,
      dirtyKeys: this.store.countDirty(),
    };
  }
}
