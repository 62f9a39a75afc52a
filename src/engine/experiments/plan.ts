/**
 * The shapes of an experiment: its options, its plan of jobs, why a point cannot run, and
 * what it returns. Apart from the planner and the collector, which both speak them.
 */
import type { BudgetCheck, Budget, FieldError, Scenario } from '../../model';
import type { Report } from '../api';
import type { ReplicatedReport } from './aggregate';
import type { SweepSpec } from './sweep';

export interface ExperimentOptions {
  /** Runs per point, seeds seed, seed + 1, …; 1 (the default) is a single run with no interval. */
  replications?: number;
  sweep?: SweepSpec;
  /** The first seed (default: the document's, or each point's when the sweep varies `seed`). */
  seed?: number;
  durationMs?: number;
  /** The cost budget each run must fit in; none checks nothing. */
  budget?: Budget;
}

export interface ExperimentPoint {
  /** The swept field's value; null without a sweep. */
  value: number | null;
  scenario: Scenario;
  /** The first seed of the point's replications. */
  seed: number;
}

/** One run: a point and a seed. */
export interface ExperimentJob {
  /** Position in {@link ExperimentPlan.jobs}. */
  index: number;
  point: number;
  replication: number;
  seed: number;
}

export interface ExperimentPlan {
  points: ExperimentPoint[];
  jobs: ExperimentJob[];
  replications: number;
  /** The swept path; null without a sweep. */
  sweepPath: string | null;
  durationMs: number | undefined;
}

/** Why a point cannot run: what a document would be refused for. */
export type PointProblem =
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'not-runnable'; problems: string[] }
  | { kind: 'over-budget'; check: BudgetCheck }
  | { kind: 'seed'; message: string };

export interface PlanFailure {
  /** The point's number (from 1) and value; null without a sweep. */
  point: number | null;
  value: number | null;
  problem: PointProblem;
}

export type PlanResult = { ok: true; plan: ExperimentPlan } | { ok: false; failures: PlanFailure[] };

export interface SweepPointResult {
  value: number;
  report: Report | ReplicatedReport;
}

/** `{"sweep": {"path": PATH, "points": [{"value": v, "report": {…}}, …]}}` (SPEC §4.1). */
export interface SweepResult {
  sweep: { path: string; points: SweepPointResult[] };
}

export type ExperimentResult = Report | ReplicatedReport | SweepResult;
