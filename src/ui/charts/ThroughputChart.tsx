/** Throughput (ok requests per simulated second) and error rate, over simulated time. */
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, Area } from 'recharts';
import { formatRate } from '../format';
import type { ChartPoint } from '../store';
import { axisSeconds, CHART_MARGIN, TICK_STYLE } from './chartStyle';

export function ThroughputChart({ points }: { points: ChartPoint[] }) {
  const last = points[points.length - 1];
  return (
    <section className="chart" data-testid="throughput-chart" data-points={points.length}>
      <header>
        <h3>Throughput and errors</h3>
        {last && (
          <span className="chart-now">
            {formatRate(last.throughputRps)} rps · errors {last.errorPct.toFixed(1)}%
          </span>
        )}
      </header>
      <div className="chart-body">
        {points.length === 0 && <div className="chart-empty">No data yet: press Play or Step.</div>}
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={axisSeconds} tick={TICK_STYLE} />
            <YAxis yAxisId="rps" unit=" rps" width={72} tick={TICK_STYLE} />
            <YAxis yAxisId="err" orientation="right" unit="%" domain={[0, (max: number) => Math.max(5, Math.ceil(max))]} width={44} tick={TICK_STYLE} />
            <Tooltip
              formatter={(v, name) => (name === 'errors' ? `${Number(v).toFixed(2)}%` : `${Number(v).toFixed(0)} rps`)}
              labelFormatter={(t) => `t = ${Number(t).toFixed(1)} s`}
            />
            <Legend verticalAlign="top" height={22} iconType="plainline" />
            <Area yAxisId="rps" dataKey="throughputRps" name="throughput" stroke="#2f9e63" fill="#2f9e63" fillOpacity={0.15} strokeWidth={1.6} isAnimationActive={false} />
            <Line yAxisId="err" dataKey="errorPct" name="errors" stroke="#d9463b" dot={false} strokeWidth={1.4} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
