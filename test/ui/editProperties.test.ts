/**
 * The edit path as a property: over random documents and random sequences of edits (valid and
 * invalid, grouped or not, with undo and redo in between), every undo returns exactly the
 * document before the step and every redo exactly the one after it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNode, NODE_KINDS, parseScenario, type Scenario } from '../../src/model';
import { copyNodes, freshEdgeId, pasteChange } from '../../src/ui/edit/clipboard';
import { edgeTarget, nodeTarget, scenarioTarget, type DocChange } from '../../src/ui/edit/changes';
import { edit, initialEditorState, redo, undo, type EditorState } from '../../src/ui/edit/editor';
import { GROUP_WINDOW_MS } from '../../src/ui/edit/history';
import { arbAnyScenario } from '../model/arbitraries';

const arbValue = fc.oneof(
  fc.integer({ min: -5, max: 3000 }),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 100),
  fc.boolean(),
  fc.constantFrom('lru', 'round-robin', 'least-connections', 'parallel', 'async', 'zipf', 'degraded', 'nonsense', ''),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
);

const arbOp = fc.oneof(
  fc.record({ op: fc.constant('setNode' as const), pick: fc.nat(), key: fc.nat(), sub: fc.nat(), value: arbValue, grouped: fc.boolean() }),
  fc.record({ op: fc.constant('setEdge' as const), pick: fc.nat(), key: fc.nat(), sub: fc.nat(), value: arbValue, grouped: fc.boolean() }),
  fc.record({ op: fc.constant('label' as const), pick: fc.nat(), text: fc.string({ maxLength: 8 }), grouped: fc.boolean() }),
  fc.record({ op: fc.constant('scenario' as const), key: fc.constantFrom('name', 'durationMs', 'seed', 'warmupMs'), value: arbValue }),
  fc.record({ op: fc.constant('move' as const), picks: fc.array(fc.nat(), { maxLength: 3 }), dx: fc.integer({ min: -200, max: 200 }), grouped: fc.boolean() }),
  fc.record({ op: fc.constant('add' as const), kind: fc.constantFrom(...NODE_KINDS), x: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ op: fc.constant('connect' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), nodes: fc.array(fc.nat(), { maxLength: 3 }), edges: fc.array(fc.nat(), { maxLength: 2 }), faults: fc.array(fc.nat(), { maxLength: 2 }) }),
  fc.record({ op: fc.constant('paste' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('fault' as const), pick: fc.nat(), atMs: fc.nat(60_000) }),
  fc.record({ op: fc.constant('replace' as const), doc: arbAnyScenario() }),
  fc.record({ op: fc.constant('burst' as const), pick: fc.nat(), key: fc.nat(), sub: fc.nat(), values: fc.array(arbValue, { minLength: 2, maxLength: 5 }) }),
  fc.record({ op: fc.constant('undo' as const) }),
  fc.record({ op: fc.constant('redo' as const) }),
);
type Op = typeof arbOp extends fc.Arbitrary<infer T> ? T : never;

function at<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** A config path of the element: a top-level field, or a field of a nested object. */
function configPath(config: Record<string, unknown>, key: number, sub: number): (string | number)[] {
  const name = at(Object.keys(config), key)!;
  const inner = config[name];
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && sub % 2 === 0 && Object.keys(inner).length > 0) {
    return ['config', name, at(Object.keys(inner), sub)!];
  }
  return ['config', name];
}

/** The change an op stands for in this document, with its undo group; null when it does not apply. */
function changeFor(doc: Scenario, op: Op): { change: DocChange; group?: string } | null {
  switch (op.op) {
    case 'setNode': {
      const node = at(doc.nodes, op.pick);
      if (!node) return null;
      const path = configPath(node.config as Record<string, unknown>, op.key, op.sub);
      return { change: { type: 'set', target: nodeTarget(node.id), path, value: op.value }, group: op.grouped ? `n:${node.id}:${path.join('.')}` : undefined };
    }
    case 'setEdge': {
      const edge = at(doc.edges, op.pick);
      if (!edge) return null;
      const path = configPath(edge.config as Record<string, unknown>, op.key, op.sub);
      return { change: { type: 'set', target: edgeTarget(edge.id), path, value: op.value }, group: op.grouped ? `e:${edge.id}:${path.join('.')}` : undefined };
    }
    case 'label': {
      const node = at(doc.nodes, op.pick);
      if (!node) return null;
      return { change: { type: 'set', target: nodeTarget(node.id), path: ['label'], value: op.text === '' ? undefined : op.text }, group: op.grouped ? `label:${node.id}` : undefined };
    }
    case 'scenario':
      return { change: { type: 'set', target: scenarioTarget, path: [op.key], value: op.value } };
    case 'move': {
      const ids = [...new Set(op.picks.flatMap((p) => at(doc.nodes, p)?.id ?? []))];
      if (ids.length === 0) return null;
      const moves = ids.map((id) => {
        const p = doc.nodes.find((n) => n.id === id)!.position;
        return { id, position: { x: p.x + op.dx, y: p.y } };
      });
      return { change: { type: 'move', moves }, group: op.grouped ? `move:${ids.join(',')}` : undefined };
    }
    case 'add': {
      const taken = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
      let id = `${op.kind}-new`;
      while (taken.has(id)) id += 'x';
      return { change: { type: 'insert', nodes: [{ item: createNode(op.kind, id, { x: op.x, y: 0 }) }], edges: [], faults: [] } };
    }
    case 'connect': {
      const from = at(doc.nodes, op.a);
      const to = at(doc.nodes, op.b);
      if (!from || !to) return null;
      const taken = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
      const edge = { id: freshEdgeId(taken), from: from.id, to: to.id, config: {} };
      return { change: { type: 'insert', nodes: [], edges: [{ item: edge as Scenario['edges'][number] }], faults: [] } };
    }
    case 'remove':
      return {
        change: {
          type: 'remove',
          nodeIds: op.nodes.flatMap((p) => at(doc.nodes, p)?.id ?? []),
          edgeIds: op.edges.flatMap((p) => at(doc.edges, p)?.id ?? []),
          faultIndices: doc.faults.length === 0 ? [] : [...new Set(op.faults.map((f) => f % doc.faults.length))],
        },
      };
    case 'paste': {
      const clip = copyNodes(doc, op.picks.flatMap((p) => at(doc.nodes, p)?.id ?? []));
      return clip ? { change: pasteChange(doc, clip, { x: 40, y: 40 }).change } : null;
    }
    case 'fault': {
      const node = at(doc.nodes, op.pick);
      if (!node) return null;
      const fault = { atMs: op.atMs, action: 'crash' as const, target: node.id, factor: 5 };
      return { change: { type: 'set', target: scenarioTarget, path: ['faults'], value: [...doc.faults, fault] } };
    }
    case 'replace': {
      const parsed = parseScenario(op.doc);
      if (!parsed.ok) throw new Error('arbAnyScenario gave an invalid document');
      return { change: { type: 'replace', scenario: parsed.scenario } };
    }
    default:
      return null;
  }
}

describe('undo and redo over random edits', () => {
  it('every undo gives back exactly the document before the step, every redo the one after', () => {
    fc.assert(
      fc.property(arbAnyScenario(), fc.array(fc.tuple(arbOp, fc.boolean()), { maxLength: 25 }), (input, ops) => {
        const parsed = parseScenario(input);
        if (!parsed.ok) throw new Error('arbAnyScenario gave an invalid document');
        let state: EditorState = initialEditorState(parsed.scenario);
        // The reference: the document after each step, and where we are among them.
        const steps: Scenario[] = [parsed.scenario];
        const groups: (string | undefined)[] = [undefined];
        let cursor = 0;
        let now = 0;
        let lastAt = -Infinity;
        // A burst is typing in one field: several sets of one path, one group, close together.
        const expanded = ops.flatMap(([op, later]): [Op, boolean][] =>
          op.op === 'burst'
            ? op.values.map((value, i) => [{ op: 'setNode', pick: op.pick, key: op.key, sub: op.sub, value, grouped: true }, i === 0 && later])
            : [[op, later]],
        );
        for (const [op, later] of expanded) {
          now += later ? GROUP_WINDOW_MS + 1 : 10;
          if (op.op === 'undo') {
            const back = undo(state);
            expect(back === null).toBe(cursor === 0);
            if (back) {
              state = back;
              cursor--;
              expect(state.scenario).toStrictEqual(steps[cursor]);
            }
            lastAt = -Infinity;
            continue;
          }
          if (op.op === 'redo') {
            const forward = redo(state);
            expect(forward === null).toBe(cursor === steps.length - 1);
            if (forward) {
              state = forward;
              cursor++;
              expect(state.scenario).toStrictEqual(steps[cursor]);
            }
            lastAt = -Infinity;
            continue;
          }
          const planned = changeFor(state.scenario, op);
          if (!planned) continue;
          const before = state;
          const { state: next, result } = edit(state, planned.change, { label: op.op, group: planned.group, now });
          if (!result.ok || JSON.stringify(next.scenario) === JSON.stringify(before.scenario)) {
            // Refused or no change: nothing moves, nothing is recorded.
            expect(next.scenario).toBe(before.scenario);
            continue;
          }
          state = next;
          const merges = cursor === steps.length - 1 && cursor > 0 && planned.group !== undefined && groups[cursor] === planned.group && now - lastAt <= GROUP_WINDOW_MS;
          if (merges) {
            steps[cursor] = state.scenario;
          } else {
            steps.splice(cursor + 1, steps.length, state.scenario);
            groups.splice(cursor + 1, groups.length, planned.group);
            cursor++;
          }
          lastAt = now;
          expect(state.history.past).toHaveLength(cursor);
        }
        // All the way back, then all the way forward again.
        const final = cursor;
        while (cursor > 0) {
          state = undo(state)!;
          cursor--;
        }
        expect(state.scenario).toStrictEqual(parsed.scenario);
        expect(undo(state)).toBeNull();
        while (cursor < steps.length - 1) {
          state = redo(state)!;
          cursor++;
          if (cursor === final) expect(state.scenario).toStrictEqual(steps[final]);
        }
        expect(state.scenario).toStrictEqual(steps[steps.length - 1]);
      }),
      { numRuns: 300, seed: 20261108 },
    );
  });
});
