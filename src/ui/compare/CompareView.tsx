/**
 * The A/B view under the canvas while comparing: how many pairs of runs and how long each,
 * the run's progress, A's and B's charts overlaid (latency p50/p99, throughput), and the
 * difference table with paired and unpaired intervals. Loaded only when compare starts.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ChartSpec } from '../charts/specs';
import { formatSeconds } from '../format';
import { useDocument } from '../store';
import { designs, useCompare } from './compareStore';
import { cancelComparison, startComparison, useComparison, type ComparisonResult } from './comparisonState';
import { DifferenceTable } from './DifferenceTable';
import { OverlayChart } from './OverlayChart';
import './compare.css';

const DASH = [5, 4];

const latencySpec: ChartSpec = {
  id: 'ab-latency',
  title: 'Latency, A and B',
  unit: 'ms',
  series: [
    { col: 'a:p50', label: 'A p50', color: 'var(--series-p50)' },
    { col: 'a:p99', label: 'A p99', color: 'var(--series-p99)' },
    { col: 'b:p50', label: 'B p50', color: 'var(--series-p50)', dash: DASH },
    { col: 'b:p99', label: 'B p99', color: 'var(--series-p99)', dash: DASH },
  ],
};

const throughputSpec: ChartSpec = {
  id: 'ab-throughput',
  title: 'Throughput, A and B',
  unit: 'rps',
  series: [
    { col: 'a:ok', label: 'A ok', color: 'var(--series-ok)' },
    { col: 'b:ok', label: 'B ok', color: 'var(--series-3)', dash: DASH },
  ],
};

const MAX_PAIRS = 50;
const DEFAULT_PAIRS = 10;
const DEFAULT_RUN_MS = 60_000;

function Charts({ result }: { result: ComparisonResult }) {
  const { seriesA: a, seriesB: b } = result;
  const latency = useMemo(() => [a.p50, a.p99, b.p50, b.p99], [a, b]);
  const throughput = useMemo(() => [a.throughputRps, b.throughputRps], [a, b]);
  return (
    <div className="ab-charts">
      <OverlayChart spec={latencySpec} t={a.t} values={latency} testId="ab-latency-chart" />
      <OverlayChart spec={throughputSpec} t={a.t} values={throughput} testId="ab-throughput-chart" />
    </div>
  );
}

export default function CompareView() {
  const status = useComparison((s) => s.status);
  const result = useComparison((s) => s.result);
  const scenario = useDocument((s) => s.scenario);
  // The parked design changes when the canvas switches between A and B.
  useCompare((s) => s.parked);
  const both = designs();
  const aDuration = both?.a.durationMs ?? scenario.durationMs;
  const [pairs, setPairs] = useState(DEFAULT_PAIRS);
  const [seconds, setSeconds] = useState(() => Math.min(aDuration, DEFAULT_RUN_MS) / 1000);
  // Leaving compare stops what is still running.
  useEffect(() => () => cancelComparison(), []);
  const running = status.state === 'running';
  const durationMs = Math.round(seconds * 1000);
  const valid = Number.isInteger(pairs) && pairs >= 2 && pairs <= MAX_PAIRS && durationMs >= 1 && durationMs <= aDuration;
  const outOfDate = result !== null && both !== null && (result.a !== both.a || result.b !== both.b);

  return (
    <div className="compare-view" data-testid="compare-view" data-state={status.state}>
      <div className="ab-controls" role="group" aria-label="Comparison">
        <h2 className="ab-title">A/B comparison</h2>
        <label>
          Pairs of runs
          <input
            type="number"
            min={2}
            max={MAX_PAIRS}
            step={1}
            value={pairs}
            data-testid="ab-pairs"
            onChange={(e) => setPairs(Number(e.target.value))}
            disabled={running}
          />
        </label>
        <label>
          Each run (s)
          <input
            type="number"
            min={0.001}
            max={aDuration / 1000}
            step="any"
            value={seconds}
            data-testid="ab-seconds"
            onChange={(e) => setSeconds(Number(e.target.value))}
            disabled={running}
          />
        </label>
        {running ? (
          <button type="button" className="tool-button" data-testid="ab-cancel" onClick={cancelComparison}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="tool-button primary"
            data-testid="ab-run"
            disabled={!valid}
            title={valid ? `Run A and B over the same ${pairs} seeds, in Web Workers` : `2 to ${MAX_PAIRS} pairs, each at most ${formatSeconds(aDuration)}`}
            onClick={() => void startComparison(pairs, durationMs)}
          >
            {result ? 'Run again' : 'Run comparison'}
          </button>
        )}
        {running && (
          <span className="ab-progress" data-testid="ab-progress">
            <progress value={status.done} max={status.total} aria-label="Runs done" /> {status.done} of {status.total} runs
          </span>
        )}
        {status.state === 'failed' && (
          <span className="ab-failed" role="alert" data-testid="ab-failed">
            {status.message}
          </span>
        )}
        {outOfDate && !running && (
          <span className="ab-stale" data-testid="ab-stale">
            A or B changed since this comparison: run it again.
          </span>
        )}
      </div>
      {result ? (
        <div className="ab-results">
          <Charts result={result} />
          <DifferenceTable result={result} />
        </div>
      ) : (
        <p className="ab-empty hint">
          Change B on the canvas (it started as a copy of A), then run the comparison: A and B run side by side on the same
          seeds, so every component draws the same random numbers in both, and what differs is your change.
        </p>
      )}
    </div>
  );
}
