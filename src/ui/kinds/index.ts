/**
 * The UI's table of node kinds: one descriptor per kind, each in its own file. Typed with a
 * mapped type, so each descriptor keeps its own config type (no casts) and a kind added to the
 * model without a descriptor here is a compile error.
 */
import type { NodeConfig, NodeKind } from '../../model';
import { apiGatewayUi } from './apiGateway';
import { cacheUi } from './cache';
import { cdnUi } from './cdn';
import { clientUi } from './client';
import { databaseUi } from './database';
import { loadBalancerUi } from './loadBalancer';
import { queueUi } from './queue';
import { rateLimiterUi } from './rateLimiter';
import { serverUi } from './server';
import type { UiKindDescriptor, UiKindTable } from './types';

export type { InspectorSection, LiveFields, UiKindDescriptor, UiKindTable } from './types';
export { FIGURES, type FigureName } from './figures';

const table = {
  client: clientUi,
  loadBalancer: loadBalancerUi,
  apiGateway: apiGatewayUi,
  rateLimiter: rateLimiterUi,
  server: serverUi,
  cache: cacheUi,
  cdn: cdnUi,
  queue: queueUi,
  database: databaseUi,
} satisfies UiKindTable;

export const uiKinds: UiKindTable = table;

/** The descriptor of a kind, typed for that kind. */
export function uiKind<K extends NodeKind>(kind: K): UiKindDescriptor<K> {
  return uiKinds[kind];
}

/** The facts a node shows, from its own config. */
export function factsOf<K extends NodeKind>(kind: K, config: NodeConfig<K>): string[] {
  return uiKind(kind).facts(config);
}
