/**
 * Which kept trace to show: the list of the slowest requests, and the request behind a point
 * of the p99 line (the slowest that finished in that point's window, or the nearest one).
 */
import type { RequestTrace, TraceSet } from '../../worker/protocol';

/** Every kept request once (one can be both sampled and the slowest of its window), finished ones first, slowest first. */
export function slowestFirst(set: TraceSet): RequestTrace[] {
  const byId = new Map<number, RequestTrace>();
  for (const t of [...set.slowest, ...set.sampled]) if (!byId.has(t.requestId)) byId.set(t.requestId, t);
  return [...byId.values()].sort((a, b) => (b.latencyMs ?? -1) - (a.latencyMs ?? -1) || a.requestId - b.requestId);
}

/**
 * The request behind the chart's point at `tMs`, whose window is the `windowMs` before it:
 * the slowest kept request that finished in that window; else the kept request that finished
 * nearest to it. Null when nothing finished yet.
 */
export function traceNear(set: TraceSet, tMs: number, windowMs: number): RequestTrace | null {
  const finished = slowestFirst(set).filter((t) => t.finishedAtMs !== null);
  const inWindow = finished.find((t) => t.finishedAtMs! > tMs - windowMs && t.finishedAtMs! <= tMs);
  if (inWindow !== undefined) return inWindow;
  let best: RequestTrace | null = null;
  for (const t of finished) {
    if (best === null || Math.abs(t.finishedAtMs! - tMs) < Math.abs(best.finishedAtMs! - tMs)) best = t;
  }
  return best;
}
