/**
 * The behaviour of each node kind, once. A kind mapped to null is valid in documents but not
 * simulated yet: the engine refuses to run it with a message rather than fake it.
 */
import type { NodeKind, NodeOf, ScenarioNode } from '../../model';
import type { Engine } from '../runtime/engine';
import type { NodeRuntime } from '../runtime/node';
import { ClientRuntime } from './client';
import { LoadBalancerRuntime } from './loadBalancer';
import { ServerRuntime } from './server';

export interface BuildContext {
  /** Users are integers in [0, maxUsers): the largest `users` of any client. */
  maxUsers: number;
}

export type ComponentFactory = (engine: Engine, index: number, node: ScenarioNode, ctx: BuildContext) => NodeRuntime;

export const components = {
  client: (e, i, n, _ctx) => new ClientRuntime(e, i, n.id, (n as NodeOf<'client'>).config),
  loadBalancer: (e, i, n, ctx) =>
    new LoadBalancerRuntime(e, i, n.id, (n as NodeOf<'loadBalancer'>).config, ctx.maxUsers),
  server: (e, i, n, ctx) =>
    new ServerRuntime(e, i, n.id, (n as NodeOf<'server'>).config, ctx.maxUsers),
  apiGateway: null,
  rateLimiter: null,
  cache: null,
  cdn: null,
  queue: null,
  database: null,
} satisfies Record<NodeKind, ComponentFactory | null>;
