/**
 * A figure against the swept value, drawn by uPlot like the run's charts: each line the mean
 * across replications at each point, with its 95% interval as a shaded band and whiskers; a
 * dashed target line and the marked point when the panel has them. Points not run yet are
 * gaps. Framework-free; `SweepChart.tsx` mounts it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssColor, withAlpha } from '../charts/plot';
import { niceTop } from '../charts/scale';
import { UNITS, type UnitName } from '../charts/units';

export interface SweepSeriesSpec {
  label: string;
  color: string;
}

export interface SweepChartSpec {
  title: string;
  unit: UnitName;
  series: SweepSeriesSpec[];
  /** A fixed top of the value axis (1 for fractions). */
  max?: number;
}

export interface SweepPlotData {
  xs: number[];
  /** Per series, per point: mean and half-width (NaN: no interval), or null when not run yet. */
  ys: ({ mean: number; half: number } | null)[][];
}

export interface SweepMarks {
  /** A horizontal line at this value (the target), or null. */
  target: number | null;
  /** A vertical line at this swept value (the answer), or null. */
  x: number | null;
}

export class SweepPlot {
  private readonly u: uPlot;
  private marks: SweepMarks = { target: null, x: null };
  private readonly colors: string[];
  private halves: (number | null)[][] = [];

  constructor(
    target: HTMLElement,
    private readonly spec: SweepChartSpec,
    xUnit: string,
    size: { width: number; height: number },
  ) {
    const unit = UNITS[spec.unit];
    const grid = cssColor('var(--chart-grid)');
    const text = cssColor('var(--muted)');
    const font = '11px system-ui, sans-serif';
    this.colors = spec.series.map((s) => cssColor(s.color));
    const series: uPlot.Series[] = [{ label: 'value' }];
    const bands: uPlot.Band[] = [];
    spec.series.forEach((s, i) => {
      const c = this.colors[i];
      const base = series.length;
      series.push({ label: s.label, stroke: c, width: 2, points: { show: true, size: 6, fill: c }, spanGaps: false });
      series.push({ label: `${s.label} low`, stroke: withAlpha(c, 0.35), width: 1, points: { show: false }, spanGaps: false });
      series.push({ label: `${s.label} high`, stroke: withAlpha(c, 0.35), width: 1, points: { show: false }, spanGaps: false });
      bands.push({ series: [base + 2, base + 1], fill: withAlpha(c, 0.16) });
    });
    const max = spec.max;
    this.u = new uPlot(
      {
        width: size.width,
        height: size.height,
        series,
        bands,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: (_u, lo, hi) => (lo === hi ? [lo - 1, hi + 1] : [lo - (hi - lo) * 0.04, hi + (hi - lo) * 0.04]) },
          y: {
            range: (_u, _min, dataMax) => {
              const top = Math.max(dataMax ?? 0, this.marks.target ?? 0);
              return [0, max !== undefined ? Math.min(max, niceTop(top)) : niceTop(top)];
            },
          },
        },
        axes: [
          {
            stroke: text,
            font,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, width: 1 },
            values: (_u, splits) => splits.map((v) => `${Number(v.toPrecision(4))}${xUnit ? ` ${xUnit}` : ''}`),
          },
          {
            stroke: text,
            font,
            size: 66,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, width: 1 },
            values: (_u, splits) => splits.map((v) => unit.axis(v)),
          },
        ],
        hooks: { draw: [(u) => this.drawMarks(u)] },
      },
      [[], ...series.slice(1).map(() => [])] as unknown as uPlot.AlignedData,
      target,
    );
    // The canvas says nothing to a screen reader: the panel's table does.
    this.u.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
  }

  setData(data: SweepPlotData, marks: SweepMarks): void {
    this.marks = marks;
    const columns: (number | null)[][] = [];
    this.halves = [];
    for (const ys of data.ys) {
      columns.push(ys.map((y) => (y === null ? null : y.mean)));
      const half = ys.map((y) => (y === null || Number.isNaN(y.half) ? null : y.half));
      this.halves.push(half);
      columns.push(ys.map((y, i) => (y === null ? null : y.mean - (half[i] ?? 0))));
      columns.push(ys.map((y, i) => (y === null ? null : y.mean + (half[i] ?? 0))));
    }
    this.u.setData([data.xs, ...columns] as unknown as uPlot.AlignedData);
  }

  /** Whiskers at each point, the target line and the marked value, over the series. */
  private drawMarks(u: uPlot): void {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const dpr = devicePixelRatio || 1;
    ctx.save();
    const xs = u.data[0] as number[];
    this.halves.forEach((halves, s) => {
      ctx.strokeStyle = this.colors[s];
      ctx.lineWidth = 1.5 * dpr;
      const mean = u.data[1 + 3 * s] as (number | null)[];
      for (let i = 0; i < xs.length; i++) {
        const m = mean[i];
        const h = halves[i];
        if (m === null || m === undefined || h === null || !(h > 0)) continue;
        const x = u.valToPos(xs[i], 'x', true);
        const y0 = u.valToPos(m - h, 'y', true);
        const y1 = u.valToPos(m + h, 'y', true);
        ctx.beginPath();
        ctx.moveTo(x, y0);
        ctx.lineTo(x, y1);
        ctx.moveTo(x - 4 * dpr, y0);
        ctx.lineTo(x + 4 * dpr, y0);
        ctx.moveTo(x - 4 * dpr, y1);
        ctx.lineTo(x + 4 * dpr, y1);
        ctx.stroke();
      }
    });
    ctx.setLineDash([6 * dpr, 4 * dpr]);
    ctx.lineWidth = 1.5 * dpr;
    ctx.strokeStyle = cssColor('var(--text-2)');
    if (this.marks.target !== null) {
      const y = u.valToPos(this.marks.target, 'y', true);
      if (y >= top && y <= top + height) {
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
        ctx.stroke();
      }
    }
    if (this.marks.x !== null) {
      const x = u.valToPos(this.marks.x, 'x', true);
      ctx.strokeStyle = cssColor('var(--accent)');
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    }
    ctx.restore();
  }

  setSize(size: { width: number; height: number }): void {
    this.u.setSize(size);
  }

  destroy(): void {
    this.u.destroy();
  }
}
