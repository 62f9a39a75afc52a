/**
 * A chart of the run's history: a title, the latest values, export buttons (CSV of the visible
 * series, PNG of the chart), the plot and its legend. Data reach the plot outside React
 * (`redraws.ts`), so a streaming run never re-renders this component.
 */
import { useEffect, useId, useRef } from 'react';
import type { FaultMark } from '../faults/marks';
import type { ColumnView } from '../series/history';
import { useTheme } from '../theme';
import { toCsv } from './csv';
import { download } from './download';
import type { Plot, PlotData } from './plot';
import { onRedraw, scheduleRedraw } from './redraws';
import { useChartSettings } from './settings';
import type { ChartSpec } from './specs';
import { timeLabel } from './timeAxis';
import { UNITS } from './units';

export interface TimeChartProps {
  spec: ChartSpec;
  testId: string;
  marks?: readonly FaultMark[];
  /** The latest values in words, shown beside the title. */
  now?: (view: ColumnView) => string;
  compact?: boolean;
  /** A click on the plot: the time of the point under the pointer and its window's length, seconds. */
  onPick?: (tS: number, windowS: number) => void;
  /** What a click on the plot does, for its tooltip. */
  pickHint?: string;
}

const NO_MARKS: readonly FaultMark[] = [];

type PlotModule = typeof import('./plot');
let plotModule: PlotModule | null = null;
function loadPlot(): Promise<PlotModule> {
  return import('./plot').then((m) => (plotModule = m));
}

function fileName(title: string, ext: string): string {
  return `archsim-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${ext}`;
}

export function TimeChart({ spec, testId, marks = NO_MARKS, now, compact = false, onPick, pickHint }: TimeChartProps) {
  const sectionRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const nowRef = useRef<HTMLSpanElement>(null);
  const valuesRef = useRef<HTMLDivElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const hoverRef = useRef<((idx: number | null) => void) | null>(null);
  const emptyRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<Plot | null>(null);
  const dataRef = useRef<PlotData | null>(null);
  const marksRef = useRef(marks);
  const nowFn = useRef(now);
  nowFn.current = now;
  const pickFn = useRef(onPick);
  pickFn.current = onPick;
  const theme = useTheme((s) => s.resolved);
  const titleId = useId();

  useEffect(() => {
    const body = bodyRef.current!;
    let plot: Plot | null = null;
    let cancelled = false;
    let loading = false;
    let observer: ResizeObserver | null = null;
    const size = () => ({ width: Math.max(120, body.clientWidth), height: Math.max(50, body.clientHeight) });
    // The values line reads the point under the pointer, or the latest one.
    const showValues = (idx: number | null) => {
      const data = dataRef.current;
      const el = valuesRef.current;
      if (!el || !data) return;
      const n = data.aligned[0].length;
      const i = idx ?? n - 1;
      const unit = UNITS[spec.unit];
      const spans = el.querySelectorAll<HTMLElement>('.series-value');
      const t = i >= 0 ? (data.aligned[0][i] as number | undefined) : undefined;
      if (timeRef.current) timeRef.current.textContent = t === undefined || idx === null ? '' : timeLabel(t);
      spec.series.forEach((_s, k) => {
        const v = i >= 0 ? data.raw[k][i] : null;
        if (spans[k]) spans[k].textContent = v === null || v === undefined ? '—' : unit.value(v);
      });
    };
    const draw = (view: ColumnView, frames: number) => {
      sectionRef.current?.setAttribute('data-points', String(frames));
      if (emptyRef.current) emptyRef.current.hidden = frames > 0;
      if (nowRef.current) nowRef.current.textContent = frames > 0 && nowFn.current ? nowFn.current(view) : '';
      if (plot) {
        const data = plotModule!.plotData(spec, view, useChartSettings.getState().smoothingS);
        dataRef.current = data;
        plot.setData(data);
        showValues(null);
      } else if (frames > 0 && !loading) {
        // The chart library comes with the first data: an empty chart does not need it.
        loading = true;
        void loadPlot().then((m) => {
          if (cancelled) return;
          plot = new m.Plot(body, spec, size());
          plotRef.current = plot;
          plot.setMarks(marksRef.current);
          plot.onHover = (idx) => hoverRef.current?.(idx);
          observer = new ResizeObserver(() => plot?.setSize(size()));
          observer.observe(body);
          scheduleRedraw();
        });
      }
    };
    const off = onRedraw(draw);
    let hovered: number | null = null;
    const pick = () => {
      const data = dataRef.current;
      if (hovered === null || !data || !pickFn.current) return;
      const t = data.aligned[0] as number[];
      pickFn.current(t[hovered], hovered > 0 ? t[hovered] - t[hovered - 1] : t[hovered]);
    };
    body.addEventListener('click', pick);
    hoverRef.current = (idx) => {
      hovered = idx;
      showValues(idx);
    };
    return () => {
      cancelled = true;
      body.removeEventListener('click', pick);
      off();
      observer?.disconnect();
      plot?.destroy();
      plotRef.current = null;
    };
  }, [spec, theme]);

  useEffect(() => {
    marksRef.current = marks;
    plotRef.current?.setMarks(marks);
  }, [marks]);

  function exportCsv() {
    const data = dataRef.current;
    if (!data) return;
    const unit = UNITS[spec.unit].name;
    const csv = toCsv(['t (s)', ...spec.series.map((s) => `${s.label} (${unit})`)], [data.aligned[0] as number[], ...data.raw]);
    download(fileName(spec.title, 'csv'), new Blob([csv], { type: 'text/csv' }));
  }

  async function exportPng() {
    const el = sectionRef.current;
    if (!el) return;
    const { toPng } = await import('html-to-image');
    const background = getComputedStyle(document.documentElement).getPropertyValue('--panel').trim();
    const png = await toPng(el, { backgroundColor: background, filter: (node) => !(node instanceof HTMLElement && node.classList.contains('chart-actions')) });
    download(fileName(spec.title, 'png'), png);
  }

  return (
    <section ref={sectionRef} className={`chart${compact ? ' compact' : ''}`} data-testid={testId} data-points={0} aria-labelledby={titleId}>
      <header>
        <h3 id={titleId} title={spec.hint}>{spec.title}</h3>
        <span className="chart-now" ref={nowRef} data-testid={`${testId}-now`} />
        <span className="chart-actions">
          <button type="button" onClick={exportCsv} aria-label={`Export ${spec.title} as CSV`} title="The visible series as CSV" data-testid={`${testId}-csv`}>
            CSV
          </button>
          <button type="button" onClick={() => void exportPng()} aria-label={`Export ${spec.title} as PNG`} title="This chart as a PNG image" data-testid={`${testId}-png`}>
            PNG
          </button>
        </span>
      </header>
      <div className="chart-values" ref={valuesRef} data-testid={`${testId}-values`}>
        <span className="values-time" ref={timeRef} />
        {spec.series.map((s) => (
          <span key={s.col} className="series">
            <i className="swatch" style={{ background: s.color, borderStyle: s.dash ? 'dashed' : undefined }} />
            {s.label} <span className="series-value">—</span>
          </span>
        ))}
      </div>
      <div className={`chart-body${onPick ? ' pickable' : ''}`} ref={bodyRef} title={onPick ? pickHint : undefined}>
        <div className="chart-empty" ref={emptyRef}>
          No data yet: press Play or Step.
        </div>
      </div>
    </section>
  );
}
