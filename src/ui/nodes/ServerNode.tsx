import type { NodeProps } from '@xyflow/react';
import type { NodeConfig } from '../../model';
import { describeDuration } from '../format';
import type { ArchFlowNode } from './types';
import { NodeShell } from './NodeShell';

export function ServerNode({ id, data, selected }: NodeProps<ArchFlowNode>) {
  const config = data.config as NodeConfig<'server'>;
  const facts = [
    `${config.replicas} × ${config.concurrency} workers`,
    `service ${describeDuration(config.serviceTime)}`,
    `queue ≤ ${config.queueCapacity}`,
  ];
  return <NodeShell id={id} kind="server" label={data.label} selected={selected} facts={facts} />;
}
