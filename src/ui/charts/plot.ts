/**
 * One chart drawn by uPlot (canvas: cheap to redraw at any rate, unlike an SVG per point):
 * series from the run's history, a time axis at round values, a legend that reads the values
 * under the pointer with their units, stacked areas, and fault markers as labelled lines.
 * Framework-free; `TimeChart.tsx` mounts it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ColumnView } from '../series/history';
import { describeFault, type FaultMark } from '../faults/marks';
import { niceTop } from './scale';
import { movingAverage } from './smoothing';
import type { ChartSpec } from './specs';
import { TIME_INCREMENTS, timeLabel, timeTick } from './timeAxis';
import { UNITS } from './units';

/** Resolves `var(--x)` against the document's current theme. */
export function cssColor(color: string): string {
  const m = /^var\((--[\w-]+)\)$/.exec(color);
  if (!m) return color;
  return getComputedStyle(document.documentElement).getPropertyValue(m[1]).trim() || '#888';
}

export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return color;
  const n = parseInt(hex[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export interface PlotData {
  /** x (seconds) then each series' plotted values (cumulative when stacked). */
  aligned: uPlot.AlignedData;
  /** Each series' own values (not stacked), for the legend and the CSV. */
  raw: (number | null)[][];
}

/** The chart's data from a view of the history, smoothed and stacked as the spec says. */
export function plotData(spec: ChartSpec, view: ColumnView, smoothingS: number): PlotData {
  const t = view.column('t');
  const raw = spec.series.map((s) => movingAverage(t, view.column(s.col), smoothingS));
  let plotted = raw;
  if (spec.stacked) {
    plotted = [];
    let below: (number | null)[] | null = null;
    for (const ys of raw) {
      const acc: (number | null)[] = ys.map((v, i) => (below ? (below[i] ?? 0) : 0) + (v ?? 0));
      plotted.push(acc);
      below = acc;
    }
  }
  return { aligned: [t as number[], ...plotted] as uPlot.AlignedData, raw };
}

export class Plot {
  private readonly u: uPlot;
  private raw: (number | null)[][] = [];
  private marks: readonly FaultMark[] = [];
  private readonly markLayer: HTMLDivElement;
  /** Called with the point under the pointer (null when it leaves). */
  onHover: ((idx: number | null) => void) | null = null;

  constructor(
    target: HTMLElement,
    private readonly spec: ChartSpec,
    size: { width: number; height: number },
  ) {
    const unit = UNITS[spec.unit];
    const grid = cssColor('var(--chart-grid)');
    const text = cssColor('var(--muted)');
    const font = '11px system-ui, sans-serif';
    const colors = spec.series.map((s) => cssColor(s.color));
    const series: uPlot.Series[] = [
      { label: 'time', value: (_u, v) => (v === null || v === undefined ? '—' : timeLabel(v)) },
      ...spec.series.map((s, i): uPlot.Series => ({
        label: s.label,
        stroke: colors[i],
        width: 1.5,
        dash: s.dash,
        fill: spec.stacked ? withAlpha(colors[i], 0.55) : undefined,
        points: { show: false },
        spanGaps: false,
        value: (_u, _v, _si, idx) => {
          const v = idx === null || idx === undefined ? null : this.raw[i]?.[idx];
          return v === null || v === undefined ? '—' : unit.value(v);
        },
      })),
    ];
    const bands: uPlot.Band[] = [];
    if (spec.stacked) for (let i = 2; i <= spec.series.length; i++) bands.push({ series: [i, i - 1], fill: withAlpha(colors[i - 1], 0.55) });
    const max = spec.max;
    this.u = new uPlot(
      {
        width: size.width,
        height: size.height,
        series,
        bands,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: !spec.stacked } },
        scales: {
          x: { time: false },
          y: { range: (_u, _min, dataMax) => [0, max ?? niceTop(dataMax)] },
        },
        axes: [
          {
            stroke: text,
            font,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, width: 1 },
            incrs: TIME_INCREMENTS,
            space: 60,
            values: (_u, splits, _ai, _space, incr) => splits.map((t) => timeTick(t, incr)),
          },
          {
            stroke: text,
            font,
            size: 56,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, width: 1 },
            values: (_u, splits) => splits.map((v) => unit.axis(v)),
          },
        ],
        hooks: {
          draw: [() => this.placeMarks()],
          setCursor: [(u) => this.onHover?.(u.cursor.idx ?? null)],
        },
      },
      [[], ...spec.series.map(() => [])] as unknown as uPlot.AlignedData,
      target,
    );
    // The canvas says nothing to a screen reader; the chart's heading and legend do.
    this.u.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
    this.markLayer = document.createElement('div');
    this.markLayer.className = 'fault-marks';
    this.u.over.appendChild(this.markLayer);
  }

  setData(data: PlotData): void {
    this.raw = data.raw;
    this.u.setData(data.aligned);
  }

  setMarks(marks: readonly FaultMark[]): void {
    this.marks = marks;
    this.markLayer.replaceChildren(
      ...marks.map((m) => {
        const line = document.createElement('div');
        line.className = `fault-marker-line fault-${m.action}${m.source === 'live' ? ' live' : ''}`;
        const label = document.createElement('span');
        label.textContent = describeFault(m);
        line.appendChild(label);
        return line;
      }),
    );
    this.placeMarks();
  }

  private placeMarks(): void {
    const lines = this.markLayer.children;
    const x = this.u.scales.x;
    for (let i = 0; i < lines.length; i++) {
      const t = this.marks[i].atMs / 1000;
      const el = lines[i] as HTMLElement;
      const inside = x.min !== undefined && x.max !== undefined && t >= x.min && t <= x.max;
      el.style.display = inside ? '' : 'none';
      if (inside) el.style.left = `${this.u.valToPos(t, 'x')}px`;
    }
  }

  setSize(size: { width: number; height: number }): void {
    this.u.setSize(size);
  }

  destroy(): void {
    this.u.destroy();
  }
}
