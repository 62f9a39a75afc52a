/** Throughput (ok requests per simulated second) and error rate, over simulated time. */
import { Area, CartesianGrid, ReferenceLine, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatRate } from '../format';
import type { ChartPoint } from '../store';
import { describeFault, FAULT_COLORS, type FaultMark } from '../faults/marks';
import { ChartFrame } from './ChartFrame';
import { axisSeconds, CHART_MARGIN, TICK_STYLE } from './chartStyle';

export function ThroughputChart({ points, marks }: { points: ChartPoint[]; marks: readonly FaultMark[] }) {
  const last = points[points.length - 1];
  return (
    <ChartFrame
      testId="throughput-chart"
      title="Throughput and errors"
      points={points.length}
      now={last && `${formatRate(last.throughputRps)} rps · errors ${last.errorPct.toFixed(1)}%`}
    >
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
            {marks.map((m) => (
              <ReferenceLine key={`${m.source}${m.index}`} yAxisId="rps" x={m.atMs / 1000} stroke={FAULT_COLORS[m.action]} strokeDasharray={m.source === 'live' ? undefined : '4 3'} label={{ value: describeFault(m), position: 'insideTopLeft', fontSize: 10, fill: FAULT_COLORS[m.action] }} />
            ))}
          </ComposedChart>
    </ChartFrame>
  );
}
