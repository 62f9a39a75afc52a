/**
 * Request tracing: spans of sampled requests — every call attempt along an edge, and what
 * each node did with it — recorded while the request is in flight and kept, once it is done,
 * if it was sampled (one in N) or is the slowest of its window. Memory is fixed when tracing
 * starts: spans live in a pool of typed arrays, requests in flight in a table of slots, and
 * kept traces in two rings; a request that finds no slot free is simply not traced.
 *
 * The engine calls in at a handful of points, each behind a null check of `engine.tracer`,
 * so a run without tracing pays one comparison there and allocates nothing. With tracing on,
 * only a kept trace allocates (its plain-data copy); everything in flight is in the pools.
 *
 * What is not recorded is derived when a trace is kept: a call's timeout (its send time plus
 * the edge's `timeoutMs`, when no answer came before), the backoff between two attempts, and
 * which work was wasted (done for an attempt whose caller had given up).
 */
import { cloneJson } from '../../model/cloneJson';
import {
  DEFAULT_TRACE_OPTIONS,
  type RequestTrace,
  type TraceOptions,
  type TraceOutcome,
  type TraceSet,
  type TraceSpan,
  type TraceSpanKind,
} from '../traces';
import { ANSWER, DELIVER, REFUSED, type EdgeRuntime } from './edge';
import type { Engine } from './engine';
import { REJECTED, type Call, type Request } from './request';

// Span kinds.
const CALL = 0;
export const QUEUE = 1;
export const SERVICE = 2;
export const POOL_WAIT = 3;
export const QUERY = 4;
export const CACHE_HIT = 5;
export const CACHE_MISS = 6;
const KIND_NAMES: TraceSpanKind[] = ['call', 'queue', 'service', 'pool-wait', 'query', 'cache-hit', 'cache-miss'];
const OUTCOMES: TraceOutcome[] = ['ok', 'error', 'rejected', 'timeout'];

// Call flags.
const LOST_OUT = 1;
const LOST_BACK = 2;
const BREAKER = 4;
const BULKHEAD = 8;

export class Tracer {
  options: TraceOptions;

  // The span pool (structure of arrays) and its free list.
  private readonly kind: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly outcome: Int8Array;
  private readonly node: Int32Array;
  private readonly edge: Int32Array;
  private readonly instance: Int32Array;
  private readonly attempt: Int32Array;
  private readonly parent: Int32Array;
  private readonly next: Int32Array;
  private readonly t0: Float64Array;
  private readonly t1: Float64Array;
  private readonly t2: Float64Array;
  private readonly t3: Float64Array;
  private readonly callRef: (Call | null)[];
  private readonly callGen: Int32Array;
  private readonly freeSpans: Int32Array;
  private freeSpanCount: number;

  // Requests in flight: one slot each.
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly count: Int32Array;
  private readonly reqId: Float64Array;
  private readonly created: Float64Array;
  private readonly finished: Float64Array;
  private readonly reqOutcome: Int8Array;
  private readonly client: Int32Array;
  private readonly truncated: Uint8Array;
  private readonly sampled: Uint8Array;
  private readonly freeSlots: Int32Array;
  private freeSlotCount: number;

  private createdCount = 0;
  private untraced = 0;
  private spansLost = 0;

  // Kept traces.
  private readonly sampledRing: (RequestTrace | null)[];
  private sampledNext = 0;
  private readonly slowestRing: (RequestTrace | null)[];
  private slowestNext = 0;
  private candidate: RequestTrace | null = null;
  private candidateWindow = -1;

  constructor(
    private readonly engine: Engine,
    options: Partial<TraceOptions> = {},
  ) {
    const o = (this.options = { ...DEFAULT_TRACE_OPTIONS, ...options });
    const n = o.spanPool;
    this.kind = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.outcome = new Int8Array(n);
    this.node = new Int32Array(n);
    this.edge = new Int32Array(n);
    this.instance = new Int32Array(n);
    this.attempt = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.next = new Int32Array(n);
    this.t0 = new Float64Array(n);
    this.t1 = new Float64Array(n);
    this.t2 = new Float64Array(n);
    this.t3 = new Float64Array(n);
    this.callRef = new Array<Call | null>(n).fill(null);
    this.callGen = new Int32Array(n);
    this.freeSpans = new Int32Array(n);
    for (let i = 0; i < n; i++) this.freeSpans[i] = n - 1 - i;
    this.freeSpanCount = n;
    // A slot per four spans: a traced request holds a few spans at the least.
    const slots = Math.max(16, n >> 2);
    this.head = new Int32Array(slots);
    this.tail = new Int32Array(slots);
    this.count = new Int32Array(slots);
    this.reqId = new Float64Array(slots);
    this.created = new Float64Array(slots);
    this.finished = new Float64Array(slots);
    this.reqOutcome = new Int8Array(slots);
    this.client = new Int32Array(slots);
    this.truncated = new Uint8Array(slots);
    this.sampled = new Uint8Array(slots);
    this.freeSlots = new Int32Array(slots);
    for (let i = 0; i < slots; i++) this.freeSlots[i] = slots - 1 - i;
    this.freeSlotCount = slots;
    this.sampledRing = new Array<RequestTrace | null>(o.maxTraces).fill(null);
    this.slowestRing = new Array<RequestTrace | null>(o.maxTraces).fill(null);
  }

  /** Changes what is kept from now on (the pool's size stays). */
  configure(options: Partial<TraceOptions>): void {
    this.options = { ...this.options, ...options, spanPool: this.options.spanPool, maxTraces: this.options.maxTraces };
  }

  // ---- hooks called by the engine --------------------------------------------------------

  /** A call leaves on `edge` (DELIVER) or its answer goes back (ANSWER): runtime/edge.ts `carry`. */
  carry(edge: EdgeRuntime, call: Call, code: number): void {
    if (code === DELIVER) {
      const s = this.newCall(edge, call);
      if (s < 0) return;
      if (edge.latency.isZero) this.t1[s] = this.engine.now;
      if (edge.partitioned) this.flags[s] |= LOST_OUT;
    } else if (code === ANSWER) {
      const s = this.findCall(call);
      if (s < 0) return;
      this.t2[s] = this.engine.now;
      if (edge.partitioned) this.flags[s] |= LOST_BACK;
    }
  }

  /** An event of `edge` is about to run: runtime/edge.ts `handleEvent`. */
  edgeEvent(edge: EdgeRuntime, code: number, call: Call): void {
    if (code === DELIVER) {
      const s = this.findCall(call);
      if (s >= 0) this.t1[s] = this.engine.now;
    } else if (code === ANSWER) {
      const s = this.findCall(call);
      if (s < 0) return;
      this.t3[s] = this.engine.now;
      this.outcome[s] = call.outcome;
    } else if (code === REFUSED) {
      const s = this.newCall(edge, call);
      if (s < 0) return;
      const now = this.engine.now;
      this.t1[s] = this.t2[s] = this.t3[s] = now;
      this.outcome[s] = call.outcome;
      this.flags[s] |= call.outcome === REJECTED ? BULKHEAD : BREAKER;
      this.flags[s] &= ~LOST_OUT;
    }
  }

  /**
   * A station started work on `call`: it waited from `arrivedAt` to `start` (if at all) and
   * works until `end`. `waitKind`/`workKind`: QUEUE and SERVICE, or POOL_WAIT and QUERY.
   */
  station(call: Call, node: number, instance: number, arrivedAt: number, start: number, end: number, waitKind: number, workKind: number): void {
    if (call.req.trace < 0) return;
    const parent = this.findCall(call);
    if (start > arrivedAt) this.span(call.req, waitKind, node, instance, parent, arrivedAt, start);
    if (end >= start) this.span(call.req, workKind, node, instance, parent, start, end);
  }

  /** A moment at a node for `call`: a cache hit or miss. */
  mark(call: Call, node: number, kind: number): void {
    if (call.req.trace < 0) return;
    const now = this.engine.now;
    this.span(call.req, kind, node, -1, this.findCall(call), now, now);
  }

  /** The client has the request's final outcome: runtime/engine.ts `finishRequest`. */
  finish(req: Request, outcome: number): void {
    const slot = req.trace;
    this.finished[slot] = this.engine.now;
    this.reqOutcome[slot] = outcome;
  }

  /** The last call holding the request let go: nothing more can happen to it. Keep or drop its trace. */
  close(req: Request): void {
    const slot = req.trace;
    req.trace = -1;
    const o = this.options;
    const finishedAt = this.finished[slot];
    if (this.sampled[slot] === 1) this.keep(this.sampledRing, this.materialize(slot, 'sampled'), 'sampled');
    if (o.slowestPerWindowMs !== null && !Number.isNaN(finishedAt)) {
      const window = Math.floor(finishedAt / o.slowestPerWindowMs);
      if (window > this.candidateWindow) {
        if (this.candidate !== null) this.keep(this.slowestRing, this.candidate, 'slowest');
        this.candidate = null;
        this.candidateWindow = window;
      }
      const latency = finishedAt - this.created[slot];
      if (window === this.candidateWindow && (this.candidate === null || latency > this.candidate.latencyMs!)) {
        this.candidate = this.materialize(slot, 'slowest');
      }
    }
    this.freeSlot(slot);
  }

  // ---- reading ---------------------------------------------------------------------------

  /** The kept traces, as plain data of their own (the caller may keep or change them). */
  traceSet(): TraceSet {
    const ring = (r: (RequestTrace | null)[], next: number) => {
      const out: RequestTrace[] = [];
      for (let k = 0; k < r.length; k++) {
        const t = r[(next + k) % r.length];
        if (t !== null) out.push(t);
      }
      return out;
    };
    const slowest = ring(this.slowestRing, this.slowestNext);
    if (this.candidate !== null) slowest.push(this.candidate);
    return cloneJson({
      options: { ...this.options },
      sampled: ring(this.sampledRing, this.sampledNext),
      slowest,
      untraced: this.untraced,
      spansLost: this.spansLost,
    });
  }

  /** Spans and slots in use: what a drained run must have given back (for tests of the bounds). */
  inUse(): { spans: number; slots: number } {
    return { spans: this.options.spanPool - this.freeSpanCount, slots: this.head.length - this.freeSlotCount };
  }

  // ---- the pools -------------------------------------------------------------------------

  private open(req: Request, client: number): number {
    const o = this.options;
    const sampled = o.sampleEvery > 0 && this.createdCount % o.sampleEvery === 0;
    this.createdCount++;
    if (!sampled && o.slowestPerWindowMs === null) return -1;
    if (this.freeSlotCount === 0) {
      this.untraced++;
      return -1;
    }
    const slot = this.freeSlots[--this.freeSlotCount];
    this.head[slot] = -1;
    this.tail[slot] = -1;
    this.count[slot] = 0;
    this.reqId[slot] = req.id;
    this.created[slot] = req.createdAt;
    this.finished[slot] = NaN;
    this.reqOutcome[slot] = -1;
    this.client[slot] = client;
    this.truncated[slot] = 0;
    this.sampled[slot] = sampled ? 1 : 0;
    req.trace = slot;
    return slot;
  }

  private freeSlot(slot: number): void {
    for (let s = this.head[slot]; s >= 0; ) {
      const n = this.next[s];
      this.callRef[s] = null;
      this.freeSpans[this.freeSpanCount++] = s;
      s = n;
    }
    this.freeSlots[this.freeSlotCount++] = slot;
  }

  /** A new span in the request's trace; -1 (and the trace marked truncated) past a limit. */
  private span(req: Request, kind: number, node: number, instance: number, parent: number, start: number, end: number): number {
    const slot = req.trace;
    if (this.count[slot] >= this.options.maxSpansPerTrace || this.freeSpanCount === 0) {
      this.truncated[slot] = 1;
      this.spansLost++;
      return -1;
    }
    const s = this.freeSpans[--this.freeSpanCount];
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
    if (this.tail[slot] >= 0) this.next[this.tail[slot]] = s;
    else this.head[slot] = s;
    this.tail[slot] = s;
    this.count[slot]++;
    return s;
  }

  private newCall(edge: EdgeRuntime, call: Call): number {
    const req = call.req;
    // A request's trace opens with its client's first call.
    if (req.trace < 0 && (call.ctx !== null || call.attempt !== 1 || this.open(req, edge.from.index) < 0)) return -1;
    const s = this.span(req, CALL, edge.to.index, -1, this.parentOf(call), call.sentAt, NaN);
    if (s < 0) return -1;
    this.edge[s] = edge.index;
    this.instance[s] = call.instance;
    this.attempt[s] = call.attempt;
    this.callRef[s] = call;
    this.callGen[s] = call.gen;
    return s;
  }

  /** The span of the call the caller was serving when it made `call` (its context's call). */
  private parentOf(call: Call): number {
    const ctx = call.ctx as { call?: Call | null } | null;
    if (ctx === null || ctx.call === undefined || ctx.call === null) return -1;
    return this.findCall(ctx.call);
  }

  /** The latest span of `call` in its request's trace; -1 when it has none. */
  private findCall(call: Call): number {
    const slot = call.req.trace;
    if (slot < 0) return -1;
    let found = -1;
    for (let s = this.head[slot]; s >= 0; s = this.next[s]) {
      if (this.callRef[s] === call && this.callGen[s] === call.gen) found = s;
    }
    return found;
  }

  private keep(ring: (RequestTrace | null)[], t: RequestTrace, reason: RequestTrace['reason']): void {
    const kept = t.reason === reason ? t : { ...t, reason };
    if (ring === this.sampledRing) {
      ring[this.sampledNext] = kept;
      this.sampledNext = (this.sampledNext + 1) % ring.length;
    } else {
      ring[this.slowestNext] = kept;
      this.slowestNext = (this.slowestNext + 1) % ring.length;
    }
  }

  // ---- a kept trace as plain data ---------------------------------------------------------

  private materialize(slot: number, reason: RequestTrace['reason']): RequestTrace {
    const engine = this.engine;
    const pool: number[] = [];
    for (let s = this.head[slot]; s >= 0; s = this.next[s]) pool.push(s);
    const spans: (TraceSpan & { pool: number; parentPool: number; gaveUpAt: number })[] = pool.map((s) => {
      const kind = this.kind[s];
      const base = {
        id: 0,
        parent: null,
        kind: KIND_NAMES[kind],
        node: engine.nodes[this.node[s]].id,
        startMs: this.t0[s],
        endMs: this.t1[s] as number | null,
        pool: s,
        parentPool: this.parent[s],
        gaveUpAt: NaN,
      };
      if (this.instance[s] >= 0) (base as TraceSpan).instance = this.instance[s];
      if (kind !== CALL) return base;
      const edge = engine.edges[this.edge[s]];
      const f = this.flags[s];
      const returned = f & LOST_BACK || Number.isNaN(this.t3[s]) ? null : this.t3[s];
      const deadline = edge.timeoutMs !== null && (f & (BREAKER | BULKHEAD)) === 0 ? this.t0[s] + edge.timeoutMs : Infinity;
      const timedOut = deadline < Infinity && (returned === null || returned > deadline) ? deadline : null;
      const end = timedOut ?? returned;
      const span: TraceSpan & { pool: number; parentPool: number; gaveUpAt: number } = {
        ...base,
        from: edge.from.id,
        edge: edge.id,
        attempt: this.attempt[s],
        endMs: end,
        deliveredAtMs: f & LOST_OUT || Number.isNaN(this.t1[s]) ? null : this.t1[s],
        answeredAtMs: Number.isNaN(this.t2[s]) ? null : this.t2[s],
        returnedAtMs: timedOut !== null ? null : returned,
        timedOutAtMs: timedOut,
        gaveUpAt: end ?? NaN,
      };
      if (timedOut !== null) span.outcome = 'timeout';
      else if (this.outcome[s] >= 0) span.outcome = OUTCOMES[this.outcome[s]];
      if (f & BREAKER) span.refused = 'circuit-breaker';
      if (f & BULKHEAD) span.refused = 'bulkhead';
      return span;
    });
    // Backoff: between an attempt's end, as its caller saw it, and the next attempt's start.
    const byCall = new Map<string, (typeof spans)[number][]>();
    for (const sp of spans) {
      if (sp.kind !== 'call') continue;
      const key = `${sp.parentPool}/${sp.edge}`;
      const list = byCall.get(key) ?? [];
      list.push(sp);
      byCall.set(key, list);
    }
    const backoffs: (typeof spans)[number][] = [];
    for (const list of byCall.values()) {
      for (let k = 1; k < list.length; k++) {
        const prev = list[k - 1];
        const cur = list[k];
        if (cur.attempt! <= 1 || Number.isNaN(prev.gaveUpAt) || !(cur.startMs > prev.gaveUpAt)) continue;
        backoffs.push({ id: 0, parent: null, kind: 'backoff', node: cur.from!, from: cur.from, edge: cur.edge, attempt: cur.attempt, startMs: prev.gaveUpAt, endMs: cur.startMs, pool: -1, parentPool: cur.parentPool, gaveUpAt: NaN });
      }
    }
    const all = [...spans, ...backoffs].sort((a, b) => a.startMs - b.startMs);
    const idOf = new Map<number, number>();
    all.forEach((sp, i) => {
      sp.id = i;
      if (sp.pool >= 0) idOf.set(sp.pool, i);
    });
    const byPool = new Map(all.filter((sp) => sp.pool >= 0).map((sp) => [sp.pool, sp]));
    const out: TraceSpan[] = all.map((sp) => {
      const { pool: _p, parentPool, gaveUpAt: _g, ...rest } = sp;
      const parent = parentPool >= 0 ? (idOf.get(parentPool) ?? null) : null;
      // Work under an attempt whose caller gave up is wasted, however deep.
      let wasted = false;
      for (let up = parentPool; up >= 0; ) {
        const p = byPool.get(up);
        if (p === undefined) break;
        if (p.timedOutAtMs !== undefined && p.timedOutAtMs !== null) wasted = true;
        up = p.parentPool;
      }
      const span: TraceSpan = { ...rest, parent };
      if (wasted) span.wasted = true;
      return span;
    });
    const finished = this.finished[slot];
    const outcome = this.reqOutcome[slot];
    return {
      requestId: this.reqId[slot],
      client: engine.nodes[this.client[slot]].id,
      reason,
      createdAtMs: this.created[slot],
      finishedAtMs: Number.isNaN(finished) ? null : finished,
      latencyMs: Number.isNaN(finished) ? null : finished - this.created[slot],
      outcome: outcome >= 0 ? OUTCOMES[outcome] : null,
      truncated: this.truncated[slot] === 1,
      spans: out,
    };
  }
}
