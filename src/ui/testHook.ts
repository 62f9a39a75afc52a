/**
 * A small hook for end-to-end tests (and the curious, from the console): runs a scenario
 * document to the end in a fresh simulation worker, the same code path as the app, and gives
 * the report. Used to check that the browser and Node produce the same numbers.
 */
import { formatErrors, parseScenario, type Scenario } from '../model';
import { frameRing, useDocument, useResults, type ChartPoint, type LiveFault } from './store';
import { archiveOrNull } from './store/persistence';
import { connectSimWorker } from '../worker/connect';
import type { Report } from '../worker/protocol';

export interface ArchsimTestHook {
  runScenarioToEnd(document: unknown): Promise<Report>;
  /** The document on the canvas, as the app holds it. */
  currentDocument(): Scenario;
  /** The autosaved work's document text as stored (null when none or no storage). */
  savedDocumentText(): Promise<string | null>;
  /** The chart points of the current run, oldest first (simulated seconds, error %…). */
  chartPoints(): ChartPoint[];
  /** Faults injected live into the current run, with the simulated time each took effect. */
  liveFaults(): LiveFault[];
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
    chartPoints: () => frameRing.toArray(),
    liveFaults: () => useResults.getState().liveFaults,
  };
}
