/** The shape every component takes at run time. One subclass per node kind, in components/. */
import type { NodeKind } from '../../model';
import type { EventHandler } from '../core/eventQueue';
import type { NodeFrame, NodeReport } from '../api';
import type { Call } from './request';
import type { EdgeRuntime } from './edge';
import type { Engine } from './engine';

export abstract class NodeRuntime implements EventHandler {
  readonly outEdges: EdgeRuntime[] = [];
  readonly inEdges: EdgeRuntime[] = [];
  /** Requests (measured) that reached this node. */
  arrivals = 0;
  completed = 0;
  rejected = 0;
  errors = 0;
  /** Arrivals of every request, for frames. */
  protected windowArrivals = 0;

  constructor(
    readonly engine: Engine,
    readonly index: number,
    readonly id: string,
    readonly kind: NodeKind,
  ) {}

  /** Called once the whole graph is wired, before the first event. */
  start(): void {}

  /** Number of instances a load balancer in front of this node can target. */
  get instanceCount(): number {
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

  crash(_instance: number | undefined): void {}
  recover(_instance: number | undefined): void {}
  slow(_factor: number, _instance: number | undefined): void {}
  /** Live edit of a configuration field; returns false when the kind does not support it. */
  setRps(_rps: number): boolean {
    return false;
  }
  setReplicas(_replicas: number): boolean {
    return false;
  }
  setAlgorithm(_algorithm: string): boolean {
    return false;
  }

  /** Called when the node's downstream nodes changed their instances (replicas). */
  downstreamChanged(): void {}

  abstract report(): NodeReport;
  abstract frame(windowMs: number): NodeFrame;

  protected baseReport(): NodeReport {
    return {
      kind: this.kind,
      arrivals: this.arrivals,
      completed: this.completed,
      rejected: this.rejected,
      errors: this.errors,
      utilization: 0,
      meanQueueLength: 0,
      meanWaitMs: 0,
      meanResponseMs: 0,
      instances: [],
    };
  }

  protected takeWindowArrivals(): number {
    const n = this.windowArrivals;
    this.windowArrivals = 0;
    return n;
  }
}
