/** Fresh nodes and edges with every default filled in, for the palette and tests. */
import { edgeConfigSchema, type ScenarioEdge } from './edge';
import { ID_PATTERN } from './fields';
import { kindDefinitions, type NodeKind } from './kinds';
import type { NodeConfig, NodeOf, Position } from './scenario';

/** The full default config of a kind (a new object each call). */
export function defaultConfig<K extends NodeKind>(kind: K): NodeConfig<K> {
  return kindDefinitions[kind].configSchema.parse({}) as NodeConfig<K>;
}

function assertId(id: string): void {
  if (!ID_PATTERN.test(id)) throw new RangeError(`invalid id ${JSON.stringify(id)}: use 1–64 of [A-Za-z0-9_-]`);
}

/** A node of `kind` with the default config. Throws on an invalid id. */
export function createNode<K extends NodeKind>(kind: K, id: string, position: Position = { x: 0, y: 0 }): NodeOf<K> {
  assertId(id);
  return { id, kind, position: { x: position.x, y: position.y }, config: defaultConfig(kind) } as unknown as NodeOf<K>;
}

/** An edge with the default config. Throws on an invalid id. */
export function createEdge(id: string, from: string, to: string): ScenarioEdge {
  for (const value of [id, from, to]) assertId(value);
  return { id, from, to, config: edgeConfigSchema.parse({}) };
}

/**
 * The first free id of the form `<prefix>-<n>` (n = 1, 2, …): `nextId("server",
 * ["server-1"])` is `"server-2"`. The prefix is usually a node kind or "edge".
 */
export function nextId(prefix: NodeKind | (string & {}), existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  for (let n = 1; ; n++) {
    const candidate = `${prefix}-${n}`;
    if (!taken.has(candidate)) {
      assertId(candidate);
      return candidate;
    }
  }
}
