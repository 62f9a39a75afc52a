/**
 * What a sweep point shows: each headline figure (mean, p50, p99 latency, throughput, error
 * rate) as the mean across the point's replications with the half-width of its 95% Student-t
 * interval — the CLI's numbers for the report's fields, and the same rule for the error rate,
 * which the report derives rather than carries.
 */
import { figureOf, meanInterval, type HeadlineFigure } from '../../worker/experimentFigures';
import type { Report } from '../../worker/protocol';

/** The figures the panel draws and tabulates, in order. */
export const SWEEP_FIGURES = ['latencyMs.mean', 'latencyMs.p50', 'latencyMs.p99', 'throughputRps', 'errorRate'] as const satisfies readonly HeadlineFigure[];
export type SweepFigure = (typeof SWEEP_FIGURES)[number];

export interface FigureInterval {
  mean: number;
  /** NaN with a single replication: one run has no spread to make an interval from. */
  half: number;
}

export type PointFigures = Record<SweepFigure, FigureInterval>;

/** One run's figures, in {@link SWEEP_FIGURES} order. */
export function runFigures(report: Report): number[] {
  return SWEEP_FIGURES.map((f) => figureOf(report, f));
}

/** A point's figures from its runs' figures, in replication order (the order fixes the sums' last bits). */
export function pointFigures(runs: readonly (readonly number[])[]): PointFigures {
  const out = {} as PointFigures;
  SWEEP_FIGURES.forEach((f, i) => {
    const m = meanInterval(runs.map((r) => r[i]));
    out[f] = { mean: m.mean, half: m.halfWidth };
  });
  return out;
}
