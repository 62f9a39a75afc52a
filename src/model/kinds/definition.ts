import type { z } from 'zod';
import type { KindCost } from '../cost/kindCost';
import type { NodeKind } from './index';

/**
 * What the model knows about one node kind: its name for people, the
 * schema of its `config`, where every field has a default (so `{}` parses to
 * a full config), and what a node of it costs a run (the cost model asks it).
 */
export interface KindDefinition<K extends NodeKind> {
  /** Short name for the palette, e.g. "Load balancer". */
  label: string;
  /** One or two sentences on what the component does. */
  description: string;
  configSchema: z.ZodType;
  /** Its hooks for the cost model (src/model/cost/estimate.ts), typed by its own config. */
  cost: KindCost<K>;
}
