/**
 * The inspector offers a node's downstream nodes for a field that names a node (`ref:
 * 'downstream'`); the model must know the same fields, or a paste and a removal would not
 * follow them and the document would not check them.
 */
import { describe, expect, it } from 'vitest';
import { kindDefinitions, NODE_KINDS, parseScenario } from '../../src/model';
import { applyChange } from '../../src/ui/edit/applyChange';
import { copyNodes, pasteChange } from '../../src/ui/edit/clipboard';
import { uiKinds } from '../../src/ui/kinds';

describe('fields that name nodes', () => {
  it('are the same in the UI descriptor and the model definition, kind by kind', () => {
    for (const kind of NODE_KINDS) {
      const ui = Object.entries(uiKinds[kind].fields)
        .filter(([, info]) => info.ref === 'downstream')
        .map(([path]) => path)
        .sort();
      const model = kindDefinitions[kind].nodeRefs.map((r) => `${r.list}[].${r.field}`).sort();
      expect(ui, kind).toEqual(model);
    }
  });

  it('a pasted gateway routes to the pasted copies of its nodes, and to the originals otherwise', () => {
    const r = parseScenario({
      version: 1,
      nodes: [
        { id: 'gw', kind: 'apiGateway', config: { routes: [{ pathPrefix: '/a', to: 'a' }, { pathPrefix: '/b', to: 'b' }] } },
        { id: 'a', kind: 'server' },
        { id: 'b', kind: 'server' },
      ],
      edges: [
        { id: 'e1', from: 'gw', to: 'a' },
        { id: 'e2', from: 'gw', to: 'b' },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { change, nodeIds } = pasteChange(r.scenario, copyNodes(r.scenario, ['gw', 'a'])!, { x: 40, y: 40 });
    expect(nodeIds).toEqual(['apiGateway-1', 'server-1']);
    const { scenario } = applyChange(r.scenario, change);
    const pasted = scenario.nodes.find((n) => n.id === 'apiGateway-1');
    expect(pasted?.kind === 'apiGateway' && pasted.config.routes.map((route) => route.to)).toEqual(['server-1', 'b']);
    expect(parseScenario(scenario).ok).toBe(true);
  });
});
