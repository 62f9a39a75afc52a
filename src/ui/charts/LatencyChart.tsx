/** Latency percentiles of the requests that finished in each frame, over simulated time. */
import { CartesianGrid, ReferenceLine, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../format';
import type { ChartPoint } from '../store';
import { describeFault, FAULT_COLORS, type FaultMark } from '../faults/marks';
import { ChartFrame } from './ChartFrame';
import { axisSeconds, CHART_MARGIN, TICK_STYLE } from './chartStyle';

const SERIES = [
  { key: 'p50', name: 'p50', color: '#2f7ed8' },
  { key: 'p95', name: 'p95', color: '#e8a317' },
  { key: 'p99', name: 'p99', color: '#d9463b' },
] as const;

export function LatencyChart({ points, marks }: { points: ChartPoint[]; marks: readonly FaultMark[] }) {
  const last = points[points.length - 1];
  return (
    <ChartFrame
      testId="latency-chart"
      title="Latency"
      points={points.length}
      now={last && `p50 ${formatMs(last.p50)} · p95 ${formatMs(last.p95)} · p99 ${formatMs(last.p99)}`}
    >
          <LineChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={axisSeconds} tick={TICK_STYLE} />
            <YAxis unit=" ms" width={64} tick={TICK_STYLE} />
            <Tooltip formatter={(v) => formatMs(Number(v))} labelFormatter={(t) => `t = ${Number(t).toFixed(1)} s`} />
            <Legend verticalAlign="top" height={22} iconType="plainline" />
            {SERIES.map((s) => (
              <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} dot={false} strokeWidth={1.6} isAnimationActive={false} />
            ))}
            {marks.map((m) => (
              <ReferenceLine key={`${m.source}${m.index}`} x={m.atMs / 1000} stroke={FAULT_COLORS[m.action]} strokeDasharray={m.source === 'live' ? undefined : '4 3'} label={{ value: describeFault(m), position: 'insideTopLeft', fontSize: 10, fill: FAULT_COLORS[m.action] }} />
            ))}
          </LineChart>
    </ChartFrame>
  );
}
