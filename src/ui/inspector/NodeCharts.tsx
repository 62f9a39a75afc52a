/** The selected node's own charts (its kind's descriptor lists them), from the run's history. */
import { useMemo } from 'react';
import type { NodeKind } from '../../model';
import { nodeChart } from '../charts/specs';
import { TimeChart } from '../charts/TimeChart';
import { uiKind } from '../kinds';

export default function NodeCharts({ id, kind }: { id: string; kind: NodeKind }) {
  const names = uiKind(kind).charts;
  const specs = useMemo(() => names.map((n) => nodeChart(id, n)), [id, names]);
  return (
    <div className="node-charts" data-testid="node-charts">
      {specs.map((spec) => (
        <TimeChart key={spec.id} spec={spec} testId={`${spec.id}-chart`} compact />
      ))}
    </div>
  );
}
