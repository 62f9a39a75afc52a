/**
 * A queue's records: messages (each holds its producer's request, which its deliveries
 * carry), the batches consumer workers pull, and the consumer instances that pull them.
 */
import type { EdgeRuntime } from '../runtime/edge';
import type { Call, CallContext, Request } from '../runtime/request';
import { FreeList } from '../core/freeList';

/** A message held by the queue: waiting, or delivered and not yet acknowledged. */
export class Message implements CallContext {
  /** Changes when the message leaves the queue or a crash voids its delivery. */
  gen = 0;
  inUse = false;
  req: Request = null as unknown as Request;
  enqueuedAt = 0;
  /** Deliveries so far. */
  attempts = 0;
  /** While delivered: the batch it came in. */
  batch: Batch | null = null;
  /** While delivered: the queue's list of delivered messages, so a crash finds them. */
  prev: Message | null = null;
  next: Message | null = null;

  init(req: Request, now: number): void {
    this.inUse = true;
    this.req = req;
    this.enqueuedAt = now;
    this.attempts = 0;
    this.batch = null;
    this.prev = null;
    this.next = null;
  }

  /**
   * A crash of the queue voids the delivery in progress: its answer, when it comes, is
   * ignored, and it does not count as an attempt (the broker failed, not the message).
   */
  voidDelivery(): void {
    this.gen = (this.gen + 1) | 0;
    this.attempts--;
    this.batch = null;
    this.prev = null;
    this.next = null;
  }
}

export class MessagePool {
  private readonly free = new FreeList<Message>();
  /** Messages held: 0 once everything has drained. */
  live = 0;

  /** A message of `req`, which it holds until released (a reference, as a call holds it). */
  acquire(req: Request, now: number): Message {
    const m = this.free.take() ?? new Message();
    m.init(req, now);
    req.refs++;
    this.live++;
    return m;
  }

  /** The message leaves the queue; returns its request so the caller releases its hold. */
  release(m: Message): Request {
    if (!m.inUse) throw new Error('a message was released twice');
    m.inUse = false;
    m.gen = (m.gen + 1) | 0;
    const req = m.req;
    m.req = null as unknown as Request;
    m.batch = null;
    this.live--;
    this.free.put(m);
    return req;
  }
}

/** What one consumer worker pulled at once: up to batchSize messages, done when all are answered. */
export class Batch {
  target = 0;
  outstanding = 0;
  inUse = false;
}

export class BatchPool {
  private readonly free = new FreeList<Batch>();
  live = 0;

  acquire(target: number): Batch {
    const b = this.free.take() ?? new Batch();
    b.inUse = true;
    b.target = target;
    b.outstanding = 0;
    this.live++;
    return b;
  }

  release(b: Batch): void {
    if (!b.inUse) throw new Error('a batch was released twice');
    b.inUse = false;
    this.live--;
    this.free.put(b);
  }
}

/**
 * The consumer instances: one target per instance of each downstream node, numbered once
 * and kept for the run (as a balancer's targets), each with as many pull slots as the
 * instance has workers. Scaling a consumer only changes which targets are in rotation.
 */
export class ConsumerTargets {
  count = 0;
  edgeOf: EdgeRuntime[] = [];
  instanceOf: number[] = [];
  slots: number[] = [];
  /** Slots not pulling now (in rotation or not). */
  free: number[] = [];
  inRotation: boolean[] = [];
  private readonly byEdge: number[][];
  private cursor = 0;

  constructor(edges: readonly EdgeRuntime[]) {
    this.byEdge = edges.map(() => []);
  }

  /** Brings `edge`'s targets up to its node's instance count; returns the slots in rotation. */
  refresh(edges: readonly EdgeRuntime[]): number {
    for (const e of edges) {
      const row = this.byEdge[e.fromIndex];
      const want = e.to.instanceCount;
      const workers = Math.max(1, e.to.workersPerInstance);
      while (row.length < want) {
        const t = this.count++;
        this.edgeOf.push(e);
        this.instanceOf.push(row.length);
        this.slots.push(workers);
        this.free.push(workers);
        this.inRotation.push(true);
        row.push(t);
      }
      for (let i = 0; i < row.length; i++) this.inRotation[row[i]] = i < want;
    }
    let total = 0;
    for (let t = 0; t < this.count; t++) if (this.inRotation[t]) total += this.slots[t];
    return total;
  }

  /** A target in rotation with a free slot, round robin; -1 when there is none. */
  pick(): number {
    const n = this.count;
    for (let k = 0; k < n; k++) {
      const t = this.cursor;
      this.cursor = t + 1 === n ? 0 : t + 1;
      if (this.inRotation[t] && this.free[t] > 0) return t;
    }
    return -1;
  }

  /** Slots still pulling on instances that left the rotation (scaled down). */
  busyRetired(): number {
    let n = 0;
    for (let t = 0; t < this.count; t++) if (!this.inRotation[t]) n += this.slots[t] - this.free[t];
    return n;
  }

  /** A crash of the queue ends every pull. */
  freeAll(): void {
    for (let t = 0; t < this.count; t++) this.free[t] = this.slots[t];
  }

  /** Sends `m`'s request to target `t`. */
  deliver(t: number, call: Call): void {
    call.instance = this.instanceOf[t];
    this.edgeOf[t].send(call);
  }
}
