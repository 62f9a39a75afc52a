/**
 * The cost model asks each kind (issue 5: a kind is six files, all compiler-guided): the walk
 * in estimate.ts names no kind, and every kind's definition must carry its cost hooks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kindDefinitions, NODE_KINDS, parseScenario, populationOf, type KindDefinition } from '../../src/model';

/** Source text without comments. */
function code(file: string): string {
  return readFileSync(join(__dirname, '../../src/model', file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
}

describe('each kind carries its own cost', () => {
  it('the walk and the hook types name no kind: what a kind costs is in its definition', () => {
    for (const file of ['cost/estimate.ts', 'cost/kindCost.ts', 'cost/budget.ts']) {
      const text = code(file);
      for (const kind of NODE_KINDS) expect(text, `${file} names '${kind}'`).not.toContain(`'${kind}'`);
      expect(text, file).not.toMatch(/\.kind\s*[!=]==/);
    }
  });

  it('every kind has cost hooks', () => {
    for (const kind of NODE_KINDS) {
      expect(typeof kindDefinitions[kind].cost.eventsPerCall, kind).toBe('function');
      expect(typeof kindDefinitions[kind].cost.items, kind).toBe('function');
    }
  });

  it('a kind definition without cost hooks does not compile (checked by npm run typecheck)', () => {
    const configSchema = z.object({ capacity: z.number().default(1) });
    // @ts-expect-error: `cost` is required of every kind.
    const missing: KindDefinition<'cache'> = { label: 'Widget', description: 'No cost hooks.', configSchema, nodeRefs: [] };
    const withHooks: KindDefinition<'cache'> = {
      label: 'Widget',
      description: 'Cost hooks typed by the kind’s own config.',
      configSchema,
      nodeRefs: [],
      cost: {
        // @ts-expect-error: a hook reads the kind's own config (a cache has no `replicas`).
        eventsPerCall: (c) => c.replicas,
        items: () => {},
      },
    };
    expect(missing.cost).toBeUndefined();
    expect(typeof withHooks.cost.items).toBe('function');
  });
});

describe('population: the users and keys the engine sizes its tables by and the cost model prices', () => {
  it('is the largest users and keys.count of any client, 1 and 1 with none', () => {
    const r = parseScenario({
      version: 1,
      nodes: [
        { id: 'a', kind: 'client', config: { users: 30, keys: { count: 7 } } },
        { id: 'b', kind: 'client', config: { users: 5, keys: { count: 900 } } },
        { id: 's', kind: 'server' },
        { id: 'lb', kind: 'loadBalancer' },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(populationOf(r.scenario.nodes)).toEqual({ maxUsers: 30, maxKeys: 900 });
    expect(populationOf(r.scenario.nodes.slice(2))).toEqual({ maxUsers: 1, maxKeys: 1 });
  });
});
