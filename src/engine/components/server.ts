/**
 * server — replicas × concurrency workers, each instance with its own FIFO queue
 * (SPEC §3.2). After its own work a request calls every downstream edge, sequentially or in
 * parallel; with blocking io the worker is held meanwhile, with async io it is freed.
 */
import type { ServerConfig } from '../../model';
import type { NodeFrame, NodeReport } from '../api';
import { compileDuration, type Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import { TimeAverage } from '../metrics/timeAverage';
import { CallQueue } from '../runtime/callQueue';
import type { EdgeRuntime } from '../runtime/edge';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, OK, REJECTED, type Call, type Outcome } from '../runtime/request';
import { SessionTable } from './sessions';

const SERVICE_DONE = 1;

class Instance {
  up = true;
  /** Bumped by a crash: sessions stored under an older epoch are lost. */
  epoch = 0;
  busy = 0;
  slowFactor = 1;
  /** Completions (ok or error) of measured requests. */
  served = 0;
  readonly queue = new CallQueue();
  readonly busyTally: TimeAverage;
  /** Calls started here and not yet finished (in service or waiting on downstream). */
  activeHead: Call | null = null;

  constructor(engine: Engine) {
    this.busyTally = engine.tally(new TimeAverage());
  }
}

export class ServerRuntime extends NodeRuntime {
  private readonly instances: Instance[] = [];
  /** Instances in rotation; those at or above are retired by scaling down and drain. */
  private activeCount: number;
  private readonly concurrency: number;
  private readonly queueCapacity: number;
  private readonly serviceTime: Sampler;
  private readonly rebuildTime: Sampler;
  private readonly errorRate: number;
  private readonly parallel: boolean;
  private readonly asyncIo: boolean;
  private readonly sessions: SessionTable | null;
  private readonly serviceRng: Rng;
  private readonly errorRng: Rng;
  private nodeSlowFactor = 1;
  private nextInstance = 0;

  private readonly busyAll: TimeAverage;
  private readonly queueAll: TimeAverage;
  private readonly inSystem: TimeAverage;
  private readonly workers: TimeAverage;
  private waitSum = 0;
  private waitCount = 0;
  private responseSum = 0;
  private responseCount = 0;
  private sessionMisses = 0;

  constructor(engine: Engine, index: number, id: string, config: ServerConfig, maxUsers: number) {
    super(engine, index, id, 'server');
    this.concurrency = config.concurrency;
    this.queueCapacity = config.queueCapacity;
    this.serviceTime = compileDuration(config.serviceTime);
    this.rebuildTime = compileDuration(config.sessionRebuildTime);
    this.errorRate = config.errorRate;
    this.parallel = config.calls === 'parallel';
    this.asyncIo = config.io === 'async';
    this.sessions = config.sessions === 'in-memory' ? new SessionTable(maxUsers) : null;
    this.serviceRng = engine.rng(id, 'service');
    this.errorRng = engine.rng(id, 'errors');
    this.busyAll = engine.tally(new TimeAverage());
    this.queueAll = engine.tally(new TimeAverage());
    this.inSystem = engine.tally(new TimeAverage());
    this.workers = engine.tally(new TimeAverage());
    this.activeCount = 0;
    this.resize(config.replicas);
    for (const step of config.scaleSchedule) engine.at(step.atMs, () => this.setReplicas(step.replicas));
  }

  override get instanceCount(): number {
    return this.activeCount;
  }

  override instanceUp(i: number): boolean {
    return i < this.instances.length && this.instances[i].up;
  }

  override setReplicas(replicas: number): boolean {
    this.resize(replicas);
    for (const e of this.inEdges) e.from.downstreamChanged();
    return true;
  }

  private resize(replicas: number): void {
    while (this.instances.length < replicas) this.instances.push(new Instance(this.engine));
    this.activeCount = replicas;
    this.updateCapacity();
    if (this.nextInstance >= replicas) this.nextInstance = 0;
  }

  /**
   * Workers in service: every instance in rotation, plus retired ones still draining their
   * work (so utilisation never exceeds 1 while a scale-down finishes).
   */
  private updateCapacity(): void {
    let instances = this.activeCount;
    for (let i = this.activeCount; i < this.instances.length; i++) {
      const inst = this.instances[i];
      if (inst.busy > 0 || inst.queue.length > 0) instances++;
    }
    const workers = instances * this.concurrency;
    if (workers !== this.workers.value) this.workers.set(this.engine.now, workers);
  }

  override receive(call: Call): void {
    const now = this.engine.now;
    call.arrivedAt = now;
    this.windowArrivals++;
    if (call.req.measured) this.arrivals++;
    let i = call.targetInstance;
    if (i < 0 || i >= this.instances.length) i = this.pickInstance();
    const inst = this.instances[i];
    call.instance = i;
    if (!inst.up) {
      // Connection refused: the instance is down.
      if (call.req.measured) this.errors++;
      this.engine.respond(call, ERROR);
    } else if (inst.busy < this.concurrency) {
      this.inSystem.add(now, 1);
      this.begin(call, inst);
    } else if (inst.queue.length < this.queueCapacity) {
      this.inSystem.add(now, 1);
      inst.queue.push(call);
      this.queueAll.add(now, 1);
    } else {
      if (call.req.measured) this.rejected++;
      this.engine.respond(call, REJECTED);
    }
  }

  /** Without a load balancer in front, requests spread round robin over the instances that are up. */
  private pickInstance(): number {
    const n = this.activeCount;
    for (let k = 0; k < n; k++) {
      const i = this.nextInstance;
      this.nextInstance = i + 1 === n ? 0 : i + 1;
      if (this.instances[i].up) return i;
    }
    return 0;
  }

  private begin(call: Call, inst: Instance): void {
    const now = this.engine.now;
    inst.busy++;
    inst.busyTally.add(now, 1);
    this.busyAll.add(now, 1);
    if (inst.busy === 1 && call.instance >= this.activeCount) this.updateCapacity(); // a late call to a retired instance
    call.holdsWorker = true;
    if (call.req.measured) {
      this.waitSum += now - call.arrivedAt;
      this.waitCount++;
    }
    // Link into the instance's active list.
    call.prevActive = null;
    call.nextActive = inst.activeHead;
    if (inst.activeHead !== null) inst.activeHead.prevActive = call;
    inst.activeHead = call;

    let t = this.serviceTime.sample(this.serviceRng);
    if (this.sessions !== null) {
      const miss = this.sessions.visit(call.req.user, call.instance, inst.epoch);
      if (miss) {
        t += this.rebuildTime.sample(this.serviceRng);
        if (call.req.measured) this.sessionMisses++;
      }
    }
    t *= inst.slowFactor * this.nodeSlowFactor;
    this.engine.queue.schedule(now + t, this, SERVICE_DONE, call, call.stamp);
  }

  override handleEvent(code: number, obj: unknown, arg: number): void {
    if (code !== SERVICE_DONE) return;
    const call = obj as Call;
    if (call.stamp !== arg) return; // abandoned by a crash
    if (this.errorRate > 0 && this.errorRng.next() < this.errorRate) {
      this.finish(call, ERROR);
      return;
    }
    const edges = this.outEdges;
    if (edges.length === 0) {
      this.finish(call, OK);
      return;
    }
    if (this.asyncIo) this.releaseWorker(call, this.instances[call.instance]);
    if (this.parallel) {
      call.pendingChildren = edges.length;
      for (let k = 0; k < edges.length; k++) this.callDownstream(call, edges[k]);
    } else {
      call.nextEdge = 0;
      this.callDownstream(call, edges[0]);
    }
  }

  private callDownstream(parent: Call, edge: EdgeRuntime, repeatsLeft = edge.callsPerRequest - 1): void {
    const child = this.engine.calls.acquire(parent.req, edge, parent);
    child.repeatsLeft = repeatsLeft;
    this.engine.send(child);
  }

  override onResponse(child: Call): void {
    const parent = child.parent!;
    const stale = parent.stamp !== child.parentStamp;
    const ok = child.outcome === OK;
    const edge = child.edge;
    const repeatsLeft = child.repeatsLeft;
    this.engine.calls.release(child);
    if (stale) return; // the parent was failed by a crash meanwhile
    if (!ok) parent.failed = true;
    if (this.parallel) {
      if (ok && repeatsLeft > 0 && !parent.failed) this.callDownstream(parent, edge, repeatsLeft - 1);
      else if (--parent.pendingChildren === 0) this.finish(parent, parent.failed ? ERROR : OK);
      return;
    }
    if (parent.failed) this.finish(parent, ERROR);
    else if (repeatsLeft > 0) this.callDownstream(parent, edge, repeatsLeft - 1);
    else if (++parent.nextEdge < this.outEdges.length) this.callDownstream(parent, this.outEdges[parent.nextEdge]);
    else this.finish(parent, OK);
  }

  private finish(call: Call, outcome: Outcome): void {
    const now = this.engine.now;
    const inst = this.instances[call.instance];
    if (call.holdsWorker) this.releaseWorker(call, inst);
    this.unlink(call, inst);
    this.inSystem.add(now, -1);
    if (call.req.measured) {
      if (outcome === OK) this.completed++;
      else this.errors++;
      this.responseSum += now - call.arrivedAt;
      this.responseCount++;
      inst.served++;
    }
    this.engine.respond(call, outcome);
  }

  private releaseWorker(call: Call, inst: Instance): void {
    const now = this.engine.now;
    call.holdsWorker = false;
    inst.busy--;
    inst.busyTally.add(now, -1);
    this.busyAll.add(now, -1);
    if (inst.queue.length > 0 && inst.up) {
      this.queueAll.add(now, -1);
      this.begin(inst.queue.shift(), inst);
    } else if (inst.busy === 0 && call.instance >= this.activeCount) {
      this.updateCapacity(); // a retired instance has drained
    }
  }

  private unlink(call: Call, inst: Instance): void {
    if (call.prevActive !== null) call.prevActive.nextActive = call.nextActive;
    else if (inst.activeHead === call) inst.activeHead = call.nextActive;
    if (call.nextActive !== null) call.nextActive.prevActive = call.prevActive;
    call.prevActive = null;
    call.nextActive = null;
  }

  private affected(instance: number | undefined): Instance[] {
    if (instance === undefined) return this.instances;
    return instance < this.instances.length ? [this.instances[instance]] : [];
  }

  /** A crash fails everything in flight on the instance and loses its sessions. */
  override crash(instance: number | undefined): void {
    const now = this.engine.now;
    for (const inst of this.affected(instance)) {
      if (!inst.up) continue;
      inst.up = false;
      inst.epoch++;
      const failed: Call[] = [];
      for (let c = inst.activeHead; c !== null; c = c.nextActive) failed.push(c);
      while (inst.queue.length > 0) {
        failed.push(inst.queue.shift());
        this.queueAll.add(now, -1);
      }
      inst.activeHead = null;
      this.busyAll.add(now, -inst.busy);
      inst.busyTally.add(now, -inst.busy);
      inst.busy = 0;
      for (const c of failed) {
        c.stamp++; // its pending service event, and its children's answers, are now stale
        c.holdsWorker = false;
        c.prevActive = null;
        c.nextActive = null;
        this.inSystem.add(now, -1);
        if (c.req.measured) this.errors++;
        this.engine.respond(c, ERROR);
      }
    }
    this.updateCapacity();
  }

  override recover(instance: number | undefined): void {
    for (const inst of this.affected(instance)) {
      inst.up = true;
      inst.slowFactor = 1;
    }
    if (instance === undefined) this.nodeSlowFactor = 1;
  }

  override slow(factor: number, instance: number | undefined): void {
    if (instance === undefined) this.nodeSlowFactor = factor;
    else for (const inst of this.affected(instance)) inst.slowFactor = factor;
  }

  override report(): NodeReport {
    const now = this.engine.now;
    const r = this.baseReport();
    const capacity = this.workers.meanSinceWarmup(now);
    r.utilization = capacity > 0 ? this.busyAll.meanSinceWarmup(now) / capacity : 0;
    r.meanQueueLength = this.queueAll.meanSinceWarmup(now);
    r.meanInSystem = this.inSystem.meanSinceWarmup(now);
    r.meanWaitMs = this.waitCount > 0 ? this.waitSum / this.waitCount : 0;
    r.meanResponseMs = this.responseCount > 0 ? this.responseSum / this.responseCount : 0;
    r.instances = this.instances.map((inst) => ({
      served: inst.served,
      utilization: inst.busyTally.meanSinceWarmup(now) / this.concurrency,
      up: inst.up,
    }));
    r.replicas = this.activeCount;
    r.sessionMisses = this.sessionMisses;
    r.queueLength = this.queueAll.value;
    return r;
  }

  override frame(windowMs: number): NodeFrame {
    const now = this.engine.now;
    const busy = this.busyAll.takeWindowMean(now, windowMs);
    const capacity = this.workers.takeWindowMean(now, windowMs);
    let up = 0;
    for (let i = 0; i < this.activeCount; i++) if (this.instances[i].up) up++;
    return {
      utilization: capacity > 0 ? busy / capacity : 0,
      queueLength: this.queueAll.value,
      arrivals: this.takeWindowArrivals(),
      instancesUp: up,
      instancesTotal: this.activeCount,
    };
  }
}
