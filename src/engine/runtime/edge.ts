/** An edge at run time: a call path from one node to another, with its network latency. */
import type { EdgeConfig } from '../../model';
import { compileDuration, type Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import type { EdgeReport } from '../api';
import type { NodeRuntime } from './node';

export class EdgeRuntime {
  readonly latency: Sampler;
  /** Zero latency both ways: calls are delivered without an event. */
  readonly instant: boolean;
  readonly weight: number;
  readonly callsPerRequest: number;
  partitioned = false;
  /** Calls made on this edge by measured requests. */
  calls = 0;
  /** Calls dropped by a partition. */
  dropped = 0;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly from: NodeRuntime,
    readonly to: NodeRuntime,
    config: EdgeConfig,
    readonly rng: Rng,
  ) {
    this.latency = compileDuration(config.latency);
    this.instant = this.latency.isZero;
    this.weight = config.weight;
    this.callsPerRequest = config.callsPerRequest;
  }

  report(): EdgeReport {
    return {
      calls: this.calls,
      retries: 0,
      timeouts: 0,
      shortCircuited: 0,
      circuitOpened: 0,
      dropped: this.dropped,
    };
  }
}
