/**
 * Stations with queues — a server's instances, a database's connection pool, a queue and its
 * consumers — against M/M/c (Erlang C), M/D/1, M/G/1 (Pollaczek–Khinchine) and Erlang B.
 */
import type { NodeOf, Scenario, ScenarioNode } from '../model';
import { erlangB, erlangC, md1, mg1, mmc, mmcTimeQuantile } from '../theory';
import { indexOf, instancesOf, totalPerMs, type Stream } from './flows';
import { mixtureLaw, serviceLaw, sumLaw, type ServiceLaw } from './service';
import type { FailedAssumption, Prediction, StationTheory } from './types';

/** A queue that fills (or a wait that is abandoned) at most this often is taken as unbounded. */
export const NEGLIGIBLE = 1e-3;

export function station(node: ScenarioNode, inflow: Stream): StationTheory {
  return { node: node.id, kind: node.kind, model: null, arrivalsPerSec: totalPerMs(inflow) * 1000, inputs: {}, predictions: [], failed: [], notes: [] };
}

/** The assumptions about arrivals every station model shares. */
export function arrivalFailures(node: ScenarioNode, inflow: Stream, scenario: Scenario, instances: number): FailedAssumption[] {
  const failed: FailedAssumption[] = [];
  if (totalPerMs(inflow) === 0) failed.push({ id: 'traffic', text: `no traffic reaches ${node.id}` });
  const fault = indexOf(scenario).faultOf.get(node.id);
  const changing = inflow.changing ?? (fault !== undefined ? `a fault ${fault.action}s ${node.id} at ${fault.atMs} ms` : null);
  if (changing !== null) failed.push({ id: 'stationary', text: changing });
  if (inflow.feedback !== null) failed.push({ id: 'no-feedback', text: inflow.feedback });
  if (inflow.notPoisson !== null) failed.push({ id: 'poisson-arrivals', text: `arrivals into ${node.id} are not Poisson: ${inflow.notPoisson}` });
  else if (instances > 1 && inflow.unevenSpread !== null) failed.push({ id: 'poisson-arrivals', text: `arrivals into each instance of ${node.id} are not Poisson: ${inflow.unevenSpread}` });
  if (inflow.unknownRate !== null) failed.push({ id: 'known-split', text: inflow.unknownRate });
  return failed;
}

/** The figures of a c-worker FIFO station with Poisson arrivals at λ per ms (per instance). */
interface Solved {
  model: string;
  predictions: Prediction[];
  /** The station's departures are a Poisson stream (an M/M/c with an unbounded queue). */
  poissonOut: boolean;
  /** Fraction admitted. */
  admitted: number;
  /** Probability that an arrival waits longer than t ms, where known. */
  waitTail: ((t: number) => number) | null;
  lq: number;
}

const p = (field: string, label: string, value: number, unit: Prediction['unit'], bound?: Prediction['bound']): Prediction =>
  bound === undefined ? { field, label, value, unit } : { field, label, value, unit, bound };

/**
 * Solves one station: `c` workers, a queue of `capacity` (0: a loss system), arrivals at
 * `lambda` per ms, service `law`. A failure when no closed form applies.
 */
function solve(c: number, capacity: number, lambda: number, law: ServiceLaw, who: string): Solved | FailedAssumption {
  const a = lambda * law.meanMs;
  if (capacity === 0) {
    // Erlang B holds for any service law (insensitivity).
    const b = erlangB(c, a);
    return {
      model: `Erlang B (M/G/${c}/${c})`,
      predictions: [
        p('rejectedFraction', 'turned away, B(c, a)', b, 'fraction'),
        p('utilization', 'utilisation, a(1 − B)/c', (a * (1 - b)) / c, 'fraction'),
        p('meanWaitMs', 'wait in queue', 0, 'ms'),
      ],
      poissonOut: false,
      admitted: 1 - b,
      waitTail: () => 0,
      lq: 0,
    };
  }
  const rho = a / c;
  if (rho >= 1) {
    return {
      model: `overload (ρ = ${rho.toFixed(2)})`,
      predictions: [
        p('utilization', 'utilisation', 1, 'fraction'),
        ...(capacity < Infinity ? [p('rejectedFraction', 'turned away once the queue is full, 1 − cμ/λ', 1 - 1 / rho, 'fraction')] : []),
      ],
      poissonOut: false,
      admitted: 1 / rho,
      waitTail: null,
      lq: Infinity,
    };
  }
  if (law.exponential) {
    const m = mmc(lambda, 1 / law.meanMs, c);
    const theta = c / law.meanMs - lambda;
    return {
      model: c === 1 ? 'M/M/1' : `M/M/${c}`,
      predictions: [
        p('utilization', 'utilisation ρ', m.utilization, 'fraction'),
        p('meanWaitMs', c === 1 ? 'wait in queue Wq = ρ/(μ − λ)' : 'wait in queue Wq = C(c, a)/(cμ − λ)', m.wq, 'ms'),
        p('meanResponseMs', 'time in station W = Wq + 1/μ', m.w, 'ms'),
      ],
      poissonOut: true,
      admitted: 1,
      waitTail: (t) => erlangC(c, a) * Math.exp(-theta * t),
      lq: m.lq,
    };
  }
  if (c > 1) {
    return { id: 'closed-form', text: `${who}: no closed form for M/G/${c} (c > 1 workers with a service time that is not exponential)` };
  }
  const m = law.constant ? md1(lambda, law.meanMs) : mg1(lambda, law.meanMs, law.secondMoment);
  return {
    model: law.constant ? 'M/D/1' : 'M/G/1',
    predictions: [
      p('utilization', 'utilisation ρ', m.utilization, 'fraction'),
      p('meanWaitMs', 'wait in queue Wq = λE[S²]/(2(1 − ρ))', m.wq, 'ms'),
      p('meanResponseMs', 'time in station W = Wq + E[S]', m.w, 'ms'),
    ],
    poissonOut: false,
    admitted: 1,
    waitTail: (t) => mg1WaitTailBound(lambda, law, m.wq, t),
    lq: m.lq,
  };
}

/**
 * An upper bound on an M/G/1's P(Wq > t), good enough to say "practically never": Cantelli's
 * inequality with the wait's variance, from Takács' E[Wq²] = 2E[Wq]² + λE[S³]/(3(1 − ρ)).
 */
export function mg1WaitTailBound(lambda: number, law: ServiceLaw, wq: number, t: number): number {
  if (t <= wq) return 1;
  const rho = lambda * law.meanMs;
  const variance = wq * wq + (lambda * law.thirdMoment) / (3 * (1 - rho));
  return variance / (variance + (t - wq) * (t - wq));
}

/** The queue of `capacity` behind a solved station practically never fills (P(Nq ≥ K) negligible). */
function queueFills(s: Solved, c: number, capacity: number, rho: number, exponential: boolean): number {
  if (capacity === 0 || capacity === Infinity) return 0;
  // M/M/c: P(Nq ≥ K) = C(c, a)·ρ^K exactly; otherwise Markov's bound Lq/K.
  return exponential ? erlangC(c, rho * c) * Math.pow(rho, capacity) : Math.min(1, s.lq / capacity);
}

export interface ServerTheory extends StationTheory {
  /** Whether the server's completions (its calls downstream) are a Poisson stream: null if they are, else why not. */
  outputNotPoisson: string | null;
  admitted: number;
}

export function serverTheory(node: NodeOf<'server'>, inflow: Stream, scenario: Scenario, hasCalls: boolean): ServerTheory {
  const cfg = node.config;
  const t = station(node, inflow);
  const instances = instancesOf(node);
  const failed = arrivalFailures(node, inflow, scenario, instances);
  if (cfg.autoscale !== null) failed.push({ id: 'stationary', text: `${node.id} autoscales: its instances change over the run` });
  if (cfg.scaleSchedule.length > 0) failed.push({ id: 'stationary', text: `${node.id} scales on a schedule (scaleSchedule)` });
  if (cfg.io === 'blocking' && hasCalls) {
    failed.push({ id: 'no-blocking-calls', text: `${node.id} holds its worker while its downstream calls are out (io: blocking): a worker's time includes their response times` });
  }
  if (cfg.sessions === 'in-memory') failed.push({ id: 'known-service', text: `${node.id} rebuilds sessions on some requests (sessions: in-memory), how many depends on the balancer` });
  const lambda = totalPerMs(inflow) / instances;
  const law = serviceLaw(cfg.serviceTime);
  t.inputs = { arrivalsPerSecPerInstance: lambda * 1000, serviceMeanMs: law.meanMs, workers: cfg.concurrency, instances, rho: (lambda * law.meanMs) / cfg.concurrency };
  const out: ServerTheory = { ...t, failed, outputNotPoisson: `${node.id}'s completions are not the departures of an M/M/c with an unbounded queue`, admitted: 1 };
  if (failed.length > 0) return out;
  const solved = solve(cfg.concurrency, cfg.queueCapacity, lambda, law, node.id);
  if ('id' in solved) {
    out.failed.push(solved);
    return out;
  }
  const fills = queueFills(solved, cfg.concurrency, cfg.queueCapacity, t.inputs.rho, law.exponential);
  if (fills > NEGLIGIBLE && t.inputs.rho < 1) {
    out.failed.push({ id: 'unbounded-queue', text: `${node.id}'s queue (queueCapacity ${cfg.queueCapacity}) is full up to ${(fills * 100).toPrecision(2)}% of the time: an M/M/c/K, not the M/M/c` });
    return out;
  }
  out.model = solved.model;
  out.admitted = solved.admitted;
  out.predictions = [...solved.predictions, p('meanQueueLength', 'requests waiting, all instances, λWq', solved.lq * instances, 'requests')];
  if (solved.lq === Infinity) out.predictions.pop();
  if (hasCalls) {
    // The report's time at the node runs to the answer, downstream calls included (even with
    // async io, which frees the worker, not the request): W = Wq + S is the station's part only.
    out.predictions = out.predictions.filter((x) => x.field !== 'meanResponseMs');
    out.notes.push(`${node.id}'s time at the node includes its downstream calls, which the station's W = Wq + S leaves out`);
  }
  if (instances > 1) out.notes.push(`per instance: ${instances} instances, each with ${cfg.concurrency} workers and its own queue, at ${(lambda * 1000).toPrecision(4)}/s each`);
  if (solved.poissonOut) out.outputNotPoisson = null;
  return out;
}

export function databaseTheory(node: NodeOf<'database'>, inflow: Stream, scenario: Scenario): StationTheory {
  const cfg = node.config;
  const t = station(node, inflow);
  t.failed = arrivalFailures(node, inflow, scenario, 1);
  if (cfg.shards > 1) t.failed.push({ id: 'known-split', text: `${node.id} has ${cfg.shards} shards: each one's share depends on the ${cfg.sharding} of the keys` });
  if (cfg.readReplicas > 0) t.failed.push({ id: 'poisson-arrivals', text: `${node.id} sends reads round robin over its primary and ${cfg.readReplicas} replicas` });
  const total = totalPerMs(inflow);
  const writes = inflow.flows.reduce((a, f) => a + f.perMs * f.writeFraction, 0);
  const w = total > 0 ? writes / total : 0;
  let law = mixtureLaw(serviceLaw(cfg.readTime), serviceLaw(cfg.writeTime), w);
  if (!cfg.pooling) law = sumLaw(serviceLaw(cfg.connectTime), law);
  t.inputs = { arrivalsPerSec: total * 1000, writeFraction: w, serviceMeanMs: law.meanMs, connections: cfg.connections, rho: (total * law.meanMs) / cfg.connections };
  if (t.failed.length > 0) return t;
  const capacity = cfg.poolTimeoutMs > 0 ? Infinity : 0;
  const solved = solve(cfg.connections, capacity, total, law, node.id);
  if ('id' in solved) {
    t.failed.push(solved);
    return t;
  }
  if (capacity > 0 && t.inputs.rho < 1) {
    const gaveUp = solved.waitTail !== null ? solved.waitTail(cfg.poolTimeoutMs) : 1;
    if (gaveUp > NEGLIGIBLE) {
      t.failed.push({ id: 'unbounded-queue', text: `queries give up after poolTimeoutMs ${cfg.poolTimeoutMs} up to ${(gaveUp * 100).toPrecision(2)}% of the time: waiting is not unbounded` });
      return t;
    }
  }
  t.model = solved.model;
  t.predictions = solved.predictions.map((x) => (x.field === 'rejectedFraction' ? { ...x, field: 'poolTimeoutFraction', label: 'queries refused a connection, B(c, a)' } : x));
  const wq = solved.predictions.find((x) => x.field === 'meanWaitMs');
  if (wq !== undefined) t.predictions.push({ ...wq, field: 'poolWaitMs', label: 'wait for a connection' });
  if (solved.lq !== Infinity) t.predictions.push(p('meanQueueLength', 'queries waiting, λWq', solved.lq, 'requests'));
  return t;
}

/** The consumers of a queue as one pool of slots, when they are alike (SPEC §3.2 queue). */
function consumerLaw(queue: NodeOf<'queue'>, scenario: Scenario, nodes: Map<string, ScenarioNode>): { law: ServiceLaw; slots: number } | FailedAssumption {
  const { outEdges } = indexOf(scenario);
  const edges = outEdges.get(queue.id) ?? [];
  let law: ServiceLaw | null = null;
  let slots = 0;
  for (const e of edges) {
    const n = nodes.get(e.to)!;
    if (n.kind !== 'server') return { id: 'closed-form', text: `${queue.id}'s consumer ${n.id} is a ${n.kind}, not a server with a service time` };
    const c = n.config;
    if (c.errorRate > 0) return { id: 'no-feedback', text: `${n.id} fails messages (errorRate ${c.errorRate}) and ${queue.id} redelivers them` };
    if (c.io === 'blocking' && (outEdges.get(n.id) ?? []).length > 0) {
      return { id: 'no-blocking-calls', text: `${n.id} holds its worker while its downstream calls are out (io: blocking)` };
    }
    if (c.autoscale !== null || c.scaleSchedule.length > 0) return { id: 'stationary', text: `${n.id}'s instances change over the run` };
    // A slot is held from the pull to the answer: the network both ways and the work.
    const latency = serviceLaw(e.config.latency);
    const hold = sumLaw(sumLaw(latency, serviceLaw(c.serviceTime)), latency);
    if (law !== null && (law.meanMs !== hold.meanMs || law.secondMoment !== hold.secondMoment)) {
      return { id: 'closed-form', text: `${queue.id}'s consumers take different times: no closed form for unlike servers` };
    }
    law = hold;
    slots += instancesOf(n) * c.concurrency;
  }
  if (law === null) return { id: 'traffic', text: `${queue.id} has no consumers` };
  return { law, slots };
}

export function queueTheory(node: NodeOf<'queue'>, inflow: Stream, scenario: Scenario, nodes: Map<string, ScenarioNode>): StationTheory {
  const cfg = node.config;
  const t = station(node, inflow);
  t.failed = arrivalFailures(node, inflow, scenario, 1);
  if (cfg.batchSize > 1) t.failed.push({ id: 'closed-form', text: `${node.id}'s consumers pull batches of ${cfg.batchSize}: no closed form for batch service` });
  const consumers = consumerLaw(node, scenario, nodes);
  if ('id' in consumers) {
    t.failed.push(consumers);
    return t;
  }
  const lambda = totalPerMs(inflow);
  const { law, slots } = consumers;
  t.inputs = { arrivalsPerSec: lambda * 1000, slots, holdMeanMs: law.meanMs, rho: (lambda * law.meanMs) / slots };
  if (t.failed.length > 0) return t;
  const solved = solve(slots, cfg.capacity, lambda, law, node.id);
  if ('id' in solved) {
    t.failed.push(solved);
    return t;
  }
  const fills = queueFills(solved, slots, cfg.capacity, t.inputs.rho, law.exponential);
  if (fills > NEGLIGIBLE && t.inputs.rho < 1) {
    t.failed.push({ id: 'unbounded-queue', text: `${node.id} (capacity ${cfg.capacity}) is full up to ${(fills * 100).toPrecision(2)}% of the time` });
    return t;
  }
  t.model = solved.model;
  t.notes.push(`one FIFO in ${node.id} served by ${slots} consumer workers`);
  for (const x of solved.predictions) {
    if (x.field === 'meanResponseMs') t.predictions.push({ ...x, field: 'processingLatencyMs.mean', label: 'enqueue to done, W' });
    else t.predictions.push(x);
  }
  if (law.exponential && t.inputs.rho < 1) {
    const mu = 1 / law.meanMs;
    t.predictions.push(p('processingLatencyMs.p99', 'enqueue to done, p99 (Erlang C)', mmcTimeQuantile(lambda, mu, slots, 0.99), 'ms'));
    t.predictions.push(p('processingLatencyMs.p50', 'enqueue to done, p50 (Erlang C)', mmcTimeQuantile(lambda, mu, slots, 0.5), 'ms'));
  }
  if (solved.lq !== Infinity) t.predictions.push(p('meanDepth', 'messages waiting, λWq', solved.lq, 'requests'));
  return t;
}
