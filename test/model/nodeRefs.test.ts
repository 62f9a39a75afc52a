/**
 * Fields that name nodes are declared once, by their kind (`nodeRefs`), and followed wherever
 * ids move: the document's check, a paste's renaming, a removal.
 */
import { describe, expect, it } from 'vitest';
import { dropNodeRefs, kindDefinitions, NODE_KINDS, parseScenario, renameNodeRefs, type Scenario, type KindDefinition } from '../../src/model';
import { rawNodeRefs } from '../../src/model/nodeRefs';

function gatewayDoc(): Scenario {
  const r = parseScenario({
    version: 1,
    nodes: [
      { id: 'gw', kind: 'apiGateway', config: { routes: [{ pathPrefix: '/a', to: 'a' }, { pathPrefix: '/b', to: 'b' }, { pathPrefix: '/a2', to: 'a' }] } },
      { id: 'a', kind: 'server' },
      { id: 'b', kind: 'server' },
    ],
    edges: [
      { id: 'e1', from: 'gw', to: 'a' },
      { id: 'e2', from: 'gw', to: 'b' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('node references', () => {
  it('the gateway names nodes in routes[].to; no other kind names any', () => {
    expect(kindDefinitions.apiGateway.nodeRefs).toEqual([{ list: 'routes', field: 'to' }]);
    for (const kind of NODE_KINDS) if (kind !== 'apiGateway') expect(kindDefinitions[kind].nodeRefs, kind).toEqual([]);
  });

  it('reads them from a raw node of any shape, skipping what is not a name', () => {
    const raw = { id: 'gw', kind: 'apiGateway', config: { routes: [{ to: 'a' }, 'junk', { to: 7 }, null, { pathPrefix: '/b', to: 'b' }] } };
    expect(rawNodeRefs(raw)).toEqual([
      { path: ['routes', 0, 'to'], id: 'a' },
      { path: ['routes', 4, 'to'], id: 'b' },
    ]);
    for (const junk of [null, 'gw', { kind: 'nonsense', config: { routes: [{ to: 'a' }] } }, { kind: 'apiGateway', config: { routes: 'a' } }, { kind: 'apiGateway' }]) {
      expect(rawNodeRefs(junk)).toEqual([]);
    }
  });

  it('renames every name, and leaves a node of a kind that names none as it is', () => {
    const [gw, a] = gatewayDoc().nodes;
    const renamed = renameNodeRefs(gw, (id) => (id === 'a' ? 'server-9' : id));
    expect(renamed.kind === 'apiGateway' && renamed.config.routes.map((r) => r.to)).toEqual(['server-9', 'b', 'server-9']);
    expect(gw.kind === 'apiGateway' && gw.config.routes.map((r) => r.to)).toEqual(['a', 'b', 'a']);
    expect(renameNodeRefs(a, () => 'x')).toBe(a);
  });

  it('drops the items naming a removed node and keeps the list as it was, null when none names it', () => {
    const [gw, a] = gatewayDoc().nodes;
    const kept = dropNodeRefs(gw, new Set(['a']))!;
    expect(kept.node.kind === 'apiGateway' && kept.node.config.routes).toEqual([{ pathPrefix: '/b', to: 'b' }]);
    expect(kept.dropped).toEqual([{ list: 'routes', value: gw.kind === 'apiGateway' ? gw.config.routes : [] }]);
    expect(dropNodeRefs(gw, new Set(['c']))).toBeNull();
    expect(dropNodeRefs(a, new Set(['gw']))).toBeNull();
  });

  it('a list that is not in the kind’s config does not compile (checked by npm run typecheck)', () => {
    // @ts-expect-error: a gateway has no `rutes`.
    const wrong: KindDefinition<'apiGateway'>['nodeRefs'] = [{ list: 'rutes', field: 'to' }];
    expect(wrong).toHaveLength(1);
  });
});
