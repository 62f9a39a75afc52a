/**
 * React Flow's node types: every kind is drawn by the shared view, which reads the kind's
 * descriptor. Built once at module scope (React Flow re-mounts every node when `nodeTypes`
 * changes identity).
 */
import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import { NODE_KINDS, type NodeKind } from '../../model';
import { KindNode, type ArchFlowNode } from './KindNode';

const types = {} as Record<NodeKind, ComponentType<NodeProps<ArchFlowNode>>>;
for (const kind of NODE_KINDS) types[kind] = KindNode;

export const nodeTypes = types;
