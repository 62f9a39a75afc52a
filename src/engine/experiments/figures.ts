/**
 * Figures read out of reports by name: a dotted path into the report
 * (`latencyMs.p99`, `nodes.jobs.processingLatencyMs.p99`) or a derived headline figure
 * (`errorRate`). What the Sweep panel plots and the A/B view compares.
 */
import type { Report } from '../api';

/** Figures that are not a field of the report but computed from it. */
const DERIVED: Record<string, (r: Report) => number> = {
  /** The fraction of finished requests that were not ok. */
  errorRate: (r) => {
    const q = r.requests;
    const done = q.ok + q.error + q.rejected + q.timeout;
    return done > 0 ? (q.error + q.rejected + q.timeout) / done : 0;
  },
};

/** The number at `path` in `report` (or a derived figure); NaN when there is none. */
export function figureOf(report: Report, path: string): number {
  const derived = Object.prototype.hasOwnProperty.call(DERIVED, path) ? DERIVED[path] : undefined;
  if (derived !== undefined) return derived(report);
  let cur: unknown = report;
  for (const s of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, s)) return NaN;
    cur = (cur as Record<string, unknown>)[s];
  }
  return typeof cur === 'number' ? cur : NaN;
}

/** The headline figures of a run: what the A/B view compares, and the Sweep panel's default lines. */
export const HEADLINE_FIGURES = [
  { id: 'latencyMs.mean', label: 'mean latency', unit: 'ms' },
  { id: 'latencyMs.p50', label: 'p50 latency', unit: 'ms' },
  { id: 'latencyMs.p95', label: 'p95 latency', unit: 'ms' },
  { id: 'latencyMs.p99', label: 'p99 latency', unit: 'ms' },
  { id: 'throughputRps', label: 'throughput', unit: 'rps' },
  { id: 'errorRate', label: 'error rate', unit: 'fraction' },
] as const;

export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number]['id'];
