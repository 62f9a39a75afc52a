/**
 * Puts an experiment's reports together in order, whatever order they come in. Apart from the
 * planner and the runner (which build engines) so that a host that only gathers results — the
 * app's worker pool on the page — loads the statistics and nothing of the simulation.
 */
import type { Report } from '../api';
import { aggregateReports, type ReplicatedReport } from './aggregate';
import type { ExperimentJob, ExperimentPlan, ExperimentResult } from './plan';

/** What the collector needs of a plan: its points' values and its jobs (no documents). */
export interface CollectedPlan {
  points: readonly { value: number | null }[];
  jobs: readonly Pick<ExperimentJob, 'point' | 'replication'>[];
  replications: number;
  sweepPath: string | null;
}

// A full plan is a collected plan: the planner's output goes in as it is.
type _PlanFits = ExperimentPlan extends CollectedPlan ? true : never;
const _planFits: _PlanFits = true;
void _planFits;

/** Names a job for a message: `point 3 (nodes.web.config.replicas = 4), seed 45`. */
export function describeJob(plan: CollectedPlan, job: Pick<ExperimentJob, 'point' | 'replication' | 'seed'>): string {
  const p = plan.points[job.point];
  const where = p.value === null ? `replication ${job.replication + 1}` : `point ${job.point + 1} (${plan.sweepPath} = ${p.value})`;
  return `${where}, seed ${job.seed}`;
}

/**
 * Gathers a plan's reports as they come, in any order, and assembles the result in order.
 * A point's reports are reduced to its aggregate as soon as the last one arrives, so a long
 * sweep holds only the points still in progress.
 */
export class ExperimentCollector {
  private readonly pending: (Report | undefined)[][];
  private readonly missing: number[];
  private readonly results: (Report | ReplicatedReport | undefined)[];
  private remaining: number;

  constructor(private readonly plan: CollectedPlan) {
    this.pending = plan.points.map(() => new Array<Report | undefined>(plan.replications));
    this.missing = plan.points.map(() => plan.replications);
    this.results = plan.points.map(() => undefined);
    this.remaining = plan.jobs.length;
  }

  /** Jobs still to report. */
  get outstanding(): number {
    return this.remaining;
  }

  /**
   * Takes job `jobIndex`'s report. Gives the point's number (from 0) when this report was
   * the point's last, so a host can show each point as soon as it is whole; null otherwise.
   */
  add(jobIndex: number, report: Report): number | null {
    const job = this.plan.jobs[jobIndex];
    if (job === undefined) throw new RangeError(`job ${jobIndex} is not in the plan`);
    const slot = this.pending[job.point];
    if (slot === undefined || slot[job.replication] !== undefined) throw new Error(`job ${jobIndex} reported twice`);
    slot[job.replication] = report;
    this.remaining--;
    if (--this.missing[job.point] > 0) return null;
    const reports = slot as Report[];
    this.results[job.point] = this.plan.replications > 1 ? aggregateReports(reports) : reports[0];
    this.pending[job.point] = [];
    return job.point;
  }

  /** A whole point's report (its aggregate when replicated); undefined while runs are missing. */
  point(index: number): Report | ReplicatedReport | undefined {
    return this.results[index];
  }

  /** The experiment's output (SPEC §4.1); every job must have reported. */
  result(): ExperimentResult {
    if (this.remaining > 0) throw new Error(`${this.remaining} run(s) have not reported`);
    const reports = this.results as (Report | ReplicatedReport)[];
    if (this.plan.sweepPath === null) return reports[0];
    return {
      sweep: {
        path: this.plan.sweepPath,
        points: this.plan.points.map((p, i) => ({ value: p.value!, report: reports[i] })),
      },
    };
  }
}
