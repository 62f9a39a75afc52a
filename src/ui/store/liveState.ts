/**
 * The canvas's view of a run: each node's and each edge's latest state, with rates and
 * fractions smoothed over about a simulated second (one 100 ms window of a few dozen requests
 * is too noisy to read). Pure functions of the previous state and a frame.
 */
import type { EdgeFrame, Frame, NodeFrame } from '../../worker/protocol';

/** Time constant of the smoothing, simulated ms. */
export const SMOOTHING_MS = 1000;

/** A node's state on the canvas: the latest frame's, with rates smoothed. */
export interface LiveNode extends NodeFrame {
  /** Arrivals per simulated second. */
  rateRps: number;
  /** Caches and CDNs: hit rate over about the last second (null while no read came). */
  hitRateSmoothed: number | null;
  /** Rate limits: requests refused and let through per second. */
  limitedRps: number;
  allowedRps: number;
  /** Answers this node's own calls got per second: ok, and failed (error, rejected, timeout). */
  callsOkRps: number;
  callsFailedRps: number;
}

/** An edge's traffic on the canvas, per simulated second. */
export interface LiveEdge {
  callsPerSec: number;
  retriesPerSec: number;
  okPerSec: number;
  errorPerSec: number;
  rejectedPerSec: number;
  timeoutPerSec: number;
  shortCircuitedPerSec: number;
  /** Failed answers ÷ all answers (0 when none came). */
  failRate: number;
  circuitState: EdgeFrame['circuitState'];
  circuitOpenedAtMs: number | null;
}

function ease(before: number | undefined, now: number, weight: number): number {
  return before === undefined ? now : before + weight * (now - before);
}

export function smoothEdges(prev: Record<string, LiveEdge>, frame: Frame, weight: number): Record<string, LiveEdge> {
  const perSec = 1000 / frame.windowMs;
  const next: Record<string, LiveEdge> = {};
  for (const id in frame.edges) {
    const e = frame.edges[id];
    const b = prev[id];
    const live: LiveEdge = {
      callsPerSec: ease(b?.callsPerSec, e.calls * perSec, weight),
      retriesPerSec: ease(b?.retriesPerSec, e.retries * perSec, weight),
      okPerSec: ease(b?.okPerSec, e.ok * perSec, weight),
      errorPerSec: ease(b?.errorPerSec, e.error * perSec, weight),
      rejectedPerSec: ease(b?.rejectedPerSec, e.rejected * perSec, weight),
      timeoutPerSec: ease(b?.timeoutPerSec, e.timeout * perSec, weight),
      shortCircuitedPerSec: ease(b?.shortCircuitedPerSec, e.shortCircuited * perSec, weight),
      failRate: 0,
      circuitState: e.circuitState,
      circuitOpenedAtMs: e.circuitOpenedAtMs,
    };
    const ok = live.okPerSec;
    const bad = live.errorPerSec + live.rejectedPerSec + live.timeoutPerSec;
    live.failRate = ok + bad > 0 ? bad / (ok + bad) : 0;
    next[id] = live;
  }
  return next;
}

export function smoothNodes(
  prev: Record<string, LiveNode>,
  frame: Frame,
  edges: Record<string, LiveEdge>,
  edgeFrom: ReadonlyMap<string, string>,
  weight: number,
): Record<string, LiveNode> {
  const perSec = 1000 / frame.windowMs;
  const callsOk: Record<string, number> = {};
  const callsFailed: Record<string, number> = {};
  for (const id in edges) {
    const from = edgeFrom.get(id);
    if (from === undefined) continue;
    const e = edges[id];
    callsOk[from] = (callsOk[from] ?? 0) + e.okPerSec;
    callsFailed[from] = (callsFailed[from] ?? 0) + e.errorPerSec + e.rejectedPerSec + e.timeoutPerSec;
  }
  const next: Record<string, LiveNode> = {};
  for (const id in frame.nodes) {
    const n = frame.nodes[id];
    const b = prev[id];
    let hitRate = b?.hitRateSmoothed ?? null;
    if (n.hits !== undefined && n.hits + n.misses! > 0) hitRate = hitRate === null ? n.hitRate! : hitRate + weight * (n.hitRate! - hitRate);
    next[id] = {
      ...n,
      utilization: ease(b?.utilization, n.utilization, weight),
      rateRps: ease(b?.rateRps, n.arrivals * perSec, weight),
      hitRateSmoothed: hitRate,
      limitedRps: ease(b?.limitedRps, (n.rateLimit?.limited ?? 0) * perSec, weight),
      allowedRps: ease(b?.allowedRps, (n.rateLimit?.allowed ?? 0) * perSec, weight),
      callsOkRps: callsOk[id] ?? 0,
      callsFailedRps: callsFailed[id] ?? 0,
    };
  }
  return next;
}

/** The weight of a new frame of `windowMs` against the smoothed past. */
export function smoothingWeight(windowMs: number): number {
  return 1 - Math.exp(-windowMs / SMOOTHING_MS);
}
