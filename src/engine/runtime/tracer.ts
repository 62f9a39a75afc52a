/**
 * Request tracing: spans of sampled requests — every call attempt along an edge, and what
 * each node did with it — recorded while the request is in flight and kept, once it is done,
 * if it was sampled (one in N) or is the slowest of its window Memory is fixed when tracing
 * starts: spans live in a pool of typed arrays, requests in flight in a table of slots, and
 * kept traces in two rings; a request that finds no slot free is simply not traced.
 *
 * The engine calls in at a handful of points, each behind a null check of `engine.tracer`,
 * so a run without tracing pays one comparison there and allocates nothing. With tracing on,
 * only a kept trace allocates (its plain-data copy); everything in flight is in the pools.
 *
 * What is not recorded (timeouts, backoff, wasted work) is derived when a trace is kept
 * (traceCopy.ts).
 */
import { cloneJson } from '../../model/cloneJson';
import { DEFAULT_TRACE_OPTIONS, type RequestTrace, type TraceOptions, type TraceSet } from '../traces';
import { ANSWER, DELIVER, REFUSED, type EdgeRuntime } from './edge';
import type { Engine } from './engine';
import { REJECTED, type Call, type Request } from './request';
import { BREAKER, BULKHEAD, CALL, LOST_BACK, LOST_OUT, SpanPool } from './spanPool';
import { copyTrace } from './traceCopy';

export class Tracer {
  options: TraceOptions;

  private readonly spans: SpanPool;

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
    this.spans = new SpanPool(n);
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
    const p = this.spans;
    if (code === DELIVER) {
      const s = this.newCall(edge, call);
      if (s < 0) return;
      if (edge.latency.isZero) p.t1[s] = this.engine.now;
      if (edge.partitioned) p.flags[s] |= LOST_OUT;
    } else if (code === ANSWER) {
      const s = this.findCall(call);
      if (s < 0) return;
      p.t2[s] = this.engine.now;
      if (edge.partitioned) p.flags[s] |= LOST_BACK;
    }
  }

  /** An event of `edge` is about to run: runtime/edge.ts `handleEvent`. */
  edgeEvent(edge: EdgeRuntime, code: number, call: Call): void {
    const p = this.spans;
    if (code === DELIVER) {
      const s = this.findCall(call);
      if (s >= 0) p.t1[s] = this.engine.now;
    } else if (code === ANSWER) {
      const s = this.findCall(call);
      if (s < 0) return;
      p.t3[s] = this.engine.now;
      p.outcome[s] = call.outcome;
    } else if (code === REFUSED) {
      const s = this.newCall(edge, call);
      if (s < 0) return;
      const now = this.engine.now;
      p.t1[s] = p.t2[s] = p.t3[s] = now;
      p.outcome[s] = call.outcome;
      p.flags[s] |= call.outcome === REJECTED ? BULKHEAD : BREAKER;
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
    return { spans: this.spans.inUse, slots: this.head.length - this.freeSlotCount };
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
    this.spans.freeList(this.head[slot]);
    this.freeSlots[this.freeSlotCount++] = slot;
  }

  /** A new span in the request's trace; -1 (and the trace marked truncated) past a limit. */
  private span(req: Request, kind: number, node: number, instance: number, parent: number, start: number, end: number): number {
    const slot = req.trace;
    const s = this.count[slot] < this.options.maxSpansPerTrace ? this.spans.alloc(kind, node, instance, parent, start, end) : -1;
    if (s < 0) {
      this.truncated[slot] = 1;
      this.spansLost++;
      return -1;
    }
    if (this.tail[slot] >= 0) this.spans.next[this.tail[slot]] = s;
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
    const p = this.spans;
    p.edge[s] = edge.index;
    p.instance[s] = call.instance;
    p.attempt[s] = call.attempt;
    p.callRef[s] = call;
    p.callGen[s] = call.gen;
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
    const p = this.spans;
    let found = -1;
    for (let s = this.head[slot]; s >= 0; s = p.next[s]) {
      if (p.callRef[s] === call && p.callGen[s] === call.gen) found = s;
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

  private materialize(slot: number, reason: RequestTrace['reason']): RequestTrace {
    const header = {
      requestId: this.reqId[slot],
      client: this.client[slot],
      reason,
      createdAtMs: this.created[slot],
      finishedAtMs: this.finished[slot],
      outcome: this.reqOutcome[slot],
      truncated: this.truncated[slot] === 1,
    };
    return copyTrace(this.spans, this.head[slot], header, this.engine.nodes, this.engine.edges);
  }
}
