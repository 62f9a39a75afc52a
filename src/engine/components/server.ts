/**
 * server — replicas × concurrency workers, each instance a station with its own FIFO queue
 * (SPEC §3.2). After its own work a request calls every downstream edge, sequentially or in
 * parallel; with blocking io the worker is held meanwhile, with async io it is freed.
 * The instances in rotation change by hand, by `scaleSchedule` or by the autoscaler
 * (components/autoscaler.ts); each change is a step of the report's `replicaTimeline`.
 */
import type { ServerConfig } from '../../model';
import type { Holdings, InstanceReport, NodeFrame, NodeLiveChange, NodeReportBase } from '../api';
import { compileDuration, type Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import { TimeAverage } from '../metrics/timeAverage';
import type { EdgeRuntime } from '../runtime/edge';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, OK, REJECTED, type Call, type Outcome } from '../runtime/request';
import { FULL, STARTED, Station } from '../runtime/station';
import { QUEUE, SERVICE } from '../runtime/spanPool';
import { Autoscaler, type Scalable } from './autoscaler';
import { ReplicaTimeline, type ReplicaStep } from './replicaTimeline';
import { Job, JobPool } from './job';
import { SessionTable } from './sessions';

const SERVICE_DONE = 1;

export interface ServerInstanceReport extends InstanceReport {
  up: boolean;
}

export interface ServerReport extends NodeReportBase {
  kind: 'server';
  instances: ServerInstanceReport[];
  /** Time-averaged requests in the node (waiting or in service). */
  meanInSystem: number;
  /** Requests waiting at the end. */
  queueLength: number;
  /** Instances in rotation at the end. */
  replicas: number;
  /** Instances in rotation over the run: one step a change, the first at the start (SPEC §4). */
  replicaTimeline: ReplicaStep[];
  /** The timeline stopped at its most steps (MAX_REPLICA_STEPS); `replicas` is still the last count. */
  replicaTimelineTruncated: boolean;
  /** Instances the autoscaler started that were not in rotation yet at the end. */
  replicasStarting: number;
  sessionMisses: number;
}

class Instance {
  up = true;
  /** Bumped by a crash: sessions stored under an older epoch are lost. */
  epoch = 0;
  slowFactor = 1;
  /** Completions (ok or error) of measured requests. */
  served = 0;
  readonly station: Station<Job>;
  /** Jobs started here and not yet finished (in service or waiting on downstream calls). */
  activeHead: Job | null = null;

  constructor(
    engine: Engine,
    readonly number: number,
    concurrency: number,
    queueCapacity: number,
  ) {
    this.station = new Station<Job>(engine, concurrency, queueCapacity);
  }
}

export class ServerRuntime extends NodeRuntime<ServerReport> implements Scalable {
  private readonly instances: Instance[] = [];
  /** Instances in rotation; those at or above are retired by scaling down and drain. */
  private activeCount = 0;
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
  private readonly jobs = new JobPool();
  private readonly autoscaler: Autoscaler | null;
  private readonly timeline = new ReplicaTimeline();

  /**
   * Async io: jobs that gave their worker back and wait for downstream answers. In the
   * system = waiting + in service + these, so no tally of its own is needed.
   */
  private readonly awaiting: TimeAverage;
  /** Workers in service (instances in rotation plus retired ones still draining). */
  private readonly workers: TimeAverage;
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
    this.awaiting = engine.tally(new TimeAverage());
    this.workers = engine.tally(new TimeAverage());
    const a = config.autoscale;
    this.autoscaler = a !== null ? new Autoscaler(engine, a, this) : null;
    // An autoscaled server starts within its bounds, as the HPA clamps a deployment's count.
    this.resize(a !== null ? Math.min(a.max, Math.max(a.min, config.replicas)) : config.replicas);
    for (const step of config.scaleSchedule) engine.at(step.atMs, () => this.setReplicas(step.replicas));
  }

  override start(): void {
    this.jobs.edges = this.outEdges.length;
    if (this.autoscaler !== null) this.autoscaler.start();
  }

  override stopSources(): void {
    if (this.autoscaler !== null) this.autoscaler.stop();
  }

  override addHoldings(h: Holdings): void {
    h.records += this.jobs.live;
    for (const inst of this.instances) {
      h.busy += inst.station.busy;
      h.waiting += inst.station.waiting;
    }
  }

  override get instanceCount(): number {
    return this.activeCount;
  }

  override get workersPerInstance(): number {
    return this.concurrency;
  }

  override instanceUp(i: number): boolean {
    return i < this.instances.length && this.instances[i].up;
  }

  override applyLive(change: NodeLiveChange): boolean {
    if (change.type !== 'setReplicas') return false;
    this.setReplicas(change.replicas);
    return true;
  }

  /** By hand or by schedule: instances the autoscaler was starting are called off. */
  private setReplicas(replicas: number): void {
    if (this.autoscaler !== null) this.autoscaler.cancelStarting();
    this.scaleTo(replicas);
  }

  get inRotation(): number {
    return this.activeCount;
  }

  scaleTo(replicas: number): void {
    if (replicas === this.activeCount) return;
    this.resize(replicas);
    for (const e of this.inEdges) e.from.downstreamChanged(e);
  }

  busyIntegral(now: number): number {
    let busy = 0;
    for (const inst of this.instances) busy += inst.station.busyTally.integral(now);
    return busy;
  }

  capacityIntegral(now: number): number {
    return this.workers.integral(now);
  }

  private resize(replicas: number): void {
    while (this.instances.length < replicas) {
      this.instances.push(new Instance(this.engine, this.instances.length, this.concurrency, this.queueCapacity));
    }
    this.activeCount = replicas;
    this.updateCapacity();
    if (this.nextInstance >= replicas) this.nextInstance = 0;
    this.timeline.record(this.engine.now, replicas);
  }

  /**
   * Workers in service: every instance in rotation, plus retired ones still draining their
   * work (so utilisation never exceeds 1 while a scale-down finishes).
   */
  private updateCapacity(): void {
    let instances = this.activeCount;
    for (let i = this.activeCount; i < this.instances.length; i++) {
      const st = this.instances[i].station;
      if (st.busy > 0 || st.waiting > 0) instances++;
    }
    const workers = instances * this.concurrency;
    if (workers !== this.workers.value) this.workers.set(this.engine.now, workers);
  }

  override receive(call: Call): void {
    const now = this.engine.now;
    const measured = call.req.measured;
    this.windowArrivals++;
    if (measured) this.arrivals++;
    let i = call.instance;
    if (i < 0 || i >= this.instances.length) i = this.pickInstance();
    const inst = this.instances[i];
    if (!inst.up) {
      // Connection refused: the instance is down.
      if (measured) this.errors++;
      call.edge.answer(call, ERROR);
      return;
    }
    const job = this.jobs.acquire(call, i, now);
    const r = inst.station.offer(now, job, measured);
    if (r === FULL) {
      this.jobs.release(job);
      if (measured) this.rejected++;
      call.edge.answer(call, REJECTED);
      return;
    }
    if (r === STARTED) this.begin(job, inst);
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

  /** The job holds a worker: its service starts. */
  private begin(job: Job, inst: Instance): void {
    const now = this.engine.now;
    job.holdsWorker = true;
    if (inst.station.busy === 1 && inst.number >= this.activeCount) this.updateCapacity(); // a late call to a retired instance
    // Link into the instance's active list.
    job.prevActive = null;
    job.nextActive = inst.activeHead;
    if (inst.activeHead !== null) inst.activeHead.prevActive = job;
    inst.activeHead = job;

    let t = this.serviceTime.sample(this.serviceRng);
    if (this.sessions !== null) {
      const req = job.call.req;
      if (this.sessions.visit(req.user, inst.number, inst.epoch)) {
        t += this.rebuildTime.sample(this.serviceRng);
        if (req.measured) this.sessionMisses++;
      }
    }
    t *= inst.slowFactor * this.nodeSlowFactor;
    if (this.engine.tracer !== null) this.engine.tracer.station(job.call, this.index, inst.number, job.arrivedAt, now, now + t, QUEUE, SERVICE);
    this.engine.queue.schedule(now + t, this, SERVICE_DONE, job, job.gen);
  }

  override handleEvent(code: number, obj: unknown, arg: number): void {
    if (code !== SERVICE_DONE) return;
    const job = obj as Job;
    if (job.gen !== arg) return; // failed by a crash meanwhile
    if (this.errorRate > 0 && this.errorRng.next() < this.errorRate) {
      this.finish(job, ERROR);
      return;
    }
    const edges = this.outEdges;
    if (edges.length === 0) {
      this.finish(job, OK);
      return;
    }
    if (this.asyncIo) {
      this.releaseWorker(job, this.instances[job.instance]);
      this.awaiting.add(this.engine.now, 1);
    }
    if (this.parallel) {
      job.pendingChildren = edges.length;
      for (let k = 0; k < edges.length; k++) this.callDownstream(job, edges[k]);
    } else {
      job.nextEdge = 0;
      this.callDownstream(job, edges[0]);
    }
  }

  private callDownstream(job: Job, edge: EdgeRuntime): void {
    const child = this.engine.calls.acquire(job.call.req, edge, job);
    edge.send(child);
  }

  override onResponse(child: Call): void {
    const job = child.ctx as Job;
    const current = child.current;
    const ok = child.outcome === OK;
    const edge = child.edge;
    this.engine.calls.release(child);
    if (!current) return; // the job was failed by a crash meanwhile
    if (!ok) job.failed = true;
    if (this.parallel) {
      // Each edge's callsPerRequest calls run one after another; the edges run side by side.
      if (ok && !job.failed && job.repeatsDone(edge.fromIndex) + 1 < edge.callsPerRequest) {
        job.countRepeat(edge.fromIndex);
        this.callDownstream(job, edge);
      } else if (--job.pendingChildren === 0) {
        this.finish(job, job.failed ? ERROR : OK);
      }
      return;
    }
    if (job.failed) this.finish(job, ERROR);
    else if (++job.repeats < edge.callsPerRequest) this.callDownstream(job, edge);
    else if (++job.nextEdge < this.outEdges.length) {
      job.repeats = 0;
      this.callDownstream(job, this.outEdges[job.nextEdge]);
    } else this.finish(job, OK);
  }

  private finish(job: Job, outcome: Outcome): void {
    const now = this.engine.now;
    const inst = this.instances[job.instance];
    const call = job.call;
    if (job.holdsWorker) this.releaseWorker(job, inst);
    else this.awaiting.add(now, -1);
    this.unlink(job, inst);
    if (call.req.measured) {
      if (outcome === OK) this.completed++;
      else this.errors++;
      this.countResponse(now - job.arrivedAt);
      inst.served++;
    }
    this.jobs.release(job);
    call.edge.answer(call, outcome);
  }

  private releaseWorker(job: Job, inst: Instance): void {
    job.holdsWorker = false;
    const next = inst.station.release(this.engine.now);
    if (next !== null) this.begin(next, inst);
    else if (inst.station.busy === 0 && inst.number >= this.activeCount) this.updateCapacity(); // a retired instance has drained
  }

  private unlink(job: Job, inst: Instance): void {
    if (job.prevActive !== null) job.prevActive.nextActive = job.nextActive;
    else if (inst.activeHead === job) inst.activeHead = job.nextActive;
    if (job.nextActive !== null) job.nextActive.prevActive = job.prevActive;
    job.prevActive = null;
    job.nextActive = null;
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
      const failed: Job[] = [];
      for (let j = inst.activeHead; j !== null; j = j.nextActive) {
        if (!j.holdsWorker) this.awaiting.add(now, -1);
        failed.push(j);
      }
      inst.activeHead = null;
      inst.station.crash(now, failed);
      for (const job of failed) {
        const call = job.call;
        if (call.req.measured) this.errors++;
        // Releasing the job changes its generation: its service event and its children's
        // answers, when they come, find it gone.
        this.jobs.release(job);
        call.edge.answer(call, ERROR);
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

  override report(): ServerReport {
    const now = this.engine.now;
    const capacity = this.workers.areaSinceWarmup(now);
    const span = now - this.engine.warmupMs;
    let busy = 0;
    let queued = 0;
    let waiting = 0;
    let waitSum = 0;
    let waitCount = 0;
    for (const inst of this.instances) {
      const st = inst.station;
      busy += st.busyTally.areaSinceWarmup(now);
      queued += st.queueTally.areaSinceWarmup(now);
      waiting += st.waiting;
      waitSum += st.waitSum;
      waitCount += st.waitCount;
    }
    return {
      ...this.baseReport('server'),
      utilization: capacity > 0 ? busy / capacity : 0,
      meanQueueLength: span > 0 ? queued / span : waiting,
      meanWaitMs: waitCount > 0 ? waitSum / waitCount : 0,
      instances: this.instances.map((inst) => ({
        served: inst.served,
        utilization: inst.station.busyTally.meanSinceWarmup(now) / this.concurrency,
        up: inst.up,
      })),
      meanInSystem: span > 0 ? (busy + queued + this.awaiting.areaSinceWarmup(now)) / span : 0,
      queueLength: waiting,
      replicas: this.activeCount,
      replicaTimeline: this.timeline.toReport(),
      replicaTimelineTruncated: this.timeline.truncated,
      replicasStarting: this.autoscaler !== null ? this.autoscaler.starting : 0,
      sessionMisses: this.sessionMisses,
    };
  }

  override frame(windowMs: number): NodeFrame {
    const now = this.engine.now;
    const capacity = this.workers.takeWindowMean(now, windowMs);
    let busy = 0;
    let waiting = 0;
    for (const inst of this.instances) {
      busy += inst.station.busyTally.takeWindowMean(now, windowMs);
      waiting += inst.station.waiting;
    }
    let up = 0;
    for (let i = 0; i < this.activeCount; i++) if (this.instances[i].up) up++;
    let draining = 0;
    for (let i = this.activeCount; i < this.instances.length; i++) {
      const st = this.instances[i].station;
      if (st.busy > 0 || st.waiting > 0) draining++;
    }
    const a = this.autoscaler;
    return {
      utilization: capacity > 0 ? busy / capacity : 0,
      queueLength: waiting,
      arrivals: this.takeWindowArrivals(),
      instancesUp: up,
      instancesTotal: this.activeCount,
      replicas: {
        inRotation: this.activeCount,
        starting: a !== null ? a.starting : 0,
        draining,
        desired: a !== null ? a.desired : null,
      },
    };
  }
}
