/** UI side of a comparison worker: starts one and wraps it with comlink. */
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { CompareWorkerApi } from './compareProtocol';

export interface CompareWorkerConnection {
  api: Remote<CompareWorkerApi>;
  terminate(): void;
}

export function connectCompareWorker(): CompareWorkerConnection {
  const worker = new Worker(new URL('./compareWorker.ts', import.meta.url), { type: 'module', name: 'archsim-compare' });
  const api = wrap<CompareWorkerApi>(worker);
  return {
    api,
    terminate() {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
