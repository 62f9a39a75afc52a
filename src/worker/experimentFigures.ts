/**
 * The pure pieces of the experiment code the page uses beside the pool: reading figures out of
 * reports, their intervals, the threshold a sweep answers, a sweep's values. None of them
 * builds an engine; the runs themselves happen only in the pool's workers.
 */
export { figureOf, HEADLINE_FIGURES, type HeadlineFigure } from '../engine/experiments/figures';
export { halfWidthOf, sweepThreshold } from '../engine/experiments/threshold';
export { meanInterval, type MeanInterval } from '../engine/experiments/studentT';
export { sweepValues, type SweepSpec } from '../engine/experiments/sweep';
export type { ReplicatedReport } from '../engine/experiments/aggregate';
export type { ExperimentResult, SweepResult } from '../engine/experiments/experiment';
