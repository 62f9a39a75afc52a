/**
 * The answer a sweep is run for: the smallest (or largest) setting that keeps a figure under
 * a target — "how many replicas hold p99 under 55 ms at 300 rps".
 */
import type { Report } from '../api';
import type { ReplicatedReport } from './aggregate';
import { figureOf } from './figures';

export interface ThresholdOptions {
  /**
   * `mean` (default): the point's mean must be under the target. `confident`: the upper end
   * of its 95% interval must be (without replications there is no interval and it is the mean).
   */
  rule?: 'mean' | 'confident';
  /** Which end of the sweep to look from: the smallest value that holds (default) or the largest. */
  want?: 'smallest' | 'largest';
}

/** The figure's interval half-width in a replicated report; 0 for a single run. */
export function halfWidthOf(report: Report | ReplicatedReport, path: string): number {
  if (!('ci95' in report)) return 0;
  let cur: unknown = report.ci95;
  for (const s of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, s)) return NaN;
    cur = (cur as Record<string, unknown>)[s];
  }
  return typeof cur === 'number' ? cur : NaN;
}

/**
 * The smallest swept value whose `figure` is at most `target` (or, with `want: 'largest'`,
 * the largest); null when no point holds.
 */
export function sweepThreshold(
  points: readonly { value: number; report: Report | ReplicatedReport }[],
  figure: string,
  target: number,
  options: ThresholdOptions = {},
): number | null {
  const holds = (r: Report | ReplicatedReport) => {
    const v = figureOf(r, figure);
    const upper = options.rule === 'confident' ? v + halfWidthOf(r, figure) : v;
    return upper <= target;
  };
  const passing = points.filter((p) => holds(p.report)).map((p) => p.value);
  if (passing.length === 0) return null;
  return options.want === 'largest' ? Math.max(...passing) : Math.min(...passing);
}
