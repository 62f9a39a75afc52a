import type { z } from 'zod';
import type { KindCost } from '../cost/kindCost';
import type { NodeConfig } from '../scenario';
import type { NodeKind } from './index';

/**
 * What the model knows about one node kind: its name for people, the
 * schema of its `config`, where every field has a default (so `{}` parses to
 * a full config), the fields that name other nodes, and what a node of it
 * costs a run (the cost model asks it).
 */
export interface KindDefinition<K extends NodeKind> {
  /** Short name for the palette, e.g. "Load balancer". */
  label: string;
  /** One or two sentences on what the component does. */
  description: string;
  configSchema: z.ZodType;
  /**
   * The lists in its config whose items name another node ({@link NodeRefList});
   * {@link NO_NODE_REFS} for a kind that names none.
   */
  nodeRefs: readonly NodeRefList<K>[];
  /** Its hooks for the cost model (src/model/cost/estimate.ts), typed by its own config. */
  cost: KindCost<K>;
}

/**
 * A list in a kind's config whose items each name a node in `field` (a gateway's
 * `routes[].to`). The document refuses a name that is no node, a paste renames it with the
 * pasted nodes, and removing the node removes the item (src/model/nodeRefs.ts).
 */
export interface NodeRefList<K extends NodeKind> {
  list: keyof NodeConfig<K> & string;
  field: string;
}

/** A kind whose config names no other node. */
export const NO_NODE_REFS: readonly never[] = [];
