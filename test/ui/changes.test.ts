/** The change functions, one by one, on small documents that read as examples. */
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/model';
import { applyChange, ChangeError } from '../../src/ui/edit/applyChange';
import { nodeTarget, scenarioTarget } from '../../src/ui/edit/changes';
import { copyNodes, pasteChange } from '../../src/ui/edit/clipboard';
import { edit, initialEditorState, redo, undo } from '../../src/ui/edit/editor';
import { closeGroup, GROUP_WINDOW_MS } from '../../src/ui/edit/history';
import { connectionProblem, uncalledNodes } from '../../src/ui/edit/wiring';

function doc(extra: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    version: 1,
    nodes: [
      { id: 'users', kind: 'client' },
      { id: 'gw', kind: 'apiGateway', config: { routes: [{ pathPrefix: '/a', to: 'a' }, { pathPrefix: '/b', to: 'b' }] } },
      { id: 'a', kind: 'server' },
      { id: 'b', kind: 'server' },
      { id: 'db', kind: 'database' },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'gw' },
      { id: 'e2', from: 'gw', to: 'a' },
      { id: 'e3', from: 'gw', to: 'b' },
      { id: 'e4', from: 'a', to: 'db' },
    ],
    faults: [
      { atMs: 100, action: 'crash', target: 'a' },
      { atMs: 200, action: 'partition', target: 'e3' },
      { atMs: 300, action: 'crash', target: 'db' },
    ],
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('remove', () => {
  it('takes the edges, faults and gateway routes that would dangle, and its inverse puts them back in place', () => {
    const before = doc();
    const { scenario, inverse } = applyChange(before, { type: 'remove', nodeIds: ['a'], edgeIds: [] });
    expect(scenario.nodes.map((n) => n.id)).toEqual(['users', 'gw', 'b', 'db']);
    expect(scenario.edges.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(scenario.faults.map((f) => f.target)).toEqual(['e3', 'db']);
    const gw = scenario.nodes.find((n) => n.id === 'gw');
    expect(gw?.kind === 'apiGateway' && gw.config.routes).toEqual([{ pathPrefix: '/b', to: 'b' }]);
    expect(applyChange(scenario, inverse).scenario).toStrictEqual(before);
  });

  it('removes scheduled faults by index', () => {
    const { scenario, inverse } = applyChange(doc(), { type: 'remove', nodeIds: [], edgeIds: [], faultIndices: [1] });
    expect(scenario.faults.map((f) => f.atMs)).toEqual([100, 300]);
    expect(applyChange(scenario, inverse).scenario).toStrictEqual(doc());
  });
});

describe('set', () => {
  it('sets a nested field and removes a key with undefined', () => {
    const before = doc();
    const set = applyChange(before, { type: 'set', target: nodeTarget('a'), path: ['config', 'replicas'], value: 3 });
    expect(set.scenario.nodes[2].config).toMatchObject({ replicas: 3 });
    expect(set.inverse).toEqual({ type: 'set', target: nodeTarget('a'), path: ['config', 'replicas'], value: 1 });
    const labelled = applyChange(before, { type: 'set', target: nodeTarget('a'), path: ['label'], value: 'API' });
    expect(applyChange(labelled.scenario, labelled.inverse).scenario.nodes[2]).not.toHaveProperty('label');
  });

  it('refuses ids, unknown targets and paths into nothing', () => {
    expect(() => applyChange(doc(), { type: 'set', target: nodeTarget('a'), path: ['id'], value: 'z' })).toThrow(ChangeError);
    expect(() => applyChange(doc(), { type: 'set', target: nodeTarget('nope'), path: ['label'], value: 'x' })).toThrow(/nope/);
    expect(() => applyChange(doc(), { type: 'set', target: nodeTarget('a'), path: ['config', 'autoscale', 'min'], value: 2 })).toThrow(ChangeError);
  });
});

describe('the editor', () => {
  it('refuses an invalid value with the field named and keeps the last valid document', () => {
    const state = initialEditorState(doc());
    const { state: after, result } = edit(state, { type: 'set', target: nodeTarget('a'), path: ['config', 'replicas'], value: 0 }, { label: 'set replicas' });
    expect(result).toEqual({ ok: false, errors: [{ path: 'nodes[2].config.replicas', message: 'must be an integer ≥ 1' }] });
    expect(after).toBe(state);
  });

  it('groups a burst of typing in one field into one step, and not after a pause', () => {
    let state = initialEditorState(doc());
    const type = (value: number, now: number) =>
      (state = edit(state, { type: 'set', target: nodeTarget('a'), path: ['config', 'concurrency'], value }, { label: 'set concurrency', group: 'a.concurrency', now }).state);
    type(1, 0);
    type(12, 100);
    type(123, 200);
    expect(state.history.past).toHaveLength(1);
    type(124, 200 + GROUP_WINDOW_MS + 1);
    expect(state.history.past).toHaveLength(2);
    state = undo(state)!;
    expect(state.scenario.nodes[2].config).toMatchObject({ concurrency: 123 });
    state = undo(state)!;
    expect(state.scenario).toStrictEqual(doc());
    state = redo(redo(state)!)!;
    expect(state.scenario.nodes[2].config).toMatchObject({ concurrency: 124 });
  });

  it('leaving the field ends the burst: typing after it is a step of its own however soon', () => {
    let state = initialEditorState(doc());
    const type = (value: number, now: number) =>
      (state = edit(state, { type: 'set', target: nodeTarget('a'), path: ['config', 'concurrency'], value }, { label: 'set concurrency', group: 'a.concurrency', now }).state);
    type(8, 0);
    state = { ...state, history: closeGroup(state.history) };
    type(4, 10);
    type(6, 20);
    expect(state.history.past).toHaveLength(2);
    state = undo(state)!;
    expect(state.scenario.nodes[2].config).toMatchObject({ concurrency: 8 });
    expect(closeGroup(state.history)).toBe(state.history);
  });

  it('loading a whole document is one step that undo takes back', () => {
    const other = doc({ name: 'Other', nodes: [{ id: 'solo', kind: 'client' }], edges: [], faults: [] });
    let state = initialEditorState(doc());
    state = edit(state, { type: 'replace', scenario: other }, { label: 'open link' }).state;
    expect(state.scenario.name).toBe('Other');
    state = undo(state)!;
    expect(state.scenario).toStrictEqual(doc());
  });

  it('keeps the objects of nodes that did not change', () => {
    const state = initialEditorState(doc());
    const next = edit(state, { type: 'set', target: scenarioTarget, path: ['name'], value: 'Renamed' }, { label: 'rename' }).state;
    expect(next.scenario.nodes[0]).toBe(state.scenario.nodes[0]);
    expect(next.scenario.nodes).toBe(state.scenario.nodes);
  });
});

describe('copy and paste', () => {
  it('pastes two connected servers with fresh ids and the edge between them', () => {
    const before = doc();
    const clip = copyNodes(before, ['a', 'db'])!;
    expect(clip.edges.map((e) => e.id)).toEqual(['e4']);
    const { change, nodeIds } = pasteChange(before, clip, { x: 40, y: 40 });
    expect(nodeIds).toEqual(['server-1', 'database-1']);
    const { scenario } = applyChange(before, change);
    const pasted = scenario.edges.at(-1)!;
    expect(pasted).toMatchObject({ id: 'e5', from: 'server-1', to: 'database-1' });
    expect(scenario.nodes.find((n) => n.id === 'server-1')?.position).toEqual({ x: 40, y: 40 });
    expect(parseScenario(scenario).ok).toBe(true);
  });
});

describe('wiring', () => {
  it('refuses an edge into a client, a second edge out of a client and a cycle, saying why', () => {
    const d = doc();
    expect(connectionProblem(d, 'a', 'users')).toMatch(/a client only sends requests: "users" cannot receive calls/);
    expect(connectionProblem(d, 'users', 'a')).toMatch(/a client sends down a single edge: "users" already calls "gw"/);
    expect(connectionProblem(d, 'db', 'gw')).toBe('it would close a cycle (gw → a → db → gw): every request would go round it forever');
    expect(connectionProblem(d, 'b', 'db')).toBeNull();
  });

  it('flags nodes nothing calls, clients aside', () => {
    expect([...uncalledNodes(doc({ edges: [{ id: 'e1', from: 'users', to: 'gw' }], faults: [] }))]).toEqual(['a', 'b', 'db']);
  });
});
