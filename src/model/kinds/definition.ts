import type { z } from 'zod';

/**
 * What the model knows about one node kind: its name for people and the
 * schema of its `config`, where every field has a default (so `{}` parses to
 * a full config).
 */
export interface KindDefinition {
  /** Short name for the palette, e.g. "Load balancer". */
  label: string;
  /** One or two sentences on what the component does. */
  description: string;
  configSchema: z.ZodType;
}
