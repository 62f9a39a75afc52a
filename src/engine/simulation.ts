/**
 * Builds a run from a scenario (ids resolved to objects once, here) and exposes it to hosts
 * through the {@link Simulation} interface: advance, frames, report, live changes.
 */
import { populationOf, type FaultAction, type NodeKind, type NodeOf, type Scenario } from '../model';
import type { EdgeFrame, EdgeReport, Frame, Holdings, LiveChange, NodeFrame, NodeReport, Report } from './api';
import { engineKindOf } from './components';
import { EdgeRuntime } from './runtime/edge';
import { Engine } from './runtime/engine';
import type { NodeRuntime } from './runtime/node';
import { Tracer } from './runtime/tracer';
import type { TraceOptions, TraceSet } from './traces';

export interface SimulationOverrides {
  seed?: number;
  durationMs?: number;
  /** Trace requests from the start (see {@link Simulation.setTracing}). */
  traces?: Partial<TraceOptions>;
}

/** A built run. The host advances it in slices; the engine never paces itself. */
export interface Simulation {
  readonly nowMs: number;
  readonly durationMs: number;
  readonly events: number;
  readonly finished: boolean;
  /** Processes every event with time ≤ min(tMs, durationMs). */
  runUntil(tMs: number): void;
  runToEnd(): void;
  /**
   * Moves the run's end to `durationMs` (later than now): a run that reached its end goes on
   * from where it stopped, with everything in flight, as if it had been that long from the
   * start. Sources, timers and statistics simply continue.
   */
  extendTo(durationMs: number): void;
  /**
   * Stops the sources (clients, probes) and runs until no event is left, past the
   * duration if need be, so that everything in flight finishes. For tests of conservation.
   */
  drain(): void;
  /** What the run still holds (see {@link Holdings}). */
  holdings(): Holdings;
  /**
   * A host that takes frames says so before it runs: the window figures (every request's
   * outcome and latency, for frames only) are counted from here on, and the first frame
   * covers the time since. A run nobody takes frames of skips that work. Call it at the
   * start or just after a frame: the nodes' and edges' own window counts run from the last
   * frame (or the start) whatever this says.
   */
  startFrames(): void;
  /** Aggregates since the previous frame, or since {@link startFrames} (or the first frame taken). */
  takeFrame(): Frame;
  report(wallMs?: number): Report;
  applyChange(change: LiveChange): void;
  /**
   * Starts tracing requests from now on, or changes what is kept (sampling, windows); null
   * stops recording new spans (traces kept so far stay readable). Memory is fixed when
   * tracing first starts: `spanPool` spans and `maxTraces` traces of each kind.
   */
  setTracing(options: Partial<TraceOptions> | null): void;
  /** The traces kept so far, as plain data; empty when tracing never started. */
  traces(): TraceSet | null;
}

/** A record without a prototype: any id, `__proto__` and `constructor` included, is a plain key. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export class SimulationRun implements Simulation {
  private readonly engine: Engine;
  private readonly nodeById = new Map<string, NodeRuntime>();
  private readonly edgeById = new Map<string, EdgeRuntime>();
  private lastFrameT = 0;

  constructor(private readonly scenario: Scenario, overrides: SimulationOverrides = {}) {
    const seed = overrides.seed ?? scenario.seed;
    const durationMs = overrides.durationMs ?? scenario.durationMs;
    const warmupMs = Math.min(scenario.warmupMs, durationMs);
    const engine = (this.engine = new Engine(seed, durationMs, warmupMs));
    const { maxUsers, maxKeys } = populationOf(scenario.nodes);

    scenario.nodes.forEach((node, i) => {
      const kind = engineKindOf(node as NodeOf<NodeKind>);
      const create = kind.create;
      if (create === null) throw new Error(`${node.kind} is not simulated`);
      const reads = kind.reads(node as NodeOf<NodeKind>);
      if (reads.users) engine.drawsUsers = true;
      if (reads.keys) engine.drawsKeys = true;
      const runtime = create(engine, i, node as never, { maxUsers, maxKeys });
      engine.nodes.push(runtime);
      this.nodeById.set(node.id, runtime);
    });
    scenario.edges.forEach((e, i) => {
      const from = this.nodeById.get(e.from)!;
      const to = this.nodeById.get(e.to)!;
      const edge = new EdgeRuntime(engine, i, e.id, from, to, e.config, engine.rng(e.id, 'latency'));
      edge.fromIndex = from.outEdges.length;
      engine.edges.push(edge);
      this.edgeById.set(e.id, edge);
      from.outEdges.push(edge);
      to.inEdges.push(edge);
    });
    for (const f of scenario.faults) {
      engine.at(f.atMs, () => this.applyFault(f.action, f.target, f.instance, f.factor));
    }
    if (overrides.traces !== undefined) this.setTracing(overrides.traces);
    engine.start();
  }

  get nowMs(): number {
    return this.engine.now;
  }
  get durationMs(): number {
    return this.engine.durationMs;
  }
  get events(): number {
    return this.engine.events;
  }
  get finished(): boolean {
    return this.engine.now >= this.engine.durationMs;
  }

  runUntil(tMs: number): void {
    this.engine.runUntil(tMs);
  }

  runToEnd(): void {
    this.engine.runUntil(this.engine.durationMs);
  }

  drain(): void {
    this.engine.drain();
  }

  extendTo(durationMs: number): void {
    if (!(durationMs > this.engine.durationMs)) throw new Error(`extendTo: ${durationMs} ms is not after the run's end`);
    this.engine.durationMs = durationMs;
  }

  holdings(): Holdings {
    const e = this.engine;
    const h: Holdings = {
      requests: e.requests.live,
      calls: e.calls.live,
      records: 0,
      busy: 0,
      waiting: 0,
      permits: 0,
      outstanding: 0,
      events: e.queue.length,
      inFlight: e.inFlight,
    };
    for (const n of e.nodes) n.addHoldings(h);
    for (const edge of e.edges) h.permits += edge.permitsInUse;
    return h;
  }

  applyFault(action: FaultAction, target: string, instance?: number, factor = 5): void {
    const node = this.nodeById.get(target);
    const edge = this.edgeById.get(target);
    switch (action) {
      case 'crash':
        node?.crash(instance);
        return;
      case 'recover':
        node?.recover(instance);
        return;
      case 'slow':
        node?.slow(factor, instance);
        return;
      case 'partition':
        if (edge) edge.partitioned = true;
        return;
      case 'heal':
        if (edge) edge.partitioned = false;
        return;
    }
  }

  applyChange(change: LiveChange): void {
    if (change.type === 'fault') {
      this.applyFault(change.action, change.target, change.instance, change.factor);
      return;
    }
    const node = this.nodeById.get(change.node);
    if (node === undefined) throw new Error(`no node with id "${change.node}"`);
    if (!node.applyLive(change)) throw new Error(`${change.type} does not apply to ${node.kind} "${node.id}"`);
  }

  setTracing(options: Partial<TraceOptions> | null): void {
    const e = this.engine;
    if (options === null) {
      e.tracer = null;
      return;
    }
    const tracer = e.requests.tracer;
    if (tracer !== null) tracer.configure(options);
    else e.requests.tracer = new Tracer(e, options);
    e.tracer = e.requests.tracer;
  }

  traces(): TraceSet | null {
    const tracer = this.engine.requests.tracer;
    return tracer !== null ? tracer.traceSet() : null;
  }

  startFrames(): void {
    this.engine.framing = true;
    this.lastFrameT = this.engine.now;
  }

  takeFrame(): Frame {
    const e = this.engine;
    e.framing = true;
    const windowMs = e.now - this.lastFrameT;
    this.lastFrameT = e.now;
    const nodes = dict<NodeFrame>();
    for (const n of e.nodes) nodes[n.id] = n.frame(windowMs);
    const edges = dict<EdgeFrame>();
    for (const edge of e.edges) edges[edge.id] = edge.frame();
    const finished = e.windowOk + e.windowFailed;
    const h = e.windowLatency;
    const o = e.windowOutcomes;
    const frame: Frame = {
      simTimeMs: e.now,
      windowMs,
      events: e.events,
      throughputRps: windowMs > 0 ? (e.windowOk * 1000) / windowMs : 0,
      errorRate: finished > 0 ? e.windowFailed / finished : 0,
      completed: finished,
      latencyMs: h.count > 0 ? { p50: h.quantile(0.5), p95: h.quantile(0.95), p99: h.quantile(0.99), mean: h.mean } : null,
      nodes,
      outcomes: { ok: o[0], error: o[1], rejected: o[2], timeout: o[3] },
      edges,
    };
    e.windowOk = 0;
    e.windowFailed = 0;
    o.fill(0);
    h.reset();
    return frame;
  }

  report(wallMs = 0): Report {
    const e = this.engine;
    const measuredMs = Math.min(e.now, e.durationMs) - e.warmupMs;
    const nodes = dict<NodeReport>();
    const unstable: string[] = [];
    for (const n of e.nodes) {
      // Each runtime reports its own kind's type (the table in components/index.ts).
      const r = n.report() as NodeReport;
      nodes[n.id] = r;
      if (isUnstable(r)) unstable.push(n.id);
    }
    const edges = dict<EdgeReport>();
    for (const edge of e.edges) edges[edge.id] = edge.report();
    return {
      version: 1,
      scenario: this.scenario.name,
      seed: e.seed,
      simulatedMs: e.now,
      warmupMs: e.warmupMs,
      events: e.events,
      wallMs,
      requests: {
        generated: e.generated,
        ok: e.ok,
        error: e.error,
        rejected: e.rejected,
        timeout: e.timeout,
        inFlight: e.inFlight,
      },
      throughputRps: measuredMs > 0 ? (e.ok * 1000) / measuredMs : 0,
      latencyMs: e.latency.summary(),
      nodes,
      edges,
      unstable,
    };
  }
}

/**
 * A node that was saturated for the whole measured window and still turning work away or
 * piling it up: its offered load exceeds what it can serve, so its numbers only grow with
 * the run's length.
 */
function isUnstable(r: NodeReport): boolean {
  return r.kind === 'server' && r.utilization > 0.97 && (r.rejected > 0 || r.queueLength > 0);
}
