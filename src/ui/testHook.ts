/**
 * A small hook for end-to-end tests (and the curious, from the console): runs a scenario
 * document to the end in a fresh simulation worker, the same code path as the app, and gives
 * the report. Used to check that the browser and Node produce the same numbers.
 */
import { formatErrors, parseScenario, type Scenario } from '../model';
import { currentView, history, useDocument, useResults, useSession, type LiveFault } from './store';
import { archiveOrNull } from './store/persistence';
import { connectSimWorker } from '../worker/connect';
import type { Report } from '../worker/protocol';

export interface ArchsimTestHook {
  runScenarioToEnd(document: unknown): Promise<Report>;
  /** The document on the canvas, as the app holds it. */
  currentDocument(): Scenario;
  /** The autosaved work's document text as stored (null when none or no storage). */
  savedDocumentText(): Promise<string | null>;
  /** The chart points of the recent window of the current run, oldest first (simulated seconds, error %…). */
  chartPoints(): ChartPoint[];
  /** Every column of the charts' current view (recent window or whole run), for checking what is drawn. */
  chartColumn(name: string, whole?: boolean): (number | null)[];
  /** What the charts draw now: the recent window while a run goes, the whole run once it ended. */
  chartView(): { points: number; firstT: number | null; lastT: number | null; frames: number };
  /** The node kinds the worker says the engine simulates (null until it answered). */
  simulatedKinds(): readonly string[] | null;
  /** Faults injected live into the current run, with the simulated time each took effect. */
  liveFaults(): LiveFault[];
}

export interface ChartPoint {
  /** Simulated time at the end of the frame's window, seconds. */
  t: number;
  p50: number;
  p95: number;
  p99: number;
  throughputRps: number;
  /** Per cent of finished requests that were not ok. */
  errorPct: number;
}

function chartPoints(): ChartPoint[] {
  const v = history.recent;
  const cols = (['t', 'p50', 'p95', 'p99', 'throughputRps', 'errorPct'] as const).map((k) => v.column(k));
  return Array.from({ length: v.length }, (_, i) => ({
    t: cols[0][i] ?? 0,
    p50: cols[1][i] ?? 0,
    p95: cols[2][i] ?? 0,
    p99: cols[3][i] ?? 0,
    throughputRps: cols[4][i] ?? 0,
    errorPct: cols[5][i] ?? 0,
  }));
}

async function runScenarioToEnd(document: unknown): Promise<Report> {
  const parsed = parseScenario(document);
  if (!parsed.ok) throw new Error(`Invalid scenario:\n${formatErrors(parsed.errors)}`);
  const connection = connectSimWorker();
  try {
    const loaded = await connection.api.load(parsed.scenario);
    if (!loaded.ok) throw new Error(`The scenario cannot run:\n${loaded.problems.join('\n')}`);
    const report = await connection.api.runToEnd();
    if (!report) throw new Error('The run was interrupted.');
    return report;
  } finally {
    connection.terminate();
  }
}

export function installTestHook(): void {
  (window as unknown as { __archsim: ArchsimTestHook }).__archsim = {
    runScenarioToEnd,
    currentDocument: () => useDocument.getState().scenario,
    savedDocumentText: async () => (await archiveOrNull()?.readWork())?.text ?? null,
    chartPoints,
    chartView: () => {
      const t = currentView().column('t');
      return { points: t.length, firstT: t[0] ?? null, lastT: t[t.length - 1] ?? null, frames: history.frames };
    },
    simulatedKinds: () => useSession.getState().simulatedKinds,
    chartColumn: (name, whole) => (whole ? history.wholeRun() : history.recent).column(name),
    liveFaults: () => useResults.getState().liveFaults,
  };
}
