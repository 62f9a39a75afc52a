/**
 * The registry of node kinds: one entry per kind, each defined in its own
 * file (its config schema and its cost hooks). Tables elsewhere (engine
 * components, UI views) are typed over `NodeKind` with a mapped type, so
 * adding a kind here without them fails to compile.
 */
import { apiGatewayKind } from './apiGateway';
import { cacheKind } from './cache';
import { cdnKind } from './cdn';
import { clientKind } from './client';
import { databaseKind } from './database';
import type { KindCost } from '../cost/kindCost';
import type { KindDefinition, NodeRefList } from './definition';
import { loadBalancerKind } from './loadBalancer';
import { queueKind } from './queue';
import { rateLimiterKind } from './rateLimiter';
import { serverKind } from './server';

export type { KindDefinition } from './definition';

/** Every node kind, in palette order. */
export const NODE_KINDS = [
  'client',
  'loadBalancer',
  'apiGateway',
  'rateLimiter',
  'server',
  'cache',
  'cdn',
  'queue',
  'database',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

export const kindDefinitions = {
  client: clientKind,
  loadBalancer: loadBalancerKind,
  apiGateway: apiGatewayKind,
  rateLimiter: rateLimiterKind,
  server: serverKind,
  cache: cacheKind,
  cdn: cdnKind,
  queue: queueKind,
  database: databaseKind,
} satisfies { [K in NodeKind]: KindDefinition<K> };

/** The table seen through its mapped type, so a kind's row keeps its own type when indexed by a generic kind. */
const definitions: { [K in NodeKind]: KindDefinition<K> } = kindDefinitions;

/** A kind's cost hooks: `kindCost(node.kind).items(node.config, ctx)` reads the node's own config. */
export function kindCost<K extends NodeKind>(kind: K): KindCost<K> {
  return definitions[kind].cost;
}

/** The lists of a kind's config whose items name a node (see nodeRefs.ts). */
export function kindNodeRefs<K extends NodeKind>(kind: K): readonly NodeRefList<K>[] {
  return definitions[kind].nodeRefs;
}

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}
