/** One chart of the Sweep panel: a figure against the swept value, with its intervals. */
import { useEffect, useId, useRef } from 'react';
import { useTheme } from '../theme';
import { SweepPlot, type SweepChartSpec, type SweepMarks, type SweepPlotData } from './sweepPlot';

export interface SweepChartProps {
  spec: SweepChartSpec;
  data: SweepPlotData;
  marks: SweepMarks;
  xLabel: string;
  xUnit: string;
  testId: string;
}

export function SweepChart({ spec, data, marks, xLabel, xUnit, testId }: SweepChartProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<SweepPlot | null>(null);
  const latest = useRef({ data, marks });
  latest.current = { data, marks };
  const theme = useTheme((s) => s.resolved);
  const titleId = useId();

  useEffect(() => {
    const body = bodyRef.current!;
    const size = () => ({ width: Math.max(160, body.clientWidth), height: Math.max(120, body.clientHeight) });
    const plot = new SweepPlot(body, spec, xUnit, size());
    plotRef.current = plot;
    plot.setData(latest.current.data, latest.current.marks);
    const observer = new ResizeObserver(() => plot.setSize(size()));
    observer.observe(body);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [spec, xUnit, theme]);

  useEffect(() => {
    plotRef.current?.setData(data, marks);
  }, [data, marks]);

  const drawn = data.ys[0]?.filter((y) => y !== null).length ?? 0;
  return (
    <section className="chart sweep-chart" data-testid={testId} data-points={drawn} aria-labelledby={titleId}>
      <header>
        <h3 id={titleId}>{spec.title}</h3>
        <span className="chart-now">against {xLabel}</span>
      </header>
      <div className="chart-values">
        {spec.series.map((s) => (
          <span key={s.label} className="series">
            <i className="swatch" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
        <span className="series sweep-band-key">shaded: 95% interval</span>
      </div>
      <div className="chart-body" ref={bodyRef} />
    </section>
  );
}
