/**
 * Applies a {@link DocChange} to a document: a pure function that returns the new document and
 * the change that undoes it. It does not validate: the caller runs the result through the
 * model's schema and keeps it only when valid (see `editor.ts`).
 */
import { dropNodeRefs, type Fault, type Scenario, type ScenarioEdge, type ScenarioNode } from '../../model';
import { batch, type ChangePath, type ChangeTarget, type DocChange, type Placed } from './changes';

/** A change that does not fit the document (an unknown id, a path into nothing). */
export class ChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeError';
  }
}

export interface Applied {
  scenario: Scenario;
  inverse: DocChange;
}

type Json = Record<string | number, unknown>;

function isContainer(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function describePath(path: ChangePath): string {
  return path.map(String).join('.');
}

/** The value at `path` (undefined when absent). */
export function getIn(root: unknown, path: ChangePath): unknown {
  let at = root;
  for (const key of path) {
    if (!isContainer(at)) return undefined;
    at = (at as Json)[key];
  }
  return at;
}

/** A copy of `root` with `value` at `path` (copying only along the path); gives the old value too. */
function setIn(root: unknown, path: ChangePath, value: unknown): { next: unknown; old: unknown } {
  if (!isContainer(root)) throw new ChangeError(`nothing at ${describePath(path)}`);
  const [key, ...rest] = path;
  if (Array.isArray(root)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= root.length) {
      throw new ChangeError(`no list entry ${String(key)}`);
    }
    const copy = root.slice();
    if (rest.length === 0) {
      if (value === undefined) throw new ChangeError('a list entry cannot be removed by a set; set the list');
      copy[key] = value;
      return { next: copy, old: root[key] };
    }
    const inner = setIn(root[key], rest, value);
    copy[key] = inner.next;
    return { next: copy, old: inner.old };
  }
  const copy: Json = { ...root };
  if (rest.length === 0) {
    const old = Object.prototype.hasOwnProperty.call(root, key) ? root[key] : undefined;
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return { next: copy, old };
  }
  const inner = setIn(root[key], rest, value);
  copy[key] = inner.next;
  return { next: copy, old: inner.old };
}

function indexOrThrow<T extends { id: string }>(list: readonly T[], id: string, what: string): number {
  const index = list.findIndex((x) => x.id === id);
  if (index < 0) throw new ChangeError(`no ${what} with id "${id}"`);
  return index;
}

function applySet(doc: Scenario, target: ChangeTarget, path: ChangePath, value: unknown): Applied {
  if (path.length === 0) throw new ChangeError('a set needs a path');
  const inverse = (old: unknown): DocChange => ({ type: 'set', target, path, value: old });
  if (target.type === 'scenario') {
    const { next, old } = setIn(doc, path, value);
    return { scenario: next as Scenario, inverse: inverse(old) };
  }
  if (path[0] === 'id' || path[0] === 'kind') throw new ChangeError(`${path[0]} cannot be changed`);
  const list = target.type === 'node' ? 'nodes' : 'edges';
  const items = doc[list] as readonly (ScenarioNode | ScenarioEdge)[];
  const index = indexOrThrow(items, target.id, target.type);
  const { next, old } = setIn(items[index], path, value);
  const copy = items.slice();
  copy[index] = next as ScenarioNode & ScenarioEdge;
  return { scenario: { ...doc, [list]: copy }, inverse: inverse(old) };
}

function applyMove(doc: Scenario, moves: readonly { id: string; position: { x: number; y: number } }[]): Applied {
  const byId = new Map(moves.map((m) => [m.id, m.position]));
  const undo: { id: string; position: { x: number; y: number } }[] = [];
  const nodes = doc.nodes.map((node) => {
    const p = byId.get(node.id);
    if (!p) return node;
    undo.push({ id: node.id, position: node.position });
    return { ...node, position: { x: p.x, y: p.y } };
  });
  return { scenario: { ...doc, nodes }, inverse: { type: 'move', moves: undo } };
}

/**
 * Inserts each element at its index, lowest index first, so each ends at its index (appended
 * ones at the end). Gives the list and where the inserted elements ended.
 */
function insertAll<T>(list: readonly T[], placed: readonly Placed<T>[]): { list: T[]; at: number[] } {
  const out = list.slice();
  const ordered = placed.map((p, order) => ({ ...p, order }));
  ordered.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity) || a.order - b.order);
  const at: number[] = [];
  for (const p of ordered) {
    const wanted = p.index === undefined || p.index >= out.length ? out.length : Math.max(0, p.index);
    // Never before an element inserted just now, so every index in `at` stays true.
    const index = Math.max(wanted, (at[at.length - 1] ?? -1) + 1);
    out.splice(index, 0, p.item);
    at.push(index);
  }
  return { list: out, at };
}

function applyInsert(doc: Scenario, change: Extract<DocChange, { type: 'insert' }>): Applied {
  const nodes = insertAll(doc.nodes, change.nodes).list;
  const edges = insertAll(doc.edges, change.edges).list;
  const faults = insertAll(doc.faults, change.faults);
  return {
    scenario: { ...doc, nodes, edges, faults: faults.list },
    inverse: {
      type: 'remove',
      nodeIds: change.nodes.map((n) => n.item.id),
      edgeIds: change.edges.map((e) => e.item.id),
      faultIndices: faults.at,
    },
  };
}

function applyRemove(doc: Scenario, change: Extract<DocChange, { type: 'remove' }>): Applied {
  const goneNodes = new Set(change.nodeIds);
  const goneEdges = new Set(change.edgeIds);
  for (const e of doc.edges) if (goneNodes.has(e.from) || goneNodes.has(e.to)) goneEdges.add(e.id);
  const goneFaults = new Set(change.faultIndices ?? []);
  doc.faults.forEach((f, i) => {
    if (goneNodes.has(f.target) || goneEdges.has(f.target)) goneFaults.add(i);
  });

  const restore: Placed<ScenarioNode>[] = [];
  const restoreRoutes: DocChange[] = [];
  const nodes: ScenarioNode[] = [];
  doc.nodes.forEach((node, index) => {
    if (goneNodes.has(node.id)) return void restore.push({ index, item: node });
    // A route (any item naming a node) to a removed node would leave the document invalid: it goes too, and comes back on undo.
    const kept = dropNodeRefs(node, goneNodes);
    if (kept === null) return void nodes.push(node);
    for (const d of kept.dropped) restoreRoutes.push({ type: 'set', target: { type: 'node', id: node.id }, path: ['config', d.list], value: d.value });
    nodes.push(kept.node);
  });
  const restoreEdges: Placed<ScenarioEdge>[] = [];
  const edges = doc.edges.filter((edge, index) => !(goneEdges.has(edge.id) && restoreEdges.push({ index, item: edge })));
  const restoreFaults: Placed<Fault>[] = [];
  const faults = doc.faults.filter((fault, index) => !(goneFaults.has(index) && restoreFaults.push({ index, item: fault })));

  const reinsert: DocChange = { type: 'insert', nodes: restore, edges: restoreEdges, faults: restoreFaults };
  return { scenario: { ...doc, nodes, edges, faults }, inverse: batch([reinsert, ...restoreRoutes]) };
}

/** Applies `change` to `doc`; throws {@link ChangeError} when it does not fit. */
export function applyChange(doc: Scenario, change: DocChange): Applied {
  switch (change.type) {
    case 'set':
      return applySet(doc, change.target, change.path, change.value);
    case 'move':
      return applyMove(doc, change.moves);
    case 'insert':
      return applyInsert(doc, change);
    case 'remove':
      return applyRemove(doc, change);
    case 'replace':
      return { scenario: change.scenario, inverse: { type: 'replace', scenario: doc } };
    case 'batch': {
      let scenario = doc;
      const inverses: DocChange[] = [];
      for (const c of change.changes) {
        const applied = applyChange(scenario, c);
        scenario = applied.scenario;
        inverses.push(applied.inverse);
      }
      return { scenario, inverse: batch(inverses.reverse()) };
    }
  }
}
