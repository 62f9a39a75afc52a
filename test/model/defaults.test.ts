import { describe, expect, it } from 'vitest';
import { createEdge, createNode, defaultConfig, NODE_KINDS, nextId, parseScenario } from '../../src/model';

describe('defaults', () => {
  it('defaultConfig gives a fresh object each call', () => {
    const a = defaultConfig('client');
    const b = defaultConfig('client');
    expect(a).toEqual(b);
    a.paths['/x'] = 1;
    a.rateSchedule.push({ atMs: 0, rps: 1 });
    expect(defaultConfig('client').paths).toEqual({ '/': 1 });
    expect(defaultConfig('client').rateSchedule).toEqual([]);
  });

  it('createNode makes a valid node of every kind', () => {
    const nodes = NODE_KINDS.map((kind, i) => createNode(kind, `${kind}-1`, { x: i * 100, y: 50 }));
    expect(nodes[4]).toMatchObject({ id: 'server-1', kind: 'server', position: { x: 400, y: 50 }, config: { replicas: 1 } });
    const edge = createEdge('edge-1', 'client-1', 'server-1');
    const result = parseScenario({ version: 1, nodes, edges: [edge] });
    expect(result.ok && result.scenario.nodes).toEqual(nodes);
    expect(result.ok && result.scenario.edges).toEqual([edge]);
  });

  it('createNode places a node at the origin by default and refuses a bad id', () => {
    expect(createNode('cache', 'c').position).toEqual({ x: 0, y: 0 });
    expect(() => createNode('cache', 'not ok')).toThrow(/invalid id/);
  });

  it('nextId finds the first free "<kind>-<n>"', () => {
    expect(nextId('server', [])).toBe('server-1');
    expect(nextId('server', ['server-1'])).toBe('server-2');
    expect(nextId('server', new Set(['server-1', 'server-3', 'cache-2']))).toBe('server-2');
    expect(nextId('edge', ['edge-1', 'edge-2'])).toBe('edge-3');
  });
});
