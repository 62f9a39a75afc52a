/**
 * Runs an experiment over a pool of workers, each a whole engine of its own (Web Workers in
 * the app, anything with the same three calls in the tests). Jobs go to whichever worker is
 * free, in plan order; reports come back tagged with their job and the collector puts them
 * in order, so the result is the same whatever the number of workers or the order they
 * finish in — the CLI's seeds, the CLI's numbers. A point is handed on as soon as its last
 * run reports, so a sweep draws itself as it goes; cancelling stops every worker at once.
 */
import { describeJob, ExperimentCollector } from '../engine/experiments/collector';
import type { ReplicatedReport } from '../engine/experiments/aggregate';
import type { ExperimentResult } from '../engine/experiments/experiment';
import type { Report } from '../engine/api';
import type { ExperimentRequest, PlanOutline, Prepared } from './experimentApi';

/** One worker of the pool: the calls of `ExperimentWorkerApi`, asynchronous, and a way to stop it. */
export interface JobWorker {
  prepare(request: ExperimentRequest): Promise<Prepared>;
  run(index: number): Promise<Report>;
  terminate(): void;
}

export interface PoolOptions {
  /** Workers at most (fewer when there are fewer runs). */
  workers: number;
  createWorker(): JobWorker;
  /** The plan is made: how many runs, which points. */
  onPlanned?(outline: PlanOutline): void;
  /** One run's report, as it arrives (in any order): for figures the aggregate does not carry. */
  onReport?(index: number, report: Report): void;
  /** A point's runs have all reported: its report (its aggregate when replicated). */
  onPoint?(index: number, value: number | null, report: Report | ReplicatedReport): void;
  onProgress?(done: number, total: number): void;
}

export type PoolOutcome =
  | { status: 'done'; outline: PlanOutline; result: ExperimentResult; workers: number }
  | { status: 'refused'; prepared: Extract<Prepared, { ok: false }> }
  | { status: 'cancelled' }
  /** A run failed: the message names its point and seed. */
  | { status: 'failed'; message: string };

export interface RunningExperiment {
  done: Promise<PoolOutcome>;
  /** Stops every worker; `done` resolves with `cancelled` (unless it had already settled). */
  cancel(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function runInPool(request: ExperimentRequest, options: PoolOptions): RunningExperiment {
  const workers: JobWorker[] = [];
  let stopped = false;
  let settle: (outcome: PoolOutcome) => void = () => {};
  const done = new Promise<PoolOutcome>((resolve) => {
    settle = (outcome) => {
      if (stopped) return;
      stopped = true;
      for (const w of workers) w.terminate();
      resolve(outcome);
    };
  });

  const spawn = (): JobWorker => {
    const w = options.createWorker();
    workers.push(w);
    return w;
  };

  async function go(): Promise<void> {
    // One worker plans first: a refused experiment starts no others.
    const first = spawn();
    const prepared = await first.prepare(request);
    if (stopped) return;
    if (!prepared.ok) {
      settle({ status: 'refused', prepared });
      return;
    }
    const outline = prepared.outline;
    const total = outline.jobs.length;
    options.onPlanned?.(outline);
    options.onProgress?.(0, total);
    const collector = new ExperimentCollector(outline);
    let next = 0;
    let finished = 0;
    const count = Math.max(1, Math.min(Math.floor(options.workers), total));

    const work = async (w: JobWorker): Promise<void> => {
      while (!stopped && next < total) {
        const index = next++;
        let report: Report;
        try {
          report = await w.run(index);
        } catch (error) {
          settle({ status: 'failed', message: `${describeJob(outline, outline.jobs[index])}: ${messageOf(error)}` });
          return;
        }
        if (stopped) return;
        options.onReport?.(index, report);
        const point = collector.add(index, report);
        finished++;
        if (point !== null) options.onPoint?.(point, outline.points[point].value, collector.point(point)!);
        options.onProgress?.(finished, total);
      }
      if (!stopped && finished === total) settle({ status: 'done', outline, result: collector.result(), workers: count });
    };

    const loops = [work(first)];
    for (let k = 1; k < count; k++) {
      const w = spawn();
      // Each worker plans the same experiment itself before it takes a job.
      loops.push(
        w.prepare(request).then((p) => {
          if (stopped) return;
          if (!p.ok) throw new Error('a worker planned the experiment differently');
          return work(w);
        }),
      );
    }
    await Promise.all(loops);
  }

  go().catch((error: unknown) => settle({ status: 'failed', message: messageOf(error) }));
  return {
    done,
    cancel: () => settle({ status: 'cancelled' }),
  };
}
