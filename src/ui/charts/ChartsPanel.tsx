/** The charts under the canvas, with every fault marked on them, the fault timeline and the results; loaded lazily (recharts is the bulk of the bundle). */
import { useFaultMarks } from '../faults/marks';
import { Timeline } from '../faults/Timeline';
import { LatencyChart } from './LatencyChart';
import { ReportPanel } from './ReportPanel';
import { ThroughputChart } from './ThroughputChart';
import { useChartPoints } from './useChartPoints';

export default function ChartsPanel() {
  const points = useChartPoints();
  const marks = useFaultMarks();
  return (
    <div className="charts-panel">
      <div className="charts">
        <LatencyChart points={points} marks={marks} />
        <ThroughputChart points={points} marks={marks} />
        <ReportPanel />
      </div>
      <Timeline />
    </div>
  );
}
