/**
 * Requests and calls: the real objects that travel the graph. Both are pooled: the engine
 * allocates them while the number in flight grows and reuses them afterwards, so a long run
 * allocates nothing per request.
 */
import type { EdgeRuntime } from './edge';

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
  /** Calls still holding this request; it returns to the pool at zero. */
  refs = 0;
}

/**
 * One call along one edge: from the caller's side a pending downstream call, from the
 * callee's side the work it is doing. `stamp` changes whenever the callee abandons the
 * work (crash) or the call returns to the pool, so events scheduled earlier for it can tell
 * they are stale.
 */
export class Call {
  stamp = 0;
  req: Request = null as unknown as Request;
  edge: EdgeRuntime = null as unknown as EdgeRuntime;
  /** The call the caller is serving when it made this one (null for a client's call). */
  parent: Call | null = null;
  parentStamp = 0;
  /** Instance of the callee chosen by a load balancer; -1 lets the callee choose. */
  targetInstance = -1;
  outcome: Outcome = OK;
  retryAfterMs = 0;
  sentAt = 0;
  arrivedAt = 0;
  /** More calls to make on the same edge after this one (callsPerRequest). */
  repeatsLeft = 0;
  /** 1 for the first try; retries count up (SPEC §3.3 `maxAttempts`). */
  attempt = 1;
  /** The caller gave up (timeout); the callee's answer, when it comes, is thrown away. */
  abandoned = false;

  // Callee-side working state.
  instance = -1;
  holdsWorker = false;
  pendingChildren = 0;
  nextEdge = 0;
  failed = false;
  /** Load balancer: which of its targets the call went to. */
  lbTarget = -1;
  // Intrusive list of an instance's active calls, so a crash can fail them all.
  prevActive: Call | null = null;
  nextActive: Call | null = null;
}

export class RequestPool {
  private readonly free: Request[] = [];
  private nextId = 1;

  acquire(): Request {
    const r = this.free.length > 0 ? this.free.pop()! : new Request();
    r.id = this.nextId++;
    r.refs = 1;
    r.deadline = Infinity;
    return r;
  }

  release(r: Request): void {
    if (--r.refs === 0) this.free.push(r);
  }
}

export class CallPool {
  private readonly free: Call[] = [];

  constructor(private readonly requests: RequestPool) {}

  acquire(req: Request, edge: EdgeRuntime, parent: Call | null): Call {
    const c = this.free.length > 0 ? this.free.pop()! : new Call();
    c.req = req;
    req.refs++;
    c.edge = edge;
    c.parent = parent;
    c.parentStamp = parent !== null ? parent.stamp : 0;
    c.targetInstance = -1;
    c.outcome = OK;
    c.retryAfterMs = 0;
    c.repeatsLeft = 0;
    c.attempt = 1;
    c.abandoned = false;
    c.instance = -1;
    c.holdsWorker = false;
    c.pendingChildren = 0;
    c.nextEdge = 0;
    c.failed = false;
    c.lbTarget = -1;
    c.prevActive = null;
    c.nextActive = null;
    return c;
  }

  /** A new call for the same request, caller and target: a retry, or a stand-in answer. */
  copyOf(c: Call): Call {
    const n = this.acquire(c.req, c.edge, c.parent);
    n.parentStamp = c.parentStamp;
    n.targetInstance = c.targetInstance;
    n.repeatsLeft = c.repeatsLeft;
    n.lbTarget = c.lbTarget;
    n.attempt = c.attempt;
    n.sentAt = c.sentAt;
    return n;
  }

  release(c: Call): void {
    c.stamp++;
    this.requests.release(c.req);
    c.req = null as unknown as Request;
    c.parent = null;
    this.free.push(c);
  }
}
