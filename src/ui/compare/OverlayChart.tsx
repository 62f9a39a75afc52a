/**
 * A chart of fixed data (no streaming): A's and B's figures over time on one axis, drawn by
 * the live view's uPlot `Plot` with its colours and units. A's lines are solid, B's dashed.
 */
import { useEffect, useId, useRef } from 'react';
import { Plot } from '../charts/plot';
import type { ChartSpec } from '../charts/specs';
import { useTheme } from '../theme';

export interface OverlayChartProps {
  spec: ChartSpec;
  /** Seconds, then one array per series of the spec. */
  t: number[];
  values: (number | null)[][];
  testId: string;
}

export function OverlayChart({ spec, t, values, testId }: OverlayChartProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const theme = useTheme((s) => s.resolved);
  const titleId = useId();

  useEffect(() => {
    const body = bodyRef.current!;
    const size = () => ({ width: Math.max(120, body.clientWidth), height: Math.max(50, body.clientHeight) });
    const plot = new Plot(body, spec, size());
    plot.setData({ aligned: [t, ...values], raw: values });
    const observer = new ResizeObserver(() => plot.setSize(size()));
    observer.observe(body);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [spec, t, values, theme]);

  return (
    <section className="chart" data-testid={testId} data-points={t.length} aria-labelledby={titleId}>
      <header>
        <h3 id={titleId}>{spec.title}</h3>
      </header>
      <div className="chart-values">
        {spec.series.map((s) => (
          <span key={s.col} className="series">
            <i className="swatch" style={{ background: s.dash ? `repeating-linear-gradient(90deg, ${s.color} 0 4px, transparent 4px 6px)` : s.color }} />
            {s.label}
          </span>
        ))}
      </div>
      <div className="chart-body" ref={bodyRef} />
    </section>
  );
}
