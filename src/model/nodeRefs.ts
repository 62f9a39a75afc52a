/**
 * What follows a node's id into other nodes' configs (a gateway's `routes[].to`): each kind
 * declares the lists whose items name a node (`nodeRefs` in its definition), and everything
 * that moves ids reads them here, so no code names the kinds that have them: the document's
 * reference check (references.ts), a paste that renames the pasted nodes, a removal that
 * drops the items naming a removed node.
 */
import { isNodeKind, kindNodeRefs, type NodeKind } from './kinds';
import type { NodeRefList } from './kinds/definition';
import type { ScenarioNode } from './scenario';

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refListsOf(kind: NodeKind): readonly NodeRefList<NodeKind>[] {
  return kindNodeRefs(kind);
}

/** A node name in a raw (unparsed) node's config, with its path from the node's config. */
export interface RawNodeRef {
  /** `['routes', 2, 'to']`. */
  path: (string | number)[];
  id: string;
}

/** The node names in a raw node of any shape: only items that are objects with a text in the field count. */
export function rawNodeRefs(node: unknown): RawNodeRef[] {
  if (!isObject(node) || !isNodeKind(node.kind) || !isObject(node.config)) return [];
  const refs: RawNodeRef[] = [];
  for (const { list, field } of refListsOf(node.kind)) {
    const items = node.config[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, r) => {
      if (isObject(item) && typeof item[field] === 'string') refs.push({ path: [list, r, field], id: item[field] });
    });
  }
  return refs;
}

/** `node` with every node it names renamed by `rename` (the node itself when its kind names none). */
export function renameNodeRefs(node: ScenarioNode, rename: (id: string) => string): ScenarioNode {
  const lists = refListsOf(node.kind);
  if (lists.length === 0) return node;
  const config: Loose = { ...(node.config as Loose) };
  for (const { list, field } of lists) {
    config[list] = (config[list] as Loose[]).map((item) => ({ ...item, [field]: rename(item[field] as string) }));
  }
  return { ...node, config } as ScenarioNode;
}

/** The items a removal takes out of one of a node's lists, to put back on undo. */
export interface DroppedRefs {
  list: string;
  /** The whole list before the removal. */
  value: unknown[];
}

/**
 * `node` without the items that name a node in `gone` (an item naming a node that is no more
 * would leave the document invalid), and each list as it was; null when it names none of them.
 */
export function dropNodeRefs(node: ScenarioNode, gone: ReadonlySet<string>): { node: ScenarioNode; dropped: DroppedRefs[] } | null {
  const lists = refListsOf(node.kind);
  let config: Loose | null = null;
  const dropped: DroppedRefs[] = [];
  for (const { list, field } of lists) {
    const items = (node.config as Loose)[list] as Loose[];
    if (!items.some((item) => gone.has(item[field] as string))) continue;
    config ??= { ...(node.config as Loose) };
    config[list] = items.filter((item) => !gone.has(item[field] as string));
    dropped.push({ list, value: items });
  }
  return config === null ? null : { node: { ...node, config } as ScenarioNode, dropped };
}
