import type { Node } from '@xyflow/react';
import type { ArchNodeData } from './live';

/** A canvas node: its React Flow `type` is the scenario node's kind. */
export type ArchFlowNode = Node<ArchNodeData>;
