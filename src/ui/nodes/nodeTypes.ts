/**
 * One view per node kind. Typed `satisfies Record<NodeKind, …>`: a kind added to the model
 * without a view here is a compile error. Defined once at module scope (React Flow re-mounts
 * every node when `nodeTypes` changes identity).
 */
import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { NodeKind } from '../../model';
import { ClientNode } from './ClientNode';
import { GenericNode } from './GenericNode';
import { LoadBalancerNode } from './LoadBalancerNode';
import { ServerNode } from './ServerNode';
import type { ArchFlowNode } from './types';

export const nodeTypes = {
  client: ClientNode,
  loadBalancer: LoadBalancerNode,
  server: ServerNode,
  apiGateway: GenericNode,
  rateLimiter: GenericNode,
  cache: GenericNode,
  cdn: GenericNode,
  queue: GenericNode,
  database: GenericNode,
} satisfies Record<NodeKind, ComponentType<NodeProps<ArchFlowNode>>>;
