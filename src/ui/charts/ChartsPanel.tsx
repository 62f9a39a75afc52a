/**
 * The charts under the canvas: latency, throughput by outcome, the cache hit rate and replicas
 * when the design has caches or scaling servers, every fault marked on them, the results and the
 * fault timeline. Loaded lazily with the chart library.
 */
import { useMemo } from 'react';
import { useFaultMarks } from '../faults/marks';
import { Timeline } from '../faults/Timeline';
import type { ColumnView } from '../series/history';
import { useDocument } from '../store';
import { ReportPanel } from './ReportPanel';
import { useChartSettings } from './settings';
import { SMOOTHING_CHOICES } from './smoothing';
import { hitRateChart, latencyChart, replicasChart, throughputChart } from './specs';
import { TimeChart } from './TimeChart';
import { openTraces, setTracing, useTraces } from '../traces/traceStore';
import { CompareButton } from '../compare/CompareButton';

function last(view: ColumnView, col: string): number | null {
  const c = view.column(col);
  for (let i = c.length - 1; i >= 0; i--) if (c[i] !== null) return c[i];
  return null;
}

const throughputNow = (v: ColumnView) => `errors ${(last(v, 'errorPct') ?? 0).toFixed(1)}%`;

function SmoothingChoice() {
  const smoothingS = useChartSettings((s) => s.smoothingS);
  return (
    <label className="smoothing">
      Smoothing
      <select data-testid="chart-smoothing" value={smoothingS} onChange={(e) => useChartSettings.getState().setSmoothing(Number(e.target.value))}>
        {SMOOTHING_CHOICES.map((c) => (
          <option key={c.seconds} value={c.seconds}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function TraceControls() {
  const tracing = useTraces((s) => s.tracing);
  return (
    <div className="trace-controls">
      <label title="Keep one request in 100 and the slowest of each second, with every span of their journey (a fixed number: memory stays flat)">
        <input type="checkbox" data-testid="trace-toggle" aria-label="Record request traces" checked={tracing} onChange={(e) => void setTracing(e.target.checked)} /> <span className="wide-only">Record</span> traces
      </label>
      <button type="button" className="tool-button" data-testid="slowest-requests" aria-label="Slowest requests" disabled={!tracing} onClick={() => openTraces()} title="The slowest requests kept, and each one's waterfall across nodes">
        Slowest<span className="wide-only"> requests</span>…
      </button>
      <CompareButton />
    </div>
  );
}

/** A click on the latency chart opens the slowest request that finished at that moment. */
function pickRequest(tS: number, windowS: number) {
  if (useTraces.getState().tracing) openTraces({ tMs: tS * 1000, windowMs: windowS * 1000 });
}

export default function ChartsPanel() {
  const marks = useFaultMarks();
  const scenario = useDocument((s) => s.scenario);
  // Rebuilt only when the design's caches or scaling servers change, not on every edit.
  const hitKey = scenario.nodes.filter((n) => n.kind === 'cache' || n.kind === 'cdn').map((n) => n.id).join(',');
  const scaledKey = scenario.nodes
    .filter((n) => n.kind === 'server' && (n.config.autoscale !== null || n.config.scaleSchedule.length > 0))
    .map((n) => `${n.id}${n.kind === 'server' && n.config.autoscale ? '+' : ''}`)
    .join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const hitRate = useMemo(() => hitRateChart(scenario), [hitKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const replicas = useMemo(() => replicasChart(scenario), [scaledKey]);
  return (
    <div className="charts-panel">
      <div className="charts" data-testid="charts">
        <TimeChart spec={latencyChart} testId="latency-chart" marks={marks} onPick={pickRequest} pickHint="With request traces on, click the p99 line to open the slowest request at that moment" />
        <TimeChart spec={throughputChart} testId="throughput-chart" marks={marks} now={throughputNow} />
        {hitRate && (
          <TimeChart spec={hitRate} testId="hit-rate-chart" marks={marks} />
        )}
        {replicas && <TimeChart spec={replicas} testId="replicas-chart" marks={marks} />}
        <ReportPanel />
      </div>
      <div className="charts-foot">
        <Timeline />
        <TraceControls />
        <SmoothingChoice />
      </div>
    </div>
  );
}
