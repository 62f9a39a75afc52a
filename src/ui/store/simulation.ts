/**
 * The run controller: the one place the UI talks to the simulation worker. It loads the
 * document, forwards the run controls, and turns document edits into live changes (or marks
 * the run stale when an edit needs a new run).
 */
import type { Scenario } from '../../model';
import { connectSimWorker, type SimWorkerConnection } from '../../worker/connect';
import type { Report, Speed } from '../../worker/protocol';
import { useDocument } from './documentStore';
import { simulationDiff } from './liveChanges';
import { receiveBatch, useResults } from './resultsStore';
import { useSession } from './sessionStore';

let connection: SimWorkerConnection | null = null;
/** The document the worker last loaded (whether or not it could run). */
let loaded: Scenario | null = null;

function worker(): SimWorkerConnection {
  if (!connection) {
    connection = connectSimWorker();
    void connection.subscribe(receiveBatch);
  }
  return connection;
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  useResults.setState({ problems: [message] });
}

function speed(): Speed {
  return useSession.getState().speed;
}

/** Loads the current document into the worker (a new run at time 0). */
async function load(): Promise<boolean> {
  const scenario = useDocument.getState().scenario;
  loaded = scenario;
  try {
    const result = await worker().api.load(scenario);
    useResults.setState({ problems: result.ok ? [] : result.problems, stale: false });
    return result.ok;
  } catch (error) {
    fail(error);
    return false;
  }
}

/** Makes sure the worker runs the current document; reloads when it is stale or finished. */
async function ensureRunnable(): Promise<boolean> {
  const { status, stale } = useResults.getState();
  const current = useDocument.getState().scenario;
  const changed = loaded !== current && simulationDiff(loaded ?? current, current).kind !== 'same';
  if (!status.loaded || stale || changed) {
    return load();
  }
  return true;
}

export const simulation = {
  load,

  async play(): Promise<void> {
    if (useResults.getState().status.finished) {
      if (!(await load())) return;
    } else if (!(await ensureRunnable())) return;
    await worker().api.play(speed()).catch(fail);
  },

  async pause(): Promise<void> {
    await worker().api.pause().catch(fail);
  },

  async step(): Promise<void> {
    if (!(await ensureRunnable())) return;
    await worker().api.step().catch(fail);
  },

  async reset(): Promise<void> {
    await load();
  },

  async runToEnd(): Promise<Report | null> {
    if (useResults.getState().status.finished) return null;
    if (!(await ensureRunnable())) return null;
    return worker().api.runToEnd().catch((error: unknown) => {
      fail(error);
      return null;
    });
  },

  async setSpeed(next: Speed): Promise<void> {
    useSession.getState().setSpeed(next);
    if (useResults.getState().status.running) await worker().api.play(next).catch(fail);
  },
};

/** Document edits while a run exists: live changes go through at once, others need a new run. */
useDocument.subscribe((state, previous) => {
  if (state.scenario === previous.scenario || loaded === null) return;
  const diff = simulationDiff(loaded, state.scenario);
  if (diff.kind === 'same') {
    loaded = state.scenario;
    return;
  }
  const { status } = useResults.getState();
  const started = status.loaded && (status.running || status.simTimeMs > 0);
  if (!started) {
    // Nothing run yet: rebuild at once, so problems (or their absence) show while drawing.
    void load();
  } else if (diff.kind === 'live') {
    loaded = state.scenario;
    const api = worker().api;
    for (const change of diff.changes) void api.applyChange(change).catch(fail);
  } else {
    useResults.setState({ stale: true });
  }
});
