/**
 * Experiments over whole runs (SPEC §4.1): replications with confidence intervals, sweeps
 * of one field, paired comparisons of two designs on common random numbers. Pure: hosts
 * (the CLI's worker threads, the app's Web Workers) run the jobs; these modules plan them
 * and put the reports together.
 */
export { aggregateReports, type Ci95Interval, type ReplicatedReport } from './aggregate';
export {
  describeJob,
  ExperimentCollector,
  MAX_REPLICATIONS,
  planExperiment,
  runExperiment,
  runJob,
  runScenario,
  type ExperimentJob,
  type ExperimentOptions,
  type ExperimentPlan,
  type ExperimentPoint,
  type ExperimentResult,
  type PlanFailure,
  type PlanResult,
  type PointProblem,
  type SweepPointResult,
  type SweepResult,
} from './experiment';
export { MAX_SWEEP_POINTS, parseSweep, setAtPath, sweepPoint, sweepValues, type SweepParse, type SweepSpec } from './sweep';
export { incompleteBeta, lnGamma, meanInterval, studentTQuantile, studentTTwoSidedTail, type MeanInterval } from './studentT';
export { figureOf, HEADLINE_FIGURES, type HeadlineFigure } from './figures';
export { halfWidthOf, sweepThreshold, type ThresholdOptions } from './threshold';
export {
  compareDesigns,
  pairedComparison,
  welchHalfWidth,
  type CompareOptions,
  type FigureComparison,
  type PairedComparison,
} from './paired';
