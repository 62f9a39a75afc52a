/**
 * The lesson harness: runs a gallery document headless, as the app's worker would, and keeps
 * both the final report and the run's frames in one-second bins, so a check can ask what
 * happened in a stretch of simulated time (after a fault, after a traffic step) as the
 * charts show it.
 */
import { createSimulation, type NodeFrame, type Report } from '../../src/engine';
import { formatErrors, parseScenario, type ScenarioInput } from '../../src/model';
import { applyTryChanges, type GalleryEntry } from '../../src/model/gallery';

interface Bin {
  fromMs: number;
  toMs: number;
  finished: number;
  failed: number;
  /** Sum of the latencies of the bin's ok requests (mean × count). */
  okLatencySum: number;
  /** The bin's p99 latency of ok requests, as the latency chart draws it. */
  p99: number;
  /** Each node's live figures over the bin, as the canvas shows them. */
  nodes: Record<string, NodeFrame>;
}

export interface Observation {
  report: Report;
  bins: Bin[];
}

export interface Stretch {
  finished: number;
  errorRate: number;
  meanLatencyMs: number;
}

/** One-second bins, unless a check needs finer ones (`binMs`). */
const BIN_MS = 1000;

export function observe(document: ScenarioInput, overrides: { seed?: number; durationMs?: number; binMs?: number } = {}): Observation {
  const parsed = parseScenario(document);
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors));
  const { binMs = BIN_MS, ...runOverrides } = overrides;
  const sim = createSimulation(parsed.scenario, runOverrides);
  const bins: Bin[] = [];
  // As the app's pacer does: the first bin counts from the start too.
  sim.startFrames();
  while (!sim.finished) {
    const fromMs = sim.nowMs;
    sim.runUntil(Math.min(sim.durationMs, fromMs + binMs));
    const frame = sim.takeFrame();
    const failed = Math.round(frame.completed * frame.errorRate);
    bins.push({
      fromMs,
      toMs: sim.nowMs,
      finished: frame.completed,
      failed,
      okLatencySum: frame.latencyMs !== null ? frame.latencyMs.mean * (frame.completed - failed) : 0,
      p99: frame.latencyMs !== null ? frame.latencyMs.p99 : 0,
      nodes: frame.nodes,
    });
  }
  return { report: sim.report(), bins };
}

/** The entry's document with its "what to try" change made. */
export function tried(entry: GalleryEntry): ScenarioInput {
  return applyTryChanges(entry.document, entry.tryChanges);
}

/** Aggregates of the requests that finished in [fromMs, toMs) of simulated time. */
export function stretch(o: Observation, fromMs: number, toMs: number): Stretch {
  let finished = 0;
  let failed = 0;
  let latency = 0;
  for (const b of o.bins) {
    if (b.fromMs < fromMs || b.toMs > toMs) continue;
    finished += b.finished;
    failed += b.failed;
    latency += b.okLatencySum;
  }
  return {
    finished,
    errorRate: finished > 0 ? failed / finished : 0,
    meanLatencyMs: finished - failed > 0 ? latency / (finished - failed) : 0,
  };
}

/** Mean response time of an M/M/c queue (Erlang C), in the units of `serviceMs`. */
export function mmcResponse(c: number, ratePerMs: number, serviceMs: number): number {
  const a = ratePerMs * serviceMs;
  const rho = a / c;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = ((term * a) / c) / (1 - rho);
  const waitProbability = last / (sum + last);
  return serviceMs + (waitProbability * serviceMs) / (c - a);
}

/** Blocking probability of an M/M/c/K queue (K places in all, busy or waiting). */
export function mmckBlocking(c: number, K: number, ratePerMs: number, serviceMs: number): number {
  const a = ratePerMs * serviceMs;
  const p: number[] = [1];
  for (let n = 1; n <= K; n++) p.push((p[n - 1] * a) / Math.min(n, c));
  const total = p.reduce((x, y) => x + y, 0);
  return p[K] / total;
}

/**
 * Mean response time of a G/M/1 queue whose arrivals are Erlang-k with rate λ (every k-th
 * arrival of a Poisson stream, as round robin over k servers makes): exponential with rate
 * μ(1 − σ), where σ solves σ = (kλ / (kλ + μ(1 − σ)))^k.
 */
export function erlangArrivalsResponse(k: number, ratePerMs: number, serviceMs: number): number {
  const mu = 1 / serviceMs;
  const stage = k * ratePerMs;
  let sigma = 0.5;
  for (let i = 0; i < 10_000; i++) sigma = (stage / (stage + mu * (1 - sigma))) ** k;
  return 1 / (mu * (1 - sigma));
}
