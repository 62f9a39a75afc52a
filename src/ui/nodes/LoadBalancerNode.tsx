import type { NodeProps } from '@xyflow/react';
import type { NodeConfig } from '../../model';
import type { ArchFlowNode } from './types';
import { NodeShell } from './NodeShell';

export function LoadBalancerNode({ id, data, selected }: NodeProps<ArchFlowNode>) {
  const config = data.config as NodeConfig<'loadBalancer'>;
  const facts: string[] = [config.algorithm];
  if (config.healthCheck) facts.push('health checks');
  if (config.stickySessions) facts.push('sticky sessions');
  return <NodeShell id={id} kind="loadBalancer" label={data.label} selected={selected} facts={facts} showsUtilization={false} />;
}
