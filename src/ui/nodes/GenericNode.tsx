/** The view of kinds that have no view of their own yet: title and live state only. */
import type { NodeProps } from '@xyflow/react';
import type { ArchFlowNode } from './types';
import { NodeShell } from './NodeShell';

export function GenericNode({ id, data, selected }: NodeProps<ArchFlowNode>) {
  return <NodeShell id={id} kind={data.kind} label={data.label} selected={selected} facts={[]} />;
}
