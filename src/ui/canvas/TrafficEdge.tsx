/**
 * A call drawn with its traffic: the line's thickness in proportion to its calls per second
 * (against the busiest call on the canvas), a red line inside it as thick as the share of
 * calls that fail, and a label with the rate and, when the call has a circuit breaker, the
 * breaker's state. Re-renders only when this edge's numbers change (about ten times a second).
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatRate } from '../format';
import { useResults } from '../store';

/** Line widths in flow px: an idle call, and the extra width of the busiest one. */
const MIN_WIDTH = 1.5;
const EXTRA_WIDTH = 6;

function TrafficEdgeView(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected } = props;
  const live = useResults((s) => s.edges[id]);
  const busiest = useResults((s) => s.busiestEdgeRps);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const share = live && busiest > 0 ? live.callsPerSec / busiest : 0;
  const width = MIN_WIDTH + EXTRA_WIDTH * share;
  const failing = live ? live.failRate : 0;
  const breaker = live?.circuitState ?? null;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={live && live.callsPerSec > 0 ? 'traffic' : undefined}
        style={{ strokeWidth: selected ? Math.max(width, 2.5) : width }}
      />
      {failing > 0.005 && (
        <path d={path} className="edge-failing" style={{ strokeWidth: Math.max(1.5, width * failing) }} fill="none" pointerEvents="none" />
      )}
      {live && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label${breaker ? ` breaker-${breaker}` : ''}${failing >= 0.05 ? ' failing' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-traffic-${id}`}
            data-calls={live.callsPerSec.toFixed(1)}
            data-fail-rate={failing.toFixed(3)}
            data-breaker={breaker ?? undefined}
          >
            <span>{formatRate(live.callsPerSec)}/s</span>
            {failing >= 0.005 && <span className="edge-fail">{(failing * 100).toFixed(failing < 0.1 ? 1 : 0)}% fail</span>}
            {breaker && <span className="edge-breaker">breaker {breaker}</span>}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TrafficEdge = memo(TrafficEdgeView);

/** React Flow's edge types, at module scope (a new object would re-mount every edge). */
export const edgeTypes = { traffic: TrafficEdge };
