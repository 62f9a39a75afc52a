/**
 * Requests and calls: the real objects that travel the graph. Both are pooled: the engine
 * allocates them while the number in flight grows and reuses them afterwards, so a long run
 * allocates nothing per request. Every field is set when an object leaves its pool
 * (`init`), so nothing of its previous life survives.
 */
import type { EdgeRuntime } from './edge';
import type { Tracer } from './tracer';
import { FreeList } from '../core/freeList';

export const OK = 0;
export const ERROR = 1;
export const REJECTED = 2;
export const TIMEOUT = 3;
export type Outcome = typeof OK | typeof ERROR | typeof REJECTED | typeof TIMEOUT;

export const READ = 0;
export const WRITE = 1;

/** A user's request, created by a client (SPEC §3.1). */
export class Request {
  id = 0;
  user = 0;
  key = 0;
  op = READ;
  /** Index into the scenario's path table ({@link Engine.paths}). */
  path = 0;
  createdAt = 0;
  /** Absolute deadline, ms; Infinity when the caller set no timeout. */
  deadline = Infinity;
  /** Created at or after warm-up: its outcome counts in the report. */
  measured = false;
  /** The client has its final outcome. */
  finished = false;
  /**
   * The request carries an idempotency key, its id: it was sent on an edge with
   * `idempotencyKeys` (SPEC §3.3), and the nodes after pass it on as a header would go. The
   * database that applies its write remembers the id and applies a retried write once.
   */
  idempotencyKey = false;
  /** Calls still holding this request; it returns to the pool at zero. */
  refs = 0;
  /** Its slot in the tracer while traced, else -1 (runtime/tracer.ts). */
  trace = -1;
}

/**
 * What a caller was doing when it made a call: a server's job, a balancer's upstream call.
 * Its `gen` changes whenever that work ends (finished, or failed by a crash), so an answer
 * that comes back later can tell that nobody waits for it any more.
 */
export interface CallContext {
  gen: number;
}

/**
 * One call along one edge, seen from the caller: a pending downstream call. What the callee
 * does with it lives in the callee's own records, never here.
 *
 * `gen` is the object's identity: it changes when the call returns to its pool, so a
 * caller-side timer armed for it (a deadline, a retry) can tell it went stale. A callee's
 * crash does not touch it: the caller's timeout must still fire.
 */
export class Call implements CallContext {
  gen = 0;
  req: Request = null as unknown as Request;
  edge: EdgeRuntime = null as unknown as EdgeRuntime;
  /** The caller's work this call belongs to; null for a client's call. */
  ctx: CallContext | null = null;
  ctxGen = 0;
  /**
   * The callee instance a balancer chose (the callee's stable instance number); -1 lets
   * the callee choose.
   */
  instance = -1;
  outcome: Outcome = OK;
  retryAfterMs = 0;
  /**
   * The data version an answer carries (a read's value, a write's result: the database's
   * per-key write count), so a cache can tell later whether what it holds went stale; 0
   * when the answer carries no data. Like `outcome`, it is part of the answer.
   */
  version = 0;
  sentAt = 0;
  /** 1 for the first try; retries count up (SPEC §3.3 `maxAttempts`). */
  attempt = 1;
  /** The caller gave up (timeout); the callee's answer, when it comes, is thrown away. */
  abandoned = false;
  /** Dropped by a partition (either way): no answer will ever come back on it. */
  lost = false;

  init(req: Request, edge: EdgeRuntime, ctx: CallContext | null): void {
    this.req = req;
    req.refs++;
    this.edge = edge;
    this.ctx = ctx;
    this.ctxGen = ctx !== null ? ctx.gen : 0;
    this.instance = -1;
    this.outcome = OK;
    this.retryAfterMs = 0;
    this.version = 0;
    this.sentAt = 0;
    this.attempt = 1;
    this.abandoned = false;
    this.lost = false;
  }

  /** Is the caller's work this call belongs to still waiting for it? */
  get current(): boolean {
    const ctx = this.ctx;
    return ctx === null || ctx.gen === this.ctxGen;
  }
}

export class RequestPool {
  private readonly free = new FreeList<Request>();
  private nextId = 1;
  /** Requests out of the pool (all, measured or not): 0 once everything has drained. */
  live = 0;
  /** Measured requests taken from the pool, counted here and nowhere else. */
  measuredAcquired = 0;
  /** Closes a traced request's trace when it is released (set once tracing starts). */
  tracer: Tracer | null = null;

  /** A request held by nobody yet: the first call made for it holds it. */
  acquire(measured: boolean): Request {
    const r = this.free.take() ?? new Request();
    r.id = this.nextId++;
    r.refs = 0;
    r.deadline = Infinity;
    r.measured = measured;
    r.finished = false;
    r.idempotencyKey = false;
    this.live++;
    if (measured) this.measuredAcquired++;
    return r;
  }

  release(r: Request): void {
    if (--r.refs === 0) {
      this.live--;
      if (r.trace >= 0) this.tracer!.close(r);
      this.free.put(r);
    } else if (r.refs < 0) {
      throw new Error(`request ${r.id} released more often than it was held`);
    }
  }
}

export class CallPool {
  private readonly free = new FreeList<Call>();
  /** Calls out of the pool: 0 once everything has drained. */
  live = 0;

  constructor(private readonly requests: RequestPool) {}

  acquire(req: Request, edge: EdgeRuntime, ctx: CallContext | null): Call {
    const c = this.free.take() ?? new Call();
    c.init(req, edge, ctx);
    this.live++;
    return c;
  }

  /** A new call for the same request, caller and target: a retry, or a stand-in answer. */
  copyOf(c: Call): Call {
    const n = this.acquire(c.req, c.edge, c.ctx);
    n.ctxGen = c.ctxGen;
    n.instance = c.instance;
    n.attempt = c.attempt;
    n.sentAt = c.sentAt;
    return n;
  }

  release(c: Call): void {
    if (c.req === null) throw new Error('a call was released twice');
    c.gen = (c.gen + 1) | 0; // 32 bits: it travels as an event argument
    this.requests.release(c.req);
    c.req = null as unknown as Request;
    c.ctx = null;
    this.live--;
    this.free.put(c);
  }
}
