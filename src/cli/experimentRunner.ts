/**
 * Runs an experiment's jobs: here, one after another, or over Node worker threads, each a
 * whole engine of its own. Jobs go to whichever thread is free; reports come back tagged
 * with their job, and the collector puts them in order, so the output is the same whatever
 * the number of threads. Node only: the app runs the same jobs in Web Workers.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { describeJob, runJob, type ExperimentPlan } from '../engine/experiments';
import type { Report } from '../engine';

/** Runs every job of `plan`, handing each report to `onReport`; rejects with {@link JobFailure}. */
export type ExperimentRunner = (plan: ExperimentPlan, threads: number, onReport: (job: number, report: Report) => void) => Promise<void>;

/** A run that failed: the message names the point and the seed. */
export class JobFailure extends Error {
  constructor(
    readonly job: number,
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
    this.name = 'JobFailure';
  }
}

/** Messages from a worker: a job's report, or why it failed. */
export type WorkerReply = { job: number; report: Report } | { job: number; error: string };

/** The whole plan in this thread, in order. */
export const runHere: ExperimentRunner = async (plan, _threads, onReport) => {
  for (const job of plan.jobs) {
    let report: Report;
    try {
      report = runJob(plan, job);
    } catch (e) {
      throw new JobFailure(job.index, describeJob(plan, job), e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    onReport(job.index, report);
  }
};

let workerCode: string | null = null;

/**
 * The worker's code as one script, bundled once per process: a thread then starts in tens of
 * milliseconds, where loading the TypeScript sources through tsx in each thread took over
 * half a second.
 */
function workerScript(): string {
  if (workerCode === null) {
    const entry = fileURLToPath(new URL('./experimentWorker.ts', import.meta.url));
    const out = buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    workerCode = out.outputFiles[0].text;
  }
  return workerCode;
}

/**
 * Over `threads` worker threads (one thread: here, with no worker at all). A failed run
 * stops the others and rejects, naming its point and seed.
 */
export const runOnThreads: ExperimentRunner = (plan, threads, onReport) => {
  const count = Math.min(threads, plan.jobs.length);
  if (count <= 1) return runHere(plan, 1, onReport);
  return new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error === null) resolve();
      else reject(error);
    };
    const fail = (job: number, detail: string) => finish(new JobFailure(job, describeJob(plan, plan.jobs[job]), detail));
    const feed = (w: Worker & { job?: number }) => {
      if (next < plan.jobs.length) {
        w.job = next++;
        w.postMessage(w.job);
      } else w.job = undefined;
    };
    for (let k = 0; k < count; k++) {
      const w: Worker & { job?: number } = new Worker(workerScript(), { eval: true, workerData: { plan } });
      workers.push(w);
      w.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if ('error' in reply) {
          fail(reply.job, reply.error);
          return;
        }
        try {
          onReport(reply.job, reply.report);
        } catch (e) {
          finish(e as Error);
          return;
        }
        if (++done === plan.jobs.length) finish(null);
        else feed(w);
      });
      w.on('error', (e) => (w.job !== undefined ? fail(w.job, e.stack ?? e.message) : finish(e)));
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`a worker thread stopped (exit code ${code})${w.job !== undefined ? ` during ${describeJob(plan, plan.jobs[w.job])}` : ''}`));
      });
      feed(w);
    }
  });
};
