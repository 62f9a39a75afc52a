/**
 * loadBalancer — spreads calls over the instances of its downstream nodes (SPEC §3.2),
 * with sticky sessions and active health checks. Without a health check it keeps sending to
 * a dead instance, which then fails those calls.
 */
import type { LoadBalancerConfig } from '../../model';
import type { InstanceReport, NodeFrame, NodeReport } from '../api';
import { compileDuration, type Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import { HashRing } from '../policies/hashRing';
import { loadBalancingPolicies, type BalancerState, type LoadBalancingAlgorithm, type PickTarget } from '../policies/loadBalancing';
import type { EdgeRuntime } from '../runtime/edge';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, OK, type Call } from '../runtime/request';

const FORWARD = 1;
const HEALTH_CHECK = 2;
/** Weight of the newest observation in the response-time EWMA. */
const EWMA_ALPHA = 0.2;

export class LoadBalancerRuntime extends NodeRuntime {
  private algorithm: LoadBalancingAlgorithm;
  private pick: PickTarget;
  private readonly processing: Sampler;
  private readonly rng: Rng;
  private readonly processingRng: Rng;
  private readonly sticky: Int32Array | null;
  private up = true;
  private slowFactor = 1;

  // Targets: one per downstream instance, in edge order then instance order.
  private targetEdge: EdgeRuntime[] = [];
  private targetInstance = new Int32Array(0);
  private served = new Float64Array(0);
  private probeFailures = new Int32Array(0);
  private probeSuccesses = new Int32Array(0);
  private state: BalancerState;
  private responseSum = 0;
  private responseCount = 0;

  constructor(
    engine: Engine,
    index: number,
    id: string,
    private readonly config: LoadBalancerConfig,
    maxUsers: number,
  ) {
    super(engine, index, id, 'loadBalancer');
    this.algorithm = config.algorithm;
    this.pick = loadBalancingPolicies[config.algorithm];
    this.processing = compileDuration(config.processingTime);
    this.rng = engine.rng(id, 'balancing');
    this.processingRng = engine.rng(id, 'processing');
    this.sticky = config.stickySessions ? new Int32Array(maxUsers).fill(-1) : null;
    this.state = emptyState(config.hashOn === 'key');
  }

  override start(): void {
    this.downstreamChanged();
    const hc = this.config.healthCheck;
    if (hc !== null) this.engine.queue.schedule(hc.intervalMs, this, HEALTH_CHECK, null, 0);
  }

  /** Rebuilds the target list (at start and when a downstream node scales), keeping counts. */
  override downstreamChanged(): void {
    const oldEdge = this.targetEdge;
    const oldInst = this.targetInstance;
    const edges: EdgeRuntime[] = [];
    const insts: number[] = [];
    for (const e of this.outEdges) {
      for (let i = 0; i < e.to.instanceCount; i++) {
        edges.push(e);
        insts.push(i);
      }
    }
    const n = edges.length;
    const prev = (k: number) => {
      for (let j = 0; j < oldEdge.length; j++) if (oldEdge[j] === edges[k] && oldInst[j] === insts[k]) return j;
      return -1;
    };
    const s = emptyState(this.config.hashOn === 'key');
    s.n = n;
    s.healthy = new Uint8Array(n).fill(1);
    s.outstanding = new Int32Array(n);
    s.latencyEwma = new Float64Array(n);
    s.weights = Float64Array.from(edges.map((e) => e.weight));
    s.wrrCurrent = new Float64Array(n);
    const served = new Float64Array(n);
    const fails = new Int32Array(n);
    const succs = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const j = prev(k);
      if (j < 0) continue;
      s.healthy[k] = this.state.healthy[j];
      s.outstanding[k] = this.state.outstanding[j];
      s.latencyEwma[k] = this.state.latencyEwma[j];
      served[k] = this.served[j];
      fails[k] = this.probeFailures[j];
      succs[k] = this.probeSuccesses[j];
    }
    s.ring = new HashRing(
      edges.map((e, k) => `${e.to.id}/${insts[k]}`),
      this.config.virtualNodes,
    );
    this.targetEdge = edges;
    this.targetInstance = Int32Array.from(insts);
    this.served = served;
    this.probeFailures = fails;
    this.probeSuccesses = succs;
    this.state = s;
    // Sticky assignments point at old indexes; forget them rather than misroute.
    if (this.sticky !== null && oldEdge.length > 0) this.sticky.fill(-1);
  }

  override setAlgorithm(algorithm: string): boolean {
    if (!(algorithm in loadBalancingPolicies)) return false;
    this.algorithm = algorithm as LoadBalancingAlgorithm;
    this.pick = loadBalancingPolicies[this.algorithm];
    return true;
  }

  override receive(call: Call): void {
    call.arrivedAt = this.engine.now;
    this.windowArrivals++;
    if (call.req.measured) this.arrivals++;
    if (!this.up) {
      if (call.req.measured) this.errors++;
      this.engine.respond(call, ERROR);
      return;
    }
    if (this.processing.isZero) this.forward(call);
    else {
      const t = this.processing.sample(this.processingRng) * this.slowFactor;
      this.engine.queue.schedule(this.engine.now + t, this, FORWARD, call, call.stamp);
    }
  }

  override handleEvent(code: number, obj: unknown, arg: number): void {
    if (code === FORWARD) {
      const call = obj as Call;
      if (call.stamp === arg) this.forward(call);
    } else if (code === HEALTH_CHECK) {
      this.probe();
      this.engine.queue.schedule(this.engine.now + this.config.healthCheck!.intervalMs, this, HEALTH_CHECK, null, 0);
    }
  }

  private forward(call: Call): void {
    const req = call.req;
    const s = this.state;
    let t = -1;
    if (this.sticky !== null) {
      const kept = this.sticky[req.user];
      if (kept >= 0 && s.healthy[kept] === 1) t = kept;
    }
    if (t < 0) t = this.pick(s, req.user, req.key, this.rng);
    if (t < 0) {
      // No healthy instance: 503 from the balancer itself.
      if (req.measured) this.errors++;
      this.engine.respond(call, ERROR);
      return;
    }
    if (this.sticky !== null) this.sticky[req.user] = t;
    s.outstanding[t]++;
    if (req.measured) this.served[t]++;
    const child = this.engine.calls.acquire(req, this.targetEdge[t], call);
    child.targetInstance = this.targetInstance[t];
    child.lbTarget = t;
    this.engine.send(child);
  }

  override onResponse(child: Call): void {
    const t = child.lbTarget;
    const s = this.state;
    // The target list may have been rebuilt (scaling) since this call left: match it exactly.
    if (t < s.n && this.targetEdge[t] === child.edge && this.targetInstance[t] === child.targetInstance && s.outstanding[t] > 0) {
      s.outstanding[t]--;
      const observed = this.engine.now - child.sentAt;
      s.latencyEwma[t] = s.latencyEwma[t] === 0 ? observed : s.latencyEwma[t] + EWMA_ALPHA * (observed - s.latencyEwma[t]);
    }
    const parent = child.parent!;
    const stale = parent.stamp !== child.parentStamp;
    const outcome = child.outcome;
    parent.retryAfterMs = child.retryAfterMs;
    this.engine.calls.release(child);
    if (stale) return;
    if (parent.req.measured) {
      if (outcome === OK) this.completed++;
      else this.errors++;
      this.responseSum += this.engine.now - parent.arrivedAt;
      this.responseCount++;
    }
    this.engine.respond(parent, outcome);
  }

  /** Active health checks: consecutive failures take a target out, successes bring it back. */
  private probe(): void {
    const hc = this.config.healthCheck!;
    const s = this.state;
    for (let k = 0; k < s.n; k++) {
      const e = this.targetEdge[k];
      const alive = !e.partitioned && e.to.instanceUp(this.targetInstance[k]);
      if (alive) {
        this.probeFailures[k] = 0;
        if (++this.probeSuccesses[k] >= hc.healthyAfter) s.healthy[k] = 1;
      } else {
        this.probeSuccesses[k] = 0;
        if (++this.probeFailures[k] >= hc.unhealthyAfter) s.healthy[k] = 0;
      }
    }
  }

  override crash(): void {
    this.up = false;
  }

  override recover(): void {
    this.up = true;
    this.slowFactor = 1;
  }

  override slow(factor: number): void {
    this.slowFactor = factor;
  }

  override report(): NodeReport {
    const r = this.baseReport();
    r.algorithm = this.algorithm;
    r.meanResponseMs = this.responseCount > 0 ? this.responseSum / this.responseCount : 0;
    r.instances = this.targetEdge.map(
      (e, k): InstanceReport & { node: string; instance: number; healthy: boolean } => ({
        served: this.served[k],
        utilization: 0,
        node: e.to.id,
        instance: this.targetInstance[k],
        healthy: this.state.healthy[k] === 1,
      }),
    );
    return r;
  }

  override frame(_windowMs: number): NodeFrame {
    let healthy = 0;
    for (let k = 0; k < this.state.n; k++) healthy += this.state.healthy[k];
    return {
      utilization: 0,
      queueLength: 0,
      arrivals: this.takeWindowArrivals(),
      instancesUp: healthy,
      instancesTotal: this.state.n,
    };
  }
}

function emptyState(hashOnKey: boolean): BalancerState {
  return {
    n: 0,
    healthy: new Uint8Array(0),
    outstanding: new Int32Array(0),
    latencyEwma: new Float64Array(0),
    weights: new Float64Array(0),
    wrrCurrent: new Float64Array(0),
    cursor: 0,
    ring: null,
    hashOnKey,
  };
}
