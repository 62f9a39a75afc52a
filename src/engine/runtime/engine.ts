/**
 * The simulation kernel: the clock, the event list, the network between nodes, warm-up,
 * scheduled faults and the run-wide request tallies. Components live in components/.
 */
import { EventQueue, type EventHandler } from '../core/eventQueue';
import { streamFor, type Rng } from '../core/rng';
import { LatencyHistogram } from '../metrics/histogram';
import type { TimeAverage } from '../metrics/timeAverage';
import type { EdgeRuntime } from './edge';
import type { NodeRuntime } from './node';
import { CallPool, ERROR, OK, REJECTED, RequestPool, TIMEOUT, type Call, type Outcome } from './request';

const NET_DELIVER = 1;
const NET_RESPONSE = 2;
const WARMUP = 3;
const SCHEDULED = 4;

export class Engine implements EventHandler {
  now = 0;
  events = 0;
  readonly queue = new EventQueue();
  readonly requests = new RequestPool();
  readonly calls = new CallPool(this.requests);
  readonly nodes: NodeRuntime[] = [];
  readonly edges: EdgeRuntime[] = [];
  readonly nodeById = new Map<string, NodeRuntime>();
  readonly edgeById = new Map<string, EdgeRuntime>();
  /** Every distinct request path, so requests carry a small integer. */
  readonly paths: string[] = [];
  private readonly tallies: TimeAverage[] = [];

  // Outcomes of measured requests (created at or after warm-up).
  generated = 0;
  ok = 0;
  error = 0;
  rejected = 0;
  timeout = 0;
  readonly latency = new LatencyHistogram();

  // The current frame's window: every request, measured or not.
  windowOk = 0;
  windowFailed = 0;
  readonly windowLatency = new LatencyHistogram();

  constructor(
    readonly seed: number,
    readonly durationMs: number,
    readonly warmupMs: number,
  ) {}

  /** The random stream for one purpose of one component. */
  rng(owner: string, purpose: string): Rng {
    return streamFor(this.seed, owner, purpose);
  }

  /** Registers a tally so warm-up can snapshot it. */
  tally<T extends TimeAverage>(t: T): T {
    this.tallies.push(t);
    return t;
  }

  pathIndex(path: string): number {
    let i = this.paths.indexOf(path);
    if (i < 0) {
      i = this.paths.length;
      this.paths.push(path);
    }
    return i;
  }

  /** Runs `action` at simulated time `atMs` (faults, rate steps, scaling). */
  at(atMs: number, action: () => void): void {
    this.queue.schedule(atMs, this, SCHEDULED, action, 0);
  }

  start(): void {
    if (this.warmupMs > 0) this.queue.schedule(this.warmupMs, this, WARMUP, null, 0);
    for (const n of this.nodes) n.start();
  }

  runUntil(t: number): void {
    const end = t < this.durationMs ? t : this.durationMs;
    const q = this.queue;
    let events = this.events;
    while (q.length > 0) {
      const et = q.peekTime();
      if (et > end) break;
      this.now = et;
      events++;
      q.dispatchNext();
    }
    this.events = events;
    if (end > this.now) this.now = end;
  }

  /**
   * A caller sends a call along an edge. Resilience settings on the edge (breaker,
   * bulkhead, timeout, retry) apply first; then the network carries it.
   */
  send(call: Call): void {
    const edge = call.edge;
    call.sentAt = this.now;
    if (call.req.measured) edge.calls++;
    if (edge.guarded) edge.admit(call);
    else this.transmit(call);
  }

  /** The network leg: a partitioned edge drops the call and the caller never hears back. */
  transmit(call: Call): void {
    const edge = call.edge;
    if (edge.partitioned) {
      edge.dropped++;
      return;
    }
    if (edge.instant) edge.to.receive(call);
    else this.queue.schedule(this.now + edge.latency.sample(edge.rng), this, NET_DELIVER, call, call.stamp);
  }

  /** The callee answers a call; the answer travels back along the edge. */
  respond(call: Call, outcome: Outcome): void {
    call.outcome = outcome;
    const edge = call.edge;
    if (edge.partitioned) {
      edge.dropped++;
      return;
    }
    if (edge.instant) this.arrive(call);
    else this.queue.schedule(this.now + edge.latency.sample(edge.rng), this, NET_RESPONSE, call, call.stamp);
  }

  private arrive(call: Call): void {
    const edge = call.edge;
    if (edge.guarded) edge.settle(call);
    else edge.from.onResponse(call);
  }

  /** A client's request has its final outcome. */
  finishRequest(call: Call): void {
    const req = call.req;
    const outcome = call.outcome;
    if (outcome === OK) {
      const ms = this.now - req.createdAt;
      this.windowOk++;
      this.windowLatency.record(ms);
      if (req.measured) {
        this.ok++;
        this.latency.record(ms);
      }
    } else {
      this.windowFailed++;
      if (req.measured) {
        if (outcome === ERROR) this.error++;
        else if (outcome === REJECTED) this.rejected++;
        else if (outcome === TIMEOUT) this.timeout++;
      }
    }
    // The call holds the last reference to the request: both return to their pools.
    this.calls.release(call);
  }

  handleEvent(code: number, obj: unknown, arg: number): void {
    switch (code) {
      case NET_DELIVER: {
        const call = obj as Call;
        if (call.stamp === arg) call.edge.to.receive(call);
        return;
      }
      case NET_RESPONSE: {
        const call = obj as Call;
        if (call.stamp === arg) this.arrive(call);
        return;
      }
      case WARMUP:
        for (const t of this.tallies) t.markWarmup(this.now);
        return;
      case SCHEDULED:
        (obj as () => void)();
        return;
    }
  }

  get inFlight(): number {
    return this.generated - this.ok - this.error - this.rejected - this.timeout;
  }
}
