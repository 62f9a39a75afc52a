/**
 * Compare mode's designs: B starts as a copy of A with the same ids; the canvas edits one at a
 * time, each with its own undo history; A is the user's work throughout and comes back exactly
 * as it was when compare ends.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { designs, editDesign, enterCompare, leaveCompare, useCompare, workScenario } from '../../src/ui/compare/compareStore';
import { nodeTarget, useDocument } from '../../src/ui/store/documentStore';
import { scenario } from '../helpers';

const A = scenario({
  name: 'Shop',
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 100 } },
    { id: 'web', kind: 'server', config: { replicas: 2 } },
  ],
  edges: [{ id: 'e1', from: 'users', to: 'web' }],
});

const replicasOf = (s: typeof A) => (s.nodes[1].config as { replicas: number }).replicas;

beforeEach(() => {
  leaveCompare();
  useDocument.getState().loadDocument(A, 'default');
  useDocument.getState().setField(nodeTarget('users'), ['config', 'rps'], 120);
});

describe('compare mode', () => {
  it('makes B a copy of A with the same ids, on the canvas, with a fresh history', () => {
    const a = useDocument.getState().scenario;
    enterCompare();
    const b = useDocument.getState().scenario;
    expect(useCompare.getState()).toMatchObject({ active: true, editing: 'B' });
    expect(b).not.toBe(a);
    expect(b.name).toBe('Shop (B)');
    expect({ ...b, name: a.name }).toEqual(a);
    expect(useDocument.getState().undo()).toBe(false);
    expect(workScenario()).toBe(a);
  });

  it('edits B without touching A; A keeps its own undo history', () => {
    const a = useDocument.getState().scenario;
    enterCompare();
    useDocument.getState().setField(nodeTarget('web'), ['config', 'replicas'], 5);
    expect(replicasOf(useDocument.getState().scenario)).toBe(5);
    expect(workScenario()).toBe(a);
    expect(designs()).toMatchObject({ a, b: useDocument.getState().scenario });

    editDesign('A');
    expect(useDocument.getState().scenario).toBe(a);
    expect(workScenario()).toBe(a);
    expect(replicasOf(designs()!.b)).toBe(5);
    // A's own history: the rps edit made before compare undoes here.
    expect(useDocument.getState().undo()).toBe(true);
    expect((useDocument.getState().scenario.nodes[0].config as { rps: number }).rps).toBe(100);
    useDocument.getState().redo();

    editDesign('B');
    expect(replicasOf(useDocument.getState().scenario)).toBe(5);
    expect(useDocument.getState().undo()).toBe(true);
    expect(replicasOf(useDocument.getState().scenario)).toBe(2);
  });

  it('leaving puts A back exactly, from either side', () => {
    const a = useDocument.getState().scenario;
    enterCompare();
    useDocument.getState().setField(nodeTarget('web'), ['config', 'replicas'], 7);
    leaveCompare();
    expect(useDocument.getState().scenario).toBe(a);
    expect(useCompare.getState()).toMatchObject({ active: false, parked: null });

    enterCompare();
    editDesign('A');
    leaveCompare();
    expect(useDocument.getState().scenario).toBe(a);
    expect(workScenario()).toBe(a);
  });
});
