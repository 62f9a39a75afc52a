/**
 * UI side of the worker: starts a simulation worker and wraps it with comlink.
 * This module and the types in `protocol.ts` are all the UI knows of the engine.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { FrameListener, SimWorkerApi } from './protocol';

export interface SimWorkerConnection {
  api: Remote<SimWorkerApi>;
  /** Subscribes a listener (wrapped in a comlink proxy); resolves to a function that unsubscribes. */
  subscribe(listener: FrameListener): Promise<() => void>;
  terminate(): void;
}

export function connectSimWorker(): SimWorkerConnection {
  const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module', name: 'archsim-sim' });
  const api = wrap<SimWorkerApi>(worker);
  return {
    api,
    async subscribe(listener) {
      const id = await api.subscribe(proxy(listener));
      return () => void api.unsubscribe(id);
    },
    terminate() {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
