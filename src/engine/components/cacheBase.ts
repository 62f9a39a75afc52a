/**
 * What a cache and a CDN share: a store of keys (policies/cacheStore.ts: capacity, eviction
 * policy, TTL), hits answered after the hit time, misses that pay the lookup's hit time and
 * then go to the single downstream node, fills from its answers, stale reads measured
 * against the database behind (components/versions.ts), and a crash that forgets
 * everything. The cache adds write strategies and coalescing (cache.ts); the CDN, the
 * paths it caches (cdn.ts).
 *
 * There are no workers: a store answers any number of lookups at once, so a cache's
 * utilisation is 0 and its time is the hit time.
 */
import type { EvictionPolicy } from '../policies/eviction';
import type { Holdings, NodeFrame, NodeReportBase } from '../api';
import type { Duration, NodeKind } from '../../model';
import { compileDuration, type Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import { CacheStore } from '../policies/cacheStore';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, OK, type Call, type Outcome } from '../runtime/request';
import { CACHE_HIT, CACHE_MISS } from '../runtime/spanPool';
import { CacheOp, CacheOpPool, HIT, PASS, READ, type OpKind } from './cacheParts';
import { findVersionAuthority, type KeyVersions } from './versions';

const HIT_DONE = 1;
const FORWARD = 2;
/** Event codes from here on are a subclass's own. */
export const OWN_EVENTS = 10;

/**
 * An entry's version while it holds a write its downstream has not confirmed (write-back):
 * newer than anything the database has.
 */
export const AHEAD = Infinity;

/** The report fields of every caching node (SPEC §4). */
export interface CachingStats {
  hits: number;
  misses: number;
  /** hits ÷ (hits + misses); 0 before any read. */
  hitRate: number;
  evictions: number;
  /** Reads served with a version older than the database's latest for the key. */
  staleReads: number;
  lostWrites: number;
  /** Entries found past their TTL (each a miss). */
  expirations: number;
  /** Entries held at the end. */
  entries: number;
}

export abstract class CachingRuntime<R extends NodeReportBase> extends NodeRuntime<R> {
  protected readonly store: CacheStore;
  protected readonly ops = new CacheOpPool();
  /** Ops in hand, linked, so a crash finds them all. */
  private active: CacheOp | null = null;
  protected up = true;
  /** The database whose versions say what is stale; null when there is none to ask. */
  protected authority: KeyVersions | null = null;
  private readonly hitTime: Sampler;
  private readonly hitRng: Rng;
  private slowFactor = 1;

  // Counts of measured requests.
  protected hits = 0;
  protected misses = 0;
  protected staleReads = 0;
  protected evictions = 0;
  protected expirations = 0;
  protected lostWrites = 0;
  // This frame's window, every request.
  private windowHits = 0;
  private windowMisses = 0;

  constructor(engine: Engine, index: number, id: string, kind: NodeKind, capacity: number, eviction: EvictionPolicy, ttlMs: number | null, hitTime: Duration) {
    super(engine, index, id, kind);
    this.store = new CacheStore(capacity, eviction, engine.rng(id, 'eviction'), ttlMs);
    this.hitTime = compileDuration(hitTime);
    this.hitRng = engine.rng(id, 'hits');
  }

  override start(): void {
    this.authority = findVersionAuthority(this);
  }

  override instanceUp(): boolean {
    return this.up;
  }

  override receive(call: Call): void {
    this.windowArrivals++;
    if (call.req.measured) this.arrivals++;
    if (!this.up) {
      if (call.req.measured) this.errors++;
      call.edge.answer(call, ERROR);
      return;
    }
    this.handle(call);
  }

  /** A call for a node that is up. */
  protected abstract handle(call: Call): void;

  /** A read missed; `op` (a READ) must get its value from downstream. */
  protected abstract onMiss(op: CacheOp): void;

  /** A read of `storeKey`: a hit is answered after the hit time, a miss goes to {@link onMiss}. */
  protected read(call: Call, storeKey: number): void {
    const now = this.engine.now;
    const req = call.req;
    const measured = req.measured;
    const store = this.store;
    const expiredBefore = store.expirations;
    const slot = store.lookup(storeKey, now);
    if (measured && store.expirations !== expiredBefore) this.expirations++;
    if (this.engine.tracer !== null) this.engine.tracer.mark(call, this.index, slot < 0 ? CACHE_MISS : CACHE_HIT);
    if (slot < 0) {
      this.windowMisses++;
      if (measured) this.misses++;
      this.onMiss(this.startOp(call, READ, req.key, storeKey));
      return;
    }
    this.windowHits++;
    const version = this.versionServed(slot, req.key);
    if (measured) {
      this.hits++;
      if (this.authority !== null && version < this.authority.latestVersion(req.key)) this.staleReads++;
    }
    this.answerAfterHitTime(call, req.key, storeKey, version);
  }

  /** The version a held entry gives: what it holds, or the next one when it is ahead. */
  protected versionServed(slot: number, key: number): number {
    const v = this.store.entries.version[slot];
    if (v !== AHEAD) return v;
    return this.authority !== null ? this.authority.latestVersion(key) + 1 : 0;
  }

  protected answerAfterHitTime(call: Call, key: number, storeKey: number, version: number): void {
    if (this.hitTime.isZero) {
      if (call.req.measured) {
        this.completed++;
        this.countResponse(0);
      }
      call.version = version;
      call.edge.answer(call, OK);
      return;
    }
    const op = this.startOp(call, HIT, key, storeKey);
    op.version = version;
    const t = this.hitTime.sample(this.hitRng) * this.slowFactor;
    this.engine.queue.schedule(this.engine.now + t, this, HIT_DONE, op, op.gen);
  }

  /** A miss pays the lookup (the hit time), then goes downstream. */
  protected lookupThenForward(op: CacheOp): void {
    if (this.hitTime.isZero) {
      this.send(op);
      return;
    }
    const t = this.hitTime.sample(this.hitRng) * this.slowFactor;
    this.engine.queue.schedule(this.engine.now + t, this, FORWARD, op, op.gen);
  }

  /** Passes the call downstream untouched; the answer goes back as it comes. */
  protected pass(call: Call, kind: OpKind = PASS): void {
    this.send(this.startOp(call, kind, call.req.key, call.req.key));
  }

  /** Sends `op`'s call's request downstream. */
  protected send(op: CacheOp): void {
    const edge = this.outEdges[0];
    const child = this.engine.calls.acquire(op.call!.req, edge, op);
    edge.send(child);
  }

  protected startOp(call: Call | null, kind: OpKind, key: number, storeKey: number): CacheOp {
    const op = this.ops.acquire(call, kind, this.engine.now, key, storeKey);
    op.next = this.active;
    if (this.active !== null) this.active.prev = op;
    this.active = op;
    return op;
  }

  /** Ends an op: unlinks and releases it, and answers its call, if any. */
  protected finishOp(op: CacheOp, outcome: Outcome, version: number): void {
    if (op.prev !== null) op.prev.next = op.next;
    else if (this.active === op) this.active = op.next;
    if (op.next !== null) op.next.prev = op.prev;
    const call = op.call;
    if (call !== null && call.req.measured) {
      if (outcome === OK) this.completed++;
      else this.errors++;
      this.countResponse(this.engine.now - op.arrivedAt);
    }
    this.ops.release(op);
    if (call !== null) {
      call.version = version;
      call.edge.answer(call, outcome);
    }
  }

  override handleEvent(code: number, obj: unknown, arg: number): void {
    if (code === HIT_DONE || code === FORWARD) {
      const op = obj as CacheOp;
      if (op.gen !== arg) return; // failed by a crash meanwhile
      if (code === HIT_DONE) this.finishOp(op, OK, op.version);
      else this.send(op);
      return;
    }
    this.ownEvent(code, obj, arg);
  }

  protected ownEvent(_code: number, _obj: unknown, _arg: number): void {}

  override onResponse(child: Call): void {
    const op = child.ctx as CacheOp;
    const current = child.current;
    const outcome = child.outcome;
    const version = child.version;
    this.engine.calls.release(child);
    if (!current) return; // the op was failed by a crash meanwhile
    this.answered(op, outcome, version);
  }

  /** The downstream answer to `op` came back. */
  protected answered(op: CacheOp, outcome: Outcome, version: number): void {
    if (op.kind === READ) this.readAnswered(op, outcome, version);
    else this.finishOp(op, outcome, version);
  }

  /** A read's value came back: fill the store, answer the read and every read that joined it. */
  protected readAnswered(op: CacheOp, outcome: Outcome, version: number): void {
    if (outcome === OK) this.fill(op.storeKey, version, op.call!.req.measured);
    let w = op.firstWaiter;
    this.finishOp(op, outcome, version);
    while (w !== null) {
      const next = w.nextWaiter;
      this.finishOp(w, outcome, version);
      w = next;
    }
  }

  /**
   * Stores a value of `storeKey` at `version`. An entry that holds something newer (a write
   * not yet flushed, or a later version) keeps it: a late answer never rolls it back.
   */
  protected fill(storeKey: number, version: number, measured: boolean): number {
    const store = this.store;
    const e = store.entries;
    const held = e.slotOf(storeKey);
    if (held >= 0 && (e.dirty[held] === 1 || e.version[held] > version)) return held;
    const slot = store.fill(storeKey, this.engine.now);
    e.version[slot] = version;
    this.afterFill(measured);
    return slot;
  }

  /** Counts an eviction made by the last fill and writes out a dirty victim. */
  protected afterFill(measured: boolean): void {
    const store = this.store;
    if (store.evictedKey < 0) return;
    if (measured) this.evictions++;
    if (store.evictedDirty === 1) this.writeOut(store.evictedKey);
  }

  /** A dirty entry was evicted: its write must still go downstream (write-back). */
  protected writeOut(_key: number): void {}

  /** A crash: everything in memory is lost. */
  protected forget(): void {
    this.store.clear();
  }

  /** A crash fails every call in hand and loses the store. */
  override crash(): void {
    if (!this.up) return;
    this.up = false;
    this.forget();
    const failed: CacheOp[] = [];
    for (let op = this.active; op !== null; op = op.next) failed.push(op);
    this.active = null;
    for (const op of failed) {
      const call = op.call;
      if (call !== null && call.req.measured) this.errors++;
      op.prev = op.next = null;
      this.ops.release(op);
      if (call !== null) call.edge.answer(call, ERROR);
    }
  }

  override recover(): void {
    this.up = true;
    this.slowFactor = 1;
  }

  override slow(factor: number): void {
    this.slowFactor = factor;
  }

  override addHoldings(h: Holdings): void {
    h.records += this.ops.live;
  }

  protected cachingStats(): CachingStats {
    const reads = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      hitRate: reads > 0 ? this.hits / reads : 0,
      evictions: this.evictions,
      staleReads: this.staleReads,
      lostWrites: this.lostWrites,
      expirations: this.expirations,
      entries: this.store.size,
    };
  }

  protected baseCachingReport<K extends NodeKind>(kind: K): NodeReportBase & { kind: K } {
    return {
      ...this.baseReport(kind),
    };
  }

  override frame(_windowMs: number): NodeFrame {
    const hits = this.windowHits;
    const misses = this.windowMisses;
    this.windowHits = 0;
    this.windowMisses = 0;
    return {
      utilization: 0,
      queueLength: 0,
      arrivals: this.takeWindowArrivals(),
      instancesUp: this.up ? 1 : 0,
      instancesTotal: 1,
      hits,
      misses,
      hitRate: hits + misses > 0 ? hits / (hits + misses) : 0,
    };
  }
}
