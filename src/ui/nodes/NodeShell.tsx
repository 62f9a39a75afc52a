/** The frame every node view shares: title, handles, a few facts and the live state bar. */
import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { kindDefinitions, type NodeKind } from '../../model';
import { formatRate } from '../format';
import { BADGES } from './badges';
import { useNodeLive, utilizationColor } from './live';

interface NodeShellProps {
  id: string;
  kind: NodeKind;
  label: string;
  selected?: boolean;
  /** Short facts about the configuration, one per line. */
  facts: ReactNode[];
  /** Whether the node receives calls (a client does not). */
  hasInput?: boolean;
  /** Whether the node shows worker utilisation (a client or load balancer has no workers to fill). */
  showsUtilization?: boolean;
}

export function NodeShell({ id, kind, label, selected, facts, hasInput = true, showsUtilization = true }: NodeShellProps) {
  const live = useNodeLive(id);
  const utilization = live?.utilization ?? 0;
  const color = live && showsUtilization ? utilizationColor(utilization) : undefined;
  const down = live ? live.instancesTotal - live.instancesUp : 0;
  return (
    <div
      className={`arch-node kind-${kind}${selected ? ' selected' : ''}${live ? ' live' : ''}`}
      data-testid={`node-${id}`}
      data-kind={kind}
      data-utilization={live ? utilization.toFixed(3) : undefined}
      style={color ? { borderColor: color } : undefined}
    >
      {hasInput && <Handle type="target" position={Position.Left} />}
      <div className="arch-node-title">
        <span className={`arch-node-badge badge-${kind}`}>{BADGES[kind]}</span>
        <span className="arch-node-label" title={label}>
          {label}
        </span>
      </div>
      <div className="arch-node-kind">{kindDefinitions[kind].label}</div>
      <ul className="arch-node-facts">
        {facts.map((fact, i) => (
          <li key={i}>{fact}</li>
        ))}
      </ul>
      {live && (
        <div className="arch-node-live" data-testid={`node-live-${id}`}>
          {showsUtilization && (
            <div className="util-bar" title={`utilisation ${(utilization * 100).toFixed(0)}% (over about the last simulated second)`}>
              <div className="util-fill" style={{ width: `${Math.min(100, utilization * 100)}%`, background: color }} />
            </div>
          )}
          <div className="arch-node-stats">
            {showsUtilization ? (
              <>
                <span title="utilisation">{(utilization * 100).toFixed(0)}%</span>
                <span title="requests waiting">q {live.queueLength}</span>
              </>
            ) : (
              <span title="requests per simulated second">{formatRate(live.rateRps)} rps</span>
            )}
            {kind !== 'client' && (
              <span className={down > 0 ? 'instances-down' : undefined} title="instances up / total">
                {live.instancesUp}/{live.instancesTotal} up
              </span>
            )}
          </div>
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
