/**
 * Builds a run from a scenario (ids resolved to objects once, here) and exposes it to hosts
 * through the {@link Simulation} interface: advance, frames, report, live changes.
 */
import type { Scenario } from '../model';
import type { EdgeReport, Frame, LiveChange, NodeFrame, NodeReport, Report } from './api';
import { components } from './components';
import { EdgeRuntime } from './runtime/edge';
import { Engine } from './runtime/engine';
import type { NodeRuntime } from './runtime/node';

export interface SimulationOverrides {
  seed?: number;
  durationMs?: number;
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
  /** Aggregates since the previous frame (or since the start). */
  takeFrame(): Frame;
  report(wallMs?: number): Report;
  applyChange(change: LiveChange): void;
}

export type FaultAction = 'crash' | 'recover' | 'slow' | 'partition' | 'heal';

export class SimulationRun implements Simulation {
  private readonly engine: Engine;
  private lastFrameT = 0;

  constructor(private readonly scenario: Scenario, overrides: SimulationOverrides = {}) {
    const seed = overrides.seed ?? scenario.seed;
    const durationMs = overrides.durationMs ?? scenario.durationMs;
    const warmupMs = Math.min(scenario.warmupMs, durationMs);
    const engine = (this.engine = new Engine(seed, durationMs, warmupMs));
    const maxUsers = Math.max(1, ...scenario.nodes.map((n) => (n.kind === 'client' ? n.config.users : 1)));

    scenario.nodes.forEach((node, i) => {
      const make = components[node.kind];
      if (make === null) throw new Error(`${node.kind} is not simulated`);
      const runtime = make(engine, i, node, { maxUsers });
      engine.nodes.push(runtime);
      engine.nodeById.set(node.id, runtime);
    });
    scenario.edges.forEach((e, i) => {
      const from = engine.nodeById.get(e.from)!;
      const to = engine.nodeById.get(e.to)!;
      const edge = new EdgeRuntime(engine, i, e.id, from, to, e.config, engine.rng(e.id, 'latency'));
      engine.edges.push(edge);
      engine.edgeById.set(e.id, edge);
      from.outEdges.push(edge);
      to.inEdges.push(edge);
    });
    for (const f of scenario.faults) {
      engine.at(f.atMs, () => this.applyFault(f.action, f.target, f.instance, f.factor));
    }
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

  applyFault(action: FaultAction, target: string, instance?: number, factor = 5): void {
    const node = this.engine.nodeById.get(target);
    const edge = this.engine.edgeById.get(target);
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
    const node = this.engine.nodeById.get(change.node);
    if (node === undefined) throw new Error(`no node with id "${change.node}"`);
    let applied = false;
    if (change.type === 'setRps') applied = node.setRps(change.rps);
    else if (change.type === 'setReplicas') applied = node.setReplicas(change.replicas);
    else if (change.type === 'setAlgorithm') applied = node.setAlgorithm(change.algorithm);
    if (!applied) throw new Error(`${change.type} does not apply to ${node.kind} "${node.id}"`);
  }

  takeFrame(): Frame {
    const e = this.engine;
    const windowMs = e.now - this.lastFrameT;
    this.lastFrameT = e.now;
    const nodes: Record<string, NodeFrame> = {};
    for (const n of e.nodes) nodes[n.id] = n.frame(windowMs);
    const finished = e.windowOk + e.windowFailed;
    const h = e.windowLatency;
    const frame: Frame = {
      simTimeMs: e.now,
      windowMs,
      events: e.events,
      throughputRps: windowMs > 0 ? (e.windowOk * 1000) / windowMs : 0,
      errorRate: finished > 0 ? e.windowFailed / finished : 0,
      completed: finished,
      latencyMs: { p50: h.quantile(0.5), p95: h.quantile(0.95), p99: h.quantile(0.99), mean: h.mean },
      nodes,
    };
    e.windowOk = 0;
    e.windowFailed = 0;
    h.reset();
    return frame;
  }

  report(wallMs = 0): Report {
    const e = this.engine;
    const measuredMs = e.now - e.warmupMs;
    const nodes: Record<string, NodeReport> = {};
    const unstable: string[] = [];
    for (const n of e.nodes) {
      const r = n.report();
      nodes[n.id] = r;
      if (isUnstable(r)) unstable.push(n.id);
    }
    const edges: Record<string, EdgeReport> = {};
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
  if (r.kind !== 'server') return false;
  const queued = typeof r.queueLength === 'number' ? r.queueLength : 0;
  return r.utilization > 0.97 && (r.rejected > 0 || queued > 0);
}
