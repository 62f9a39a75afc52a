/**
 * What each chart plots: its series (history columns), colours and units. The run-wide charts
 * under the canvas are fixed here; a node's own charts in the inspector come from its kind's UI
 * descriptor (`charts`), built by {@link nodeChart}.
 */
import type { Scenario } from '../../model';
import { nodeColumn, type NodeMetric } from '../series/columns';
import type { UnitName } from './units';

export interface SeriesSpec {
  /** The history column plotted. */
  col: string;
  label: string;
  /** A CSS colour or `var(--…)`. */
  color: string;
  dash?: number[];
}

export interface ChartSpec {
  id: string;
  title: string;
  unit: UnitName;
  series: SeriesSpec[];
  /** Areas stacked in series order (bottom first); the legend shows each one's own value. */
  stacked?: boolean;
  /** A fixed top of the value axis (1 for fractions). */
  max?: number;
  /** What the figures are of, shown when the title is hovered. */
  hint?: string;
}

export const latencyChart: ChartSpec = {
  id: 'latency',
  title: 'Latency',
  unit: 'ms',
  hint: 'Percentiles of the requests that succeeded in each moment; a gap where none did',
  series: [
    { col: 'p50', label: 'p50', color: 'var(--series-p50)' },
    { col: 'p95', label: 'p95', color: 'var(--series-p95)' },
    { col: 'p99', label: 'p99', color: 'var(--series-p99)' },
  ],
};

export const throughputChart: ChartSpec = {
  id: 'throughput',
  title: 'Throughput by outcome',
  unit: 'rps',
  stacked: true,
  series: [
    { col: 'ok', label: 'ok', color: 'var(--series-ok)' },
    { col: 'error', label: 'error', color: 'var(--series-error)' },
    { col: 'rejected', label: 'rejected', color: 'var(--series-rejected)' },
    { col: 'timeout', label: 'timeout', color: 'var(--series-timeout)' },
  ],
};

const PALETTE = ['var(--series-1)', 'var(--series-2)', 'var(--series-3)', 'var(--series-4)', 'var(--series-5)'];

/** The hit rate of every cache and CDN together and of each, when the design has any. */
export function hitRateChart(scenario: Scenario): ChartSpec | null {
  const caches = scenario.nodes.filter((n) => n.kind === 'cache' || n.kind === 'cdn');
  if (caches.length === 0) return null;
  const series: SeriesSpec[] = caches.length > 1 ? [{ col: 'hitRate', label: 'all', color: 'var(--series-p50)' }] : [];
  caches.slice(0, 5).forEach((n, i) => series.push({ col: nodeColumn(n.id, 'hitRate'), label: n.id, color: PALETTE[i] }));
  return { id: 'hit-rate', title: 'Cache hit rate', unit: 'fraction', max: 1, series };
}

/** Replicas over time of the servers that scale (autoscale or a schedule). */
export function replicasChart(scenario: Scenario): ChartSpec | null {
  const scaled = scenario.nodes.filter((n) => n.kind === 'server' && (n.config.autoscale !== null || n.config.scaleSchedule.length > 0));
  if (scaled.length === 0) return null;
  const series: SeriesSpec[] = [];
  scaled.slice(0, 4).forEach((n, i) => {
    series.push({ col: nodeColumn(n.id, 'replicas'), label: `${n.id} in rotation`, color: PALETTE[i] });
    if (n.kind === 'server' && n.config.autoscale) series.push({ col: nodeColumn(n.id, 'desired'), label: `${n.id} desired`, color: PALETTE[i], dash: [4, 3] });
  });
  return { id: 'replicas', title: 'Replicas', unit: 'replicas', series };
}

/** The charts a node's inspector can show, by name (each kind's descriptor lists its own). */
export const NODE_CHARTS = {
  utilization: { title: 'Utilisation', unit: 'fraction', max: 1, metrics: [['util', 'utilisation']] },
  queue: { title: 'Queue', unit: 'requests', metrics: [['queue', 'waiting']] },
  rate: { title: 'Arrivals', unit: 'rps', metrics: [['rate', 'arrivals']] },
  hitRate: { title: 'Hit rate', unit: 'fraction', max: 1, metrics: [['hitRate', 'hit rate']] },
  depth: { title: 'Depth', unit: 'messages', metrics: [['depth', 'depth']] },
  lag: { title: 'Consumer lag', unit: 'ms', metrics: [['lag', 'oldest waiting']] },
  connections: { title: 'Connections in use', unit: 'connections', metrics: [['conns', 'in use']] },
  poolWait: { title: 'Pool wait', unit: 'ms', metrics: [['poolWait', 'wait']] },
  replicas: { title: 'Replicas', unit: 'replicas', metrics: [['replicas', 'in rotation'], ['starting', 'starting'], ['desired', 'desired']] },
  limited: { title: 'Let through and limited', unit: 'rps', metrics: [['allowed', 'let through'], ['limited', 'limited']] },
} satisfies Record<string, { title: string; unit: UnitName; max?: number; metrics: [NodeMetric, string][] }>;

export type NodeChartName = keyof typeof NODE_CHARTS;

export function nodeChart(node: string, name: NodeChartName): ChartSpec {
  const c: { title: string; unit: UnitName; max?: number; metrics: [NodeMetric, string][] } = NODE_CHARTS[name];
  return {
    id: `node-${name}`,
    title: c.title,
    unit: c.unit,
    max: c.max,
    series: c.metrics.map(([metric, label], i) => ({ col: nodeColumn(node, metric), label, color: PALETTE[i], dash: metric === 'desired' ? [4, 3] : undefined })),
  };
}
