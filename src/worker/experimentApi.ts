/**
 * What one experiment worker does (issue 12's Sweep panel, SPEC §4.1): plan an experiment —
 * replications of the design, a sweep of one field, or both — with the very planner the CLI
 * uses, then run the jobs it is handed, one at a time. Every worker of a pool plans the same
 * experiment itself (planning is deterministic), so only job numbers and reports cross
 * threads. Transport-free: `experimentWorker.ts` exposes it in a Web Worker, the tests call it
 * directly.
 */
import { DEFAULT_BUDGET, estimateCost, type Scenario } from '../model';
import { planExperiment, runJob, type ExperimentJob, type ExperimentPlan, type PlanFailure, type SweepSpec } from '../engine/experiments';
import type { Report } from '../engine/api';

/**
 * The most events a whole experiment may take in the browser, all runs together: at 4–7
 * million events a second per core, a minute or two on a laptop. A larger one is refused
 * before it starts, naming what to change.
 */
export const MAX_EXPERIMENT_EVENTS = 1_000_000_000;

export interface ExperimentRequest {
  scenario: Scenario;
  /** Runs per point, 1 to 1000; seeds seed, seed + 1, … as on the command line. */
  replications: number;
  sweep?: SweepSpec;
}

/** A plan without its documents: what the page needs to hand out jobs and gather reports. */
export interface PlanOutline {
  points: { value: number | null; seed: number }[];
  jobs: ExperimentJob[];
  replications: number;
  sweepPath: string | null;
  /** The cost model's estimate of every run's events, summed. */
  estimatedEvents: number;
}

export type Prepared =
  | { ok: true; outline: PlanOutline }
  /** A point cannot run: the same reasons the CLI gives, per point. */
  | { ok: false; reason: 'points'; failures: PlanFailure[] }
  /** The whole experiment is too large to run here. */
  | { ok: false; reason: 'too-large'; estimatedEvents: number; limit: number };

export interface ExperimentWorkerApi {
  /** Plans the experiment and keeps the plan for {@link run}. */
  prepare(request: ExperimentRequest): Prepared;
  /** Runs job `index` of the prepared plan to its end; throws when it fails. */
  run(index: number): Report;
}

export function outlineOf(plan: ExperimentPlan, estimatedEvents: number): PlanOutline {
  return {
    points: plan.points.map((p) => ({ value: p.value, seed: p.seed })),
    jobs: plan.jobs,
    replications: plan.replications,
    sweepPath: plan.sweepPath,
    estimatedEvents,
  };
}

export function createExperimentApi(): ExperimentWorkerApi {
  let plan: ExperimentPlan | null = null;
  return {
    prepare(request) {
      plan = null;
      // Each run must fit the budget one run of the app may take, as on the command line.
      const planned = planExperiment(request.scenario, { replications: request.replications, sweep: request.sweep, budget: DEFAULT_BUDGET });
      if (!planned.ok) return { ok: false, reason: 'points', failures: planned.failures };
      let events = 0;
      for (const p of planned.plan.points) events += estimateCost(p.scenario).totalEvents * planned.plan.replications;
      if (events > MAX_EXPERIMENT_EVENTS) return { ok: false, reason: 'too-large', estimatedEvents: events, limit: MAX_EXPERIMENT_EVENTS };
      plan = planned.plan;
      return { ok: true, outline: outlineOf(plan, events) };
    },
    run(index) {
      if (plan === null) throw new Error('no experiment is prepared');
      const job = plan.jobs[index];
      if (job === undefined) throw new RangeError(`job ${index} is not in the plan`);
      return runJob(plan, job);
    },
  };
}
