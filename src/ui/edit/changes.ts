/**
 * Typed document changes: the one path every edit of the scenario takes (xyflow's
 * `applyNodeChanges` idea, for the whole document). A change is plain data, applied by a pure
 * function that also gives its inverse, so undo and redo are "apply the inverse" and "apply
 * the change again". Framework-free: no React, no store.
 */
import type { Fault, Scenario, ScenarioEdge, ScenarioNode } from '../../model';

export interface XY {
  x: number;
  y: number;
}

/** What a `set` change edits: one node, one edge (by id) or the scenario itself. */
export type ChangeTarget = { type: 'node'; id: string } | { type: 'edge'; id: string } | { type: 'scenario' };

/** A path inside the target, e.g. `['config', 'retry', 'maxAttempts']` or `['faults', 2, 'atMs']`. */
export type ChangePath = readonly (string | number)[];

/** An element and the index it takes in its list once inserted (absent: appended). */
export interface Placed<T> {
  index?: number;
  item: T;
}

export type DocChange =
  /** Sets the value at `path` in the target; `undefined` removes the key. The parent must exist. */
  | { type: 'set'; target: ChangeTarget; path: ChangePath; value: unknown }
  /** Moves nodes (a drag, arrow keys, an automatic layout). */
  | { type: 'move'; moves: readonly { id: string; position: XY }[] }
  /** Adds nodes, edges and scheduled faults (a palette drop, a connection, a paste). */
  | {
      type: 'insert';
      nodes: readonly Placed<ScenarioNode>[];
      edges: readonly Placed<ScenarioEdge>[];
      faults: readonly Placed<Fault>[];
    }
  /**
   * Removes nodes and edges, and with them what would otherwise dangle: edges of removed
   * nodes, scheduled faults on removed elements, gateway routes to removed nodes.
   */
  | { type: 'remove'; nodeIds: readonly string[]; edgeIds: readonly string[]; faultIndices?: readonly number[] }
  /** The whole document at once (opening a share link, a file, a gallery scenario). */
  | { type: 'replace'; scenario: Scenario }
  /** Several changes as one step, applied in order. */
  | { type: 'batch'; changes: readonly DocChange[] };

export const nodeTarget = (id: string): ChangeTarget => ({ type: 'node', id });
export const edgeTarget = (id: string): ChangeTarget => ({ type: 'edge', id });
export const scenarioTarget: ChangeTarget = { type: 'scenario' };

/** One step of several changes; nested batches are flattened and a single change stands alone. */
export function batch(changes: readonly DocChange[]): DocChange {
  const flat: DocChange[] = [];
  for (const change of changes) {
    if (change.type === 'batch') flat.push(...change.changes);
    else flat.push(change);
  }
  return flat.length === 1 ? flat[0] : { type: 'batch', changes: flat };
}

export function sameTarget(a: ChangeTarget, b: ChangeTarget): boolean {
  return a.type === b.type && (a.type === 'scenario' || a.id === (b as { id: string }).id);
}

export function samePath(a: ChangePath, b: ChangePath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
