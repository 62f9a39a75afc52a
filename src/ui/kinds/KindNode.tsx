/**
 * The node view every kind shares, filled from the kind's UI descriptor: title, badge, facts,
 * the live figures of the run and a menu button. Its size is fixed (the live area has its
 * place before a run starts), so nodes never grow into their neighbours when Play is pressed.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, type MouseEvent } from 'react';
import { kindDefinitions, type NodeConfig, type NodeKind } from '../../model';
import { useDocument, useResults, useSession, type LiveNode } from '../store';
import { factsOf, FIGURES, uiKind } from './index';
import { utilizationColor } from './liveColor';

/** What React Flow carries for each node: the scenario node's fields the view shows. */
export interface ArchNodeData extends Record<string, unknown> {
  kind: NodeKind;
  label: string;
  config: NodeConfig<NodeKind>;
  /** Not a client, and nothing calls it: it would never see a request. */
  uncalled: boolean;
}

/** A canvas node: its React Flow `type` is the scenario node's kind. */
export type ArchFlowNode = Node<ArchNodeData>;

function openMenu(event: MouseEvent<HTMLButtonElement>, id: string) {
  event.stopPropagation();
  const box = event.currentTarget.getBoundingClientRect();
  useSession.getState().openMenu({ type: 'node', id, x: box.left, y: box.bottom + 2 });
}

/** Up to this many instance dots; more are summed up as "+N". */
const MAX_DOTS = 12;

function InstanceDots({ live }: { live: LiveNode }) {
  const starting = live.replicas?.starting ?? 0;
  const total = live.instancesTotal + starting;
  if (total <= 0) return null;
  const dots: string[] = [];
  for (let i = 0; i < Math.min(total, MAX_DOTS); i++) dots.push(i < live.instancesUp ? 'up' : i < live.instancesTotal ? 'down' : 'starting');
  const title = `${live.instancesUp} of ${live.instancesTotal} instances up${starting > 0 ? `, ${starting} starting` : ''}`;
  return (
    <span className="instance-dots" title={title} aria-label={title} role="img">
      {dots.map((d, i) => (
        <i key={i} className={`dot dot-${d}`} />
      ))}
      {total > MAX_DOTS && <span className="dots-more">+{total - MAX_DOTS}</span>}
    </span>
  );
}

function KindNodeView({ id, data, selected }: NodeProps<ArchFlowNode>) {
  const { kind, label, config, uncalled } = data;
  const descriptor = uiKind(kind);
  const live = useResults((s) => s.live[id]);
  const finding = useResults((s) => s.findings.find((f) => f.node === id));
  const simulated = useSession((s) => s.simulatedKinds?.includes(kind) ?? true);
  const readOnly = useDocument((s) => s.readOnly);
  const showsUtilization = descriptor.figures.includes('utilization');
  const utilization = live?.utilization ?? 0;
  const color = live && showsUtilization ? utilizationColor(utilization) : undefined;
  const down = live ? live.instancesTotal - live.instancesUp : 0;
  return (
    <div
      className={`arch-node kind-${kind}${selected ? ' selected' : ''}${live ? ' live' : ''}${uncalled ? ' uncalled' : ''}${finding ? ` explained-${finding.severity}` : ''}`}
      data-testid={`node-${id}`}
      data-kind={kind}
      data-utilization={live ? utilization.toFixed(3) : undefined}
      style={color ? { borderColor: color } : undefined}
    >
      {/* Every node has an input handle, so a wiring into a client can be tried and refused with the reason. */}
      <Handle
        type="target"
        position={Position.Left}
        className={descriptor.receivesCalls ? undefined : 'refuses'}
        title={descriptor.receivesCalls ? undefined : 'A client only sends requests: it cannot receive calls'}
      />
      <div className="arch-node-title">
        <span className={`arch-node-badge badge-${kind}`}>{descriptor.badge}</span>
        <span className="arch-node-label" title={label}>
          {label}
        </span>
        {finding && (
          <span className={`why-badge why-${finding.severity}`} data-testid={`why-${id}`} title={finding.text}>
            {finding.severity === 'failing' ? '⚠ failing' : '⚠ bottleneck'}
          </span>
        )}
        {!readOnly && (
          <button
            type="button"
            className="node-menu-button nodrag"
            aria-label={`Actions for ${label}`}
            data-testid={`node-menu-${id}`}
            onClick={(e) => openMenu(e, id)}
          >
            ⋯
          </button>
        )}
      </div>
      <div className="arch-node-kind">
        {kindDefinitions[kind].label}
        {!simulated && <span className="soon" title="Not simulated yet in this version">soon</span>}
        {uncalled && (
          <span className="uncalled-flag" data-testid={`uncalled-${id}`} title="Nothing calls this node: it will never see a request. Connect a caller to it.">
            ⚠ not called
          </span>
        )}
      </div>
      <ul className="arch-node-facts">
        {factsOf(kind, config).map((fact, i) => (
          <li key={i}>{fact}</li>
        ))}
      </ul>
      <div className="arch-node-live" data-testid={live ? `node-live-${id}` : undefined}>
        <div className="live-row">
          {showsUtilization && (
            <div className="util-bar" title={FIGURES.utilization.title}>
              <div className="util-fill" style={{ width: `${Math.min(100, utilization * 100)}%`, background: color }} />
            </div>
          )}
          {live && descriptor.instanceDots && <InstanceDots live={live} />}
        </div>
        <div className="arch-node-stats">
          {descriptor.figures.map((name) => {
            const text = live ? FIGURES[name].short(live) : '—';
            if (text === null) return null;
            return (
              <span key={name} data-figure={name} title={FIGURES[name].title} className={name === 'instances' && down > 0 ? 'instances-down' : undefined}>
                {text}
              </span>
            );
          })}
        </div>
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

export const KindNode = memo(KindNodeView);
