import type { NodeProps } from '@xyflow/react';
import type { NodeConfig } from '../../model';
import { formatRate } from '../format';
import type { ArchFlowNode } from './types';
import { NodeShell } from './NodeShell';

export function ClientNode({ id, data, selected }: NodeProps<ArchFlowNode>) {
  const config = data.config as NodeConfig<'client'>;
  const facts = [`${formatRate(config.rps)} rps, ${config.arrival}`];
  if (config.rateSchedule.length > 0) facts.push(`${config.rateSchedule.length} rate step(s)`);
  return (
    <NodeShell id={id} kind="client" label={data.label} selected={selected} facts={facts} hasInput={false} showsUtilization={false} />
  );
}
