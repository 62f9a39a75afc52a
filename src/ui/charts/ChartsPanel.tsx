/** The charts under the canvas; loaded lazily (recharts is the bulk of the bundle). */
import { LatencyChart } from './LatencyChart';
import { ThroughputChart } from './ThroughputChart';
import { useChartPoints } from './useChartPoints';

export default function ChartsPanel() {
  const points = useChartPoints();
  return (
    <div className="charts">
      <LatencyChart points={points} />
      <ThroughputChart points={points} />
    </div>
  );
}
