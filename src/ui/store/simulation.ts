/**
 * The run controller: the one place the UI talks to the simulation worker. It loads the
 * document, forwards the run controls and live faults, and turns document edits into live
 * changes, or marks the run stale when an edit needs a new run.
 *
 * A run is never restarted behind the user's back: only Reset (or a design loaded before the
 * run started) builds a new run. Play on a stale run goes on with the design it started with,
 * and the stale notice says so; Play on a finished run continues it past its end.
 */
import type { Scenario } from '../../model';
import { connectSimWorker, type SimWorkerConnection } from '../../worker/connect';
import type { FrameBatch, LiveChange, Report, Speed, TraceSet } from '../../worker/protocol';
import { useDocument } from './documentStore';
import { simulationDiff } from './liveChanges';
import { receiveBatch, useResults } from './resultsStore';
import { useSession } from './sessionStore';

let connection: SimWorkerConnection | null = null;
/** The document the current run was built from, with the live changes applied since. */
let loaded: Scenario | null = null;
/** Simulated time of the last fetched report, so a paused run is not asked twice. */
let reportedAt = -1;

function worker(): SimWorkerConnection {
  if (!connection) {
    const opened = connectSimWorker();
    connection = opened;
    void opened.subscribe(onBatch);
    void opened.api.simulatedKinds().then((kinds) => useSession.setState({ simulatedKinds: kinds }), fail);
  }
  return connection;
}

function onBatch(batch: FrameBatch): void {
  receiveBatch(batch);
  const { status } = batch;
  // A run that stopped (paused or finished) gets its report, for the results panel.
  if (status.loaded && !status.running && status.simTimeMs > 0 && status.simTimeMs !== reportedAt) {
    reportedAt = status.simTimeMs;
    const runId = status.runId;
    void worker()
      .api.report()
      .then((report) => {
        if (useResults.getState().status.runId === runId) useResults.setState({ report });
      }, fail);
  }
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  useResults.setState({ problems: [message] });
}

function speed(): Speed {
  return useSession.getState().speed;
}

/** Whether the current run has advanced (so building a new one would be a restart). */
function started(): boolean {
  const { status } = useResults.getState();
  return status.loaded && (status.running || status.simTimeMs > 0);
}

/** Loads the current document into the worker (a new run at time 0). */
async function load(): Promise<boolean> {
  const scenario = useDocument.getState().scenario;
  loaded = scenario;
  reportedAt = -1;
  try {
    const result = await worker().api.load(scenario);
    useResults.setState({ problems: result.ok ? [] : result.problems, stale: false });
    return result.ok;
  } catch (error) {
    fail(error);
    return false;
  }
}

/**
 * Makes sure there is a run to advance. A run that has not started is rebuilt from the current
 * document when that changed; a started one is never rebuilt here.
 */
async function ensureRun(): Promise<boolean> {
  const { status } = useResults.getState();
  if (started()) return true;
  const current = useDocument.getState().scenario;
  if (!status.loaded || loaded !== current) return load();
  return true;
}

/** A finished run goes on for another planned duration. */
async function continueIfFinished(): Promise<boolean> {
  if (!useResults.getState().status.finished) return true;
  const extra = loaded?.durationMs ?? useDocument.getState().scenario.durationMs;
  const result = await worker().api.continueRun(extra);
  if (!result.ok) useSession.getState().setNotice(result.problems.join(' '));
  return result.ok;
}

export const simulation = {
  load,

  async play(): Promise<void> {
    if (!(await ensureRun()) || !(await continueIfFinished())) return;
    await worker().api.play(speed()).catch(fail);
  },

  async pause(): Promise<void> {
    await worker().api.pause().catch(fail);
  },

  /** Play when paused, pause when playing (Space). */
  async toggle(): Promise<void> {
    if (useResults.getState().status.running) await simulation.pause();
    else await simulation.play();
  },

  async step(): Promise<void> {
    if (!(await ensureRun()) || !(await continueIfFinished())) return;
    await worker().api.step().catch(fail);
  },

  async reset(): Promise<void> {
    await load();
  },

  async runToEnd(): Promise<Report | null> {
    if (useResults.getState().status.finished) return null;
    if (!(await ensureRun())) return null;
    return worker()
      .api.runToEnd()
      .catch((error: unknown) => {
        fail(error);
        return null;
      });
  },

  async setSpeed(next: Speed): Promise<void> {
    useSession.getState().setSpeed(next);
    if (useResults.getState().status.running) await worker().api.play(next).catch(fail);
  },

  /** Records request traces (the engine's defaults) in this run from now on and in the runs after it, or stops. */
  async setTracing(on: boolean): Promise<void> {
    await worker().api.setTracing(on ? {} : null).catch(fail);
  },

  /** The traces the current run kept; null when it never traced. */
  async traces(): Promise<TraceSet | null> {
    return worker()
      .api.traces()
      .catch((error: unknown) => {
        fail(error);
        return null;
      });
  },

  /** The current run's report so far (null when nothing is loaded): the Theory panel reads it while a run goes. */
  async report(): Promise<Report | null> {
    if (connection === null) return null;
    return connection.api.report().catch((error: unknown) => {
      fail(error);
      return null;
    });
  },

  /** A fault injected now, at the run's current simulated time; marked on the timeline. */
  async inject(change: Extract<LiveChange, { type: 'fault' }>): Promise<void> {
    if (!(await ensureRun())) return;
    try {
      const atMs = await worker().api.applyChange(change);
      const { action, target, instance, factor } = change;
      const mark = { atMs, action, target, ...(instance === undefined ? {} : { instance }), ...(factor === undefined ? {} : { factor }) };
      useResults.setState((s) => ({ liveFaults: [...s.liveFaults, mark] }));
    } catch (error) {
      fail(error);
    }
  },
};

/**
 * Document edits while a run exists: live changes go through at once, others mark the run
 * stale; an edit that brings the design back to what the run has clears the mark.
 */
useDocument.subscribe((state, previous) => {
  if (state.scenario === previous.scenario || loaded === null) return;
  const diff = simulationDiff(loaded, state.scenario);
  if (!started()) {
    // Nothing run yet: rebuild at once, so problems (or their absence) show while drawing.
    if (diff.kind !== 'same') void load();
    else loaded = state.scenario;
    return;
  }
  if (diff.kind === 'structural') {
    useResults.setState({ stale: true });
    return;
  }
  loaded = state.scenario;
  if (useResults.getState().stale) useResults.setState({ stale: false });
  if (diff.kind === 'live') {
    const api = worker().api;
    for (const change of diff.changes) void api.applyChange(change).catch(fail);
  }
});
