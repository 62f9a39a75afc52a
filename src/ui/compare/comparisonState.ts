/** The comparison's progress and result: what the compare view shows. */
import { create } from 'zustand';
import type { Scenario } from '../../model';
import type { RunSeries } from '../../worker/compareProtocol';
import type { PairedComparison } from '../../worker/compareProtocol';
import { designs } from './compareStore';
import { runComparison, type ComparisonHandle } from './comparePool';
import { COMPARED_FIGURES } from './differenceTable';
import { meanSeries } from './series';

export interface ComparisonResult {
  comparison: PairedComparison;
  seriesA: RunSeries;
  seriesB: RunSeries;
  /** The designs as they were run: a later edit makes the result out of date. */
  a: Scenario;
  b: Scenario;
  pairs: number;
  durationMs: number;
}

export type ComparisonStatus =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number }
  | { state: 'done' }
  | { state: 'failed'; message: string };

interface ComparisonState {
  status: ComparisonStatus;
  result: ComparisonResult | null;
}

export const useComparison = create<ComparisonState>()(() => ({ status: { state: 'idle' }, result: null }));

/** Windows in each run's series (the overlay charts' points). */
const SERIES_POINTS = 120;

let current: ComparisonHandle | null = null;

export function cancelComparison(): void {
  current?.cancel();
  current = null;
  if (useComparison.getState().status.state === 'running') useComparison.setState({ status: { state: 'idle' } });
}

export async function startComparison(pairs: number, durationMs: number): Promise<void> {
  const both = designs();
  if (both === null) return;
  cancelComparison();
  const { a, b } = both;
  const handle = runComparison(
    { a, b, pairs, seed: a.seed, durationMs, points: SERIES_POINTS, figures: COMPARED_FIGURES.map((f) => f.id) },
    (done, total) => {
      if (current === handle) useComparison.setState({ status: { state: 'running', done, total } });
    },
  );
  current = handle;
  useComparison.setState({ status: { state: 'running', done: 0, total: pairs * 2 } });
  try {
    const outcome = await handle.done;
    if (current !== handle) return;
    useComparison.setState({
      status: { state: 'done' },
      result: { comparison: outcome.comparison, seriesA: meanSeries(outcome.runsA), seriesB: meanSeries(outcome.runsB), a, b, pairs, durationMs },
    });
  } catch (error) {
    if (current !== handle) return;
    useComparison.setState({ status: { state: 'failed', message: error instanceof Error ? error.message : String(error) } });
  } finally {
    if (current === handle) current = null;
  }
}
