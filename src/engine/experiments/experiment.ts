/**
 * An experiment: replications of one document, a sweep of one field, or both (SPEC §4.1).
 * Planning validates every point up front (schema, runnability, the cost budget, per run);
 * a job is one run, a pure function of (point, seed), so any host can run the jobs in any
 * order on any number of threads (the CLI's worker threads, the app's Web Workers) and the
 * collector assembles them in order: the same seeds give the same output.
 */
import { checkBudget, estimateCost, type Budget, type BudgetCheck, type FieldError, type Scenario } from '../../model';
import type { Report } from '../api';
import { checkRunnable } from '../runnable';
import { SimulationRun } from '../simulation';
import type { ReplicatedReport } from './aggregate';
import { ExperimentCollector } from './collector';
import { sweepPoint, sweepValues, type SweepSpec } from './sweep';

/** The most replications of one point (SPEC §4.1). */
export const MAX_REPLICATIONS = 1000;

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

export { describeJob, ExperimentCollector, type CollectedPlan } from './collector';

/** Validates every point of an experiment and lists its runs in order. */
export function planExperiment(scenario: Scenario, options: ExperimentOptions = {}): PlanResult {
  const replications = options.replications ?? 1;
  if (!Number.isInteger(replications) || replications < 1 || replications > MAX_REPLICATIONS) {
    throw new RangeError(`replications: ${replications} is not an integer from 1 to ${MAX_REPLICATIONS}`);
  }
  const values: (number | null)[] = options.sweep !== undefined ? sweepValues(options.sweep) : [null];
  const points: ExperimentPoint[] = [];
  const failures: PlanFailure[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const fail = (problem: PointProblem) => failures.push({ point: value === null ? null : i + 1, value, problem });
    let doc = scenario;
    if (value !== null) {
      const r = sweepPoint(scenario, options.sweep!.path, value);
      if (!r.ok) {
        fail({ kind: 'invalid', errors: r.errors });
        continue;
      }
      doc = r.scenario;
    }
    const seed = options.seed ?? doc.seed;
    if (!Number.isSafeInteger(seed + replications - 1)) {
      fail({ kind: 'seed', message: `seeds ${seed} to ${seed} + ${replications - 1} go past the largest safe integer` });
      continue;
    }
    const durationMs = options.durationMs ?? doc.durationMs;
    if (durationMs <= doc.warmupMs) {
      fail({ kind: 'invalid', errors: [{ path: 'durationMs', message: `must be more than warmupMs (${doc.warmupMs}), got ${durationMs}` }] });
      continue;
    }
    const problems = checkRunnable(doc);
    if (problems.length > 0) {
      fail({ kind: 'not-runnable', problems });
      continue;
    }
    if (options.budget !== undefined) {
      const check = checkBudget(estimateCost(doc, { durationMs: options.durationMs }), options.budget);
      if (check.memory.length > 0 || check.events.length > 0) {
        fail({ kind: 'over-budget', check });
        continue;
      }
    }
    points.push({ value, scenario: doc, seed });
  }
  if (failures.length > 0) return { ok: false, failures };
  const jobs: ExperimentJob[] = [];
  points.forEach((p, point) => {
    for (let r = 0; r < replications; r++) jobs.push({ index: jobs.length, point, replication: r, seed: p.seed + r });
  });
  return {
    ok: true,
    plan: { points, jobs, replications, sweepPath: options.sweep?.path ?? null, durationMs: options.durationMs },
  };
}

/** One run of a point's document with a seed, to its end. Its `wallMs` is 0 (see aggregate.ts). */
export function runScenario(scenario: Scenario, seed: number, durationMs?: number): Report {
  const problems = checkRunnable(scenario);
  if (problems.length > 0) throw new Error(`The scenario cannot run:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  const sim = new SimulationRun(scenario, { seed, durationMs });
  sim.runToEnd();
  return sim.report(0);
}

/** Runs one job of a plan. */
export function runJob(plan: ExperimentPlan, job: ExperimentJob): Report {
  return runScenario(plan.points[job.point].scenario, job.seed, plan.durationMs);
}

/** Runs a whole plan here, one job after another: the reference every parallel host must equal. */
export function runExperiment(plan: ExperimentPlan): ExperimentResult {
  const collector = new ExperimentCollector(plan);
  for (const job of plan.jobs) collector.add(job.index, runJob(plan, job));
  return collector.result();
}
