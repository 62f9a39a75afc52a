/**
 * An experiment: replications of one document, a sweep of one field, or both (SPEC §4.1).
 * Planning validates every point up front (schema, runnability, the cost budget, per run);
 * a job is one run, a pure function of (point, seed), so any host can run the jobs in any
 * order on any number of threads (the CLI's worker threads, the app's Web Workers) and the
 * collector assembles them in order: the same seeds give the same output.
 */
import { checkBudget, estimateCost, type Scenario } from '../../model';
import type { Report } from '../api';
import { checkRunnable } from '../runnable';
import { SimulationRun } from '../simulation';
import { ExperimentCollector } from './collector';
import type { ExperimentJob, ExperimentOptions, ExperimentPlan, ExperimentPoint, ExperimentResult, PlanFailure, PlanResult, PointProblem } from './plan';
import { sweepPoint, sweepValues } from './sweep';

/** The most replications of one point (SPEC §4.1). */
export const MAX_REPLICATIONS = 1000;

export type {
  ExperimentJob,
  ExperimentOptions,
  ExperimentPlan,
  ExperimentPoint,
  ExperimentResult,
  PlanFailure,
  PlanResult,
  PointProblem,
  SweepPointResult,
  SweepResult,
} from './plan';
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
