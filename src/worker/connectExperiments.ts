/**
 * The page's side of the experiment pool: Web Workers running `experimentWorker.ts`, as many
 * as the browser says it has cores (capped), wrapped with comlink for `runInPool`.
 */
import { releaseProxy, wrap } from 'comlink';
import type { ExperimentWorkerApi } from './experimentApi';
import { runInPool, type JobWorker, type PoolOptions, type RunningExperiment } from './experimentPool';
import type { ExperimentRequest } from './experimentApi';

/** The most workers a pool starts, whatever the machine: each holds an engine and its memory. */
export const MAX_POOL_WORKERS = 8;

/** Workers for a pool on this machine: one per core the browser reports, 1 to {@link MAX_POOL_WORKERS}. */
export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0;
  return Math.max(1, Math.min(MAX_POOL_WORKERS, Number.isFinite(cores) && cores > 0 ? Math.floor(cores) : 2));
}

function webJobWorker(): JobWorker {
  const worker = new Worker(new URL('./experimentWorker.ts', import.meta.url), { type: 'module', name: 'archsim-experiment' });
  const api = wrap<ExperimentWorkerApi>(worker);
  return {
    prepare: (request) => api.prepare(request),
    run: (index) => api.run(index),
    terminate() {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}

/** Runs an experiment in Web Workers (`workers` of them, by default one per core). */
export function runExperimentInBrowser(request: ExperimentRequest, options: Omit<PoolOptions, 'createWorker' | 'workers'> & { workers?: number }): RunningExperiment {
  return runInPool(request, { ...options, workers: options.workers ?? defaultPoolSize(), createWorker: webJobWorker });
}
