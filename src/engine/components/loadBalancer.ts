/**
 * loadBalancer — spreads calls over the instances of its downstream nodes (SPEC §3.2),
 * with sticky sessions and active health checks. Without a health check it keeps sending to
 * a dead instance, which then fails those calls.
 */
import type { LoadBalancerConfig } from '../../model';
import type { Holdings, InstanceReport, NodeFrame, NodeLiveChange, NodeReportBase } from '../api';
import { compileDuration, type Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import { loadBalancingPolicies, type LoadBalancingAlgorithm, type PickTarget } from '../policies/loadBalancing';
import type { EdgeRuntime } from '../runtime/edge';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, type Call } from '../runtime/request';
import { VisitPool, type Visit } from '../runtime/visit';
import { BalancerTargets } from './balancerTargets';

const HEALTH_CHECK = 2;
/** Weight of the newest observation in the response-time EWMA. */
const EWMA_ALPHA = 0.2;
/** Picks a retry may take before it settles for the next instance in order (Envoy's host_selection_retry_max_attempts). */
const HOST_SELECTION_ATTEMPTS = 3;

/** One balancer target: an instance of a downstream node. */
export interface BalancerTargetReport extends InstanceReport {
  node: string;
  instance: number;
  healthy: boolean;
  /** False once scaling retired the instance (its counts stay). */
  inRotation: boolean;
}

export interface LoadBalancerReport extends NodeReportBase {
  kind: 'loadBalancer';
  algorithm: string;
  instances: BalancerTargetReport[];
}

export class LoadBalancerRuntime extends NodeRuntime<LoadBalancerReport> {
  private algorithm: LoadBalancingAlgorithm;
  private pick: PickTarget;
  private readonly processing: Sampler;
  private readonly rng: Rng;
  private readonly processingRng: Rng;
  /** Each user's instance (a target number) while sessions are sticky; -1 for none yet. */
  private readonly sticky: Int32Array | null;
  private up = true;
  private slowFactor = 1;
  private probing = false;
  private targets: BalancerTargets = null as unknown as BalancerTargets;
  private readonly visits = new VisitPool();

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
  }

  override start(): void {
    this.targets = new BalancerTargets(this.outEdges, this.config.virtualNodes, this.config.hashOn === 'key');
    this.targets.refresh(this.outEdges);
    this.targets.useRing(this.algorithm === 'consistent-hash');
    const hc = this.config.healthCheck;
    if (hc !== null) {
      this.probing = true;
      this.engine.queue.schedule(hc.intervalMs, this, HEALTH_CHECK, null, 0);
    }
  }

  override stopSources(): void {
    this.probing = false;
  }

  override downstreamChanged(edge: EdgeRuntime): void {
    this.targets.refresh([edge]);
  }

  override applyLive(change: NodeLiveChange): boolean {
    if (change.type !== 'setAlgorithm' || !(change.algorithm in loadBalancingPolicies)) return false;
    this.algorithm = change.algorithm as LoadBalancingAlgorithm;
    this.pick = loadBalancingPolicies[this.algorithm];
    this.targets.useRing(this.algorithm === 'consistent-hash');
    // A hashing policy reads what round robin did not: the clients start drawing it.
    const reads = balancerReads(this.config, this.algorithm);
    if (reads.users) this.engine.drawsUsers = true;
    if (reads.keys) this.engine.drawsKeys = true;
    return true;
  }

  override receive(call: Call): void {
    this.windowArrivals++;
    if (call.req.measured) this.arrivals++;
    if (!this.up) {
      if (call.req.measured) this.errors++;
      call.edge.answer(call, ERROR);
      return;
    }
    this.forward(this.visits.acquire(call, this.engine.now));
  }

  override handleEvent(code: number): void {
    if (code === HEALTH_CHECK && this.probing) {
      this.probe();
      this.engine.queue.schedule(this.engine.now + this.config.healthCheck!.intervalMs, this, HEALTH_CHECK, null, 0);
    }
  }

  /**
   * The balancer chooses on arrival and forwards once its processing time is over (the
   * edge carries both delays as one when it can).
   */
  private forward(visit: Visit): void {
    const call = visit.call;
    const req = call.req;
    const tg = this.targets;
    const s = tg.state;
    let t = -1;
    if (this.sticky !== null) {
      const kept = this.sticky[req.user];
      if (kept >= 0 && tg.inRotation[kept] === 1 && s.healthy[kept] === 1) t = kept;
    }
    if (t < 0) t = this.pick(s, req.user, req.key, this.rng);
    if (t < 0) {
      // No healthy instance: 503 from the balancer itself.
      if (req.measured) this.errors++;
      this.visits.release(visit);
      call.edge.answer(call, ERROR);
      return;
    }
    if (this.sticky !== null) this.sticky[req.user] = t;
    s.outstanding[t]++;
    if (req.measured) tg.served[t]++;
    const edge = tg.edgeOf[t];
    const child = this.engine.calls.acquire(req, edge, visit);
    child.instance = tg.instanceOf[t];
    const p = this.processing.isZero ? 0 : this.processing.sample(this.processingRng) * this.slowFactor;
    edge.sendAfter(child, p);
  }

  /**
   * A retry on one of the balancer's edges goes to another instance of the same node when
   * one is in rotation and believed healthy (Envoy's previous-hosts retry predicate): the
   * balancer's own policy chooses again, a few times, rejecting the instance that failed and
   * the other nodes' instances (the retry belongs to its edge); a policy that keeps choosing
   * it (a hash) gives way to the next instance in order. With no other instance the retry
   * goes where it went before.
   */
  override retarget(call: Call): void {
    const tg = this.targets;
    const s = tg.state;
    const failed = tg.targetOf(call.edge, call.instance);
    if (failed < 0) return;
    const req = call.req;
    let t = -1;
    for (let k = 0; k < HOST_SELECTION_ATTEMPTS && t < 0; k++) {
      const p = this.pick(s, req.user, req.key, this.rng);
      if (p < 0) break;
      if (p !== failed && tg.edgeOf[p] === call.edge) t = p;
    }
    if (t < 0) t = tg.nextOnEdge(call.edge, call.instance);
    if (t < 0) return;
    s.outstanding[failed]--;
    s.outstanding[t]++;
    call.instance = tg.instanceOf[t];
    if (this.sticky !== null) this.sticky[req.user] = t;
  }

  override onResponse(child: Call): void {
    const tg = this.targets;
    const s = tg.state;
    const t = tg.targetOf(child.edge, child.instance);
    s.outstanding[t]--;
    const observed = this.engine.now - child.sentAt;
    s.latencyEwma[t] = s.latencyEwma[t] === 0 ? observed : s.latencyEwma[t] + EWMA_ALPHA * (observed - s.latencyEwma[t]);
    const visit = child.ctx as Visit;
    const parent = visit.call;
    const outcome = child.outcome;
    parent.retryAfterMs = child.retryAfterMs;
    parent.version = child.version;
    this.engine.calls.release(child);
    this.answerVisit(this.visits, visit, outcome);
  }

  /** Active health checks: consecutive failures take a target out, successes bring it back. */
  private probe(): void {
    const hc = this.config.healthCheck!;
    const tg = this.targets;
    const s = tg.state;
    for (let k = 0; k < s.n; k++) {
      const t = s.active[k];
      const e = tg.edgeOf[t];
      const alive = !e.partitioned && e.to.instanceUp(tg.instanceOf[t]);
      if (alive) {
        tg.probeFailures[t] = 0;
        if (++tg.probeSuccesses[t] >= hc.healthyAfter) s.healthy[t] = 1;
      } else {
        tg.probeSuccesses[t] = 0;
        if (++tg.probeFailures[t] >= hc.unhealthyAfter) s.healthy[t] = 0;
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

  override addHoldings(h: Holdings): void {
    h.records += this.visits.live;
    for (let t = 0; t < this.targets.count; t++) h.outstanding += this.targets.state.outstanding[t];
  }

  override report(): LoadBalancerReport {
    const tg = this.targets;
    const instances: BalancerTargetReport[] = [];
    for (const t of tg.inOrder()) {
      instances.push({
        served: tg.served[t],
        utilization: 0,
        node: tg.edgeOf[t].to.id,
        instance: tg.instanceOf[t],
        healthy: tg.state.healthy[t] === 1,
        inRotation: tg.inRotation[t] === 1,
      });
    }
    return {
      ...this.baseReport('loadBalancer'),
      algorithm: this.algorithm,
      instances,
    };
  }

  override frame(_windowMs: number): NodeFrame {
    const s = this.targets.state;
    let healthy = 0;
    for (let k = 0; k < s.n; k++) healthy += s.healthy[s.active[k]];
    return {
      utilization: 0,
      queueLength: 0,
      arrivals: this.takeWindowArrivals(),
      instancesUp: healthy,
      instancesTotal: s.n,
    };
  }
}

/** Sticky sessions and the hashing policies read a request's user, or its key. */
export function balancerReads(config: LoadBalancerConfig, algorithm: string): { users: boolean; keys: boolean } {
  const ring = algorithm === 'consistent-hash';
  const onKey = config.hashOn === 'key';
  return { users: config.stickySessions || algorithm === 'ip-hash' || (ring && !onKey), keys: ring && onKey };
}
