/**
 * The users and keys a run's requests carry: user ids are integers in [0, maxUsers) and keys
 * in [0, maxKeys), the largest `users` and `keys` of any source (a client). The engine sizes
 * its per-user and per-key tables by them and the cost model prices those tables by them, so
 * both ask here, and here asks each kind (its `cost.source`).
 */
import { kindCost } from './kinds';
import type { ScenarioNode } from './scenario';

export interface Population {
  maxUsers: number;
  maxKeys: number;
}

export function populationOf(nodes: readonly ScenarioNode[]): Population {
  let maxUsers = 1;
  let maxKeys = 1;
  for (const node of nodes) {
    const source = kindCost(node.kind).source?.(node.config);
    if (source === undefined) continue;
    if (source.users > maxUsers) maxUsers = source.users;
    if (source.keys > maxKeys) maxKeys = source.keys;
  }
  return { maxUsers, maxKeys };
}
