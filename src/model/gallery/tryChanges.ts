/**
 * Applies a gallery entry's "what to try" changes to a document: dotted paths
 * that name nodes and edges by id (`nodes.lb.config.algorithm`), as the CLI's
 * `--sweep` does. Returns a new document; the input is not modified.
 */
import { cloneJson } from '../cloneJson';
import type { TryChange } from './types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function applyTryChanges<T>(document: T, changes: readonly TryChange[]): T {
  const copy = cloneJson(document) as unknown as Json;
  for (const change of changes) {
    const [head, ...rest] = change.path.split('.');
    let target: Json = copy;
    let segments = [head, ...rest];
    if ((head === 'nodes' || head === 'edges') && rest.length > 0) {
      const list = copy[head];
      const item = Array.isArray(list) ? list.find((x) => isObject(x) && x.id === rest[0]) : undefined;
      if (!isObject(item)) throw new Error(`${change.path}: no ${head === 'nodes' ? 'node' : 'edge'} "${rest[0]}"`);
      target = item;
      segments = rest.slice(1);
    }
    for (let i = 0; i < segments.length - 1; i++) {
      const next = target[segments[i]];
      if (next === undefined || next === null) target[segments[i]] = {};
      else if (!isObject(next)) throw new Error(`${change.path}: "${segments[i]}" is not an object`);
      target = target[segments[i]] as Json;
    }
    target[segments[segments.length - 1]] = cloneJson(change.value);
  }
  return copy as unknown as T;
}
