/** The selected node's state in the latest frame of the run. */
import { useNodeLive } from '../nodes/live';

export function NodeLiveStats({ id }: { id: string }) {
  const live = useNodeLive(id);
  if (!live) return null;
  return (
    <dl className="live-stats" data-testid="inspector-live">
      <dt>Utilisation (~1 s)</dt>
      <dd>{(live.utilization * 100).toFixed(1)}%</dd>
      <dt>Queued now</dt>
      <dd>{live.queueLength}</dd>
      <dt>Arrival rate (~1 s)</dt>
      <dd>{live.rateRps.toFixed(0)} rps</dd>
      <dt>Instances up</dt>
      <dd>
        {live.instancesUp} / {live.instancesTotal}
      </dd>
    </dl>
  );
}
