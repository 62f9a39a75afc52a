/** The shape every component takes at run time. One subclass per node kind, in components/. */
import type { NodeKind } from '../../model';
import type { EventHandler } from '../core/eventQueue';
import type { Holdings, NodeFrame, NodeLiveChange, NodeReportBase } from '../api';
import { OK, type Call, type Outcome } from './request';
import type { Visit, VisitPool } from './visit';
import type { EdgeRuntime } from './edge';
import type { Engine } from './engine';

/** `R`: the kind's report type, which its component declares. */
export abstract class NodeRuntime<R extends NodeReportBase = NodeReportBase> implements EventHandler {
  readonly outEdges: EdgeRuntime[] = [];
  readonly inEdges: EdgeRuntime[] = [];
  /** Requests (measured) that reached this node. */
  arrivals = 0;
  completed = 0;
  rejected = 0;
  errors = 0;
  /** Arrivals of every request, for frames. */
  protected windowArrivals = 0;
  // Time measured requests spent here, arrival to answer: the report's meanResponseMs.
  private responseSum = 0;
  private responseCount = 0;

  constructor(
    readonly engine: Engine,
    readonly index: number,
    readonly id: string,
    readonly kind: NodeKind,
  ) {}

  /** Called once the whole graph is wired, before the first event. */
  start(): void {}

  /** Stops making work from nothing (arrivals, periodic probes): the run is draining. */
  stopSources(): void {}

  /**
   * Instance numbers a balancer in front of this node can target: 0 … count − 1. An
   * instance keeps its number for the whole run (scaling down retires the highest).
   */
  get instanceCount(): number {
    return 1;
  }

  /**
   * Calls one instance works on at once (its workers): what a queue in front of this node
   * delivers to each instance (its consumer credit).
   */
  get workersPerInstance(): number {
    return 1;
  }

  /** Whether the instance is really up (health checks probe this). */
  instanceUp(_instance: number): boolean {
    return true;
  }

  /** A call has arrived at this node (after its network latency). */
  abstract receive(call: Call): void;

  /** A call this node made has come back (after its network latency). */
  onResponse(_child: Call): void {
    throw new Error(`${this.kind} ${this.id} makes no calls`);
  }

  handleEvent(_code: number, _obj: unknown, _arg: number): void {}

  /**
   * A call this node made failed and is about to be retried on the same edge: the node may
   * point it at another instance (a balancer's retries avoid the one that failed).
   */
  retarget(_call: Call): void {}

  crash(_instance: number | undefined): void {}
  recover(_instance: number | undefined): void {}
  slow(_factor: number, _instance: number | undefined): void {}

  /** A live edit of this node's configuration; false when the kind has no such field. */
  applyLive(_change: NodeLiveChange): boolean {
    return false;
  }

  /** A downstream node behind `edge` changed its instances (scaling). */
  downstreamChanged(_edge: EdgeRuntime): void {}

  /** Adds what this node still holds (records, workers, waiting jobs) to `h`. */
  addHoldings(_h: Holdings): void {}

  abstract report(): R;
  abstract frame(windowMs: number): NodeFrame;

  /** A measured request is answered after `ms` at this node. */
  protected countResponse(ms: number): void {
    this.responseSum += ms;
    this.responseCount++;
  }

  /**
   * A pass-through node (balancer, gateway, limiter) answers the call it forwarded with the
   * downstream outcome: counted as completed or failed here, the visit freed.
   */
  protected answerVisit(visits: VisitPool, visit: Visit, outcome: Outcome): void {
    const parent = visit.call;
    if (parent.req.measured) {
      if (outcome === OK) this.completed++;
      else this.errors++;
      this.countResponse(this.engine.now - visit.arrivedAt);
    }
    visits.release(visit);
    parent.edge.answer(parent, outcome);
  }

  /**
   * The answer to a call forwarded with `visit` came back (`child`): unless the visit ended
   * meanwhile, it goes upstream with the downstream outcome and retry hint.
   */
  protected relayAnswer(visits: VisitPool, child: Call): void {
    const visit = child.ctx as Visit;
    const current = child.current;
    const outcome = child.outcome;
    const retryAfterMs = child.retryAfterMs;
    this.engine.calls.release(child);
    if (!current) return;
    visit.call.retryAfterMs = retryAfterMs;
    this.answerVisit(visits, visit, outcome);
  }

  protected baseReport<K extends NodeKind>(kind: K): NodeReportBase & { kind: K } {
    return {
      kind,
      arrivals: this.arrivals,
      completed: this.completed,
      rejected: this.rejected,
      errors: this.errors,
      utilization: 0,
      meanQueueLength: 0,
      meanWaitMs: 0,
      meanResponseMs: this.responseCount > 0 ? this.responseSum / this.responseCount : 0,
      instances: [],
    };
  }

  protected takeWindowArrivals(): number {
    const n = this.windowArrivals;
    this.windowArrivals = 0;
    return n;
  }
}
