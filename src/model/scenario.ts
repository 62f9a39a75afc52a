/**
 * The scenario document (SPEC §3, version 1): one schema for everything that
 * comes from outside — a link, a file, pasted JSON, the CLI.
 */
import { z } from 'zod';
import { edgeSchema } from './edge';
import { faultSchema } from './fault';
import { MAX_COORDINATE, MAX_DURATION_MS, id, list, number, strict, text, wholeNumber } from './fields';

/** The most nodes, edges and faults one document holds: a canvas far larger than anyone draws. */
export const MAX_NODES = 10_000;
export const MAX_EDGES = 20_000;
export const MAX_FAULTS = 10_000;
import { kindDefinitions, NODE_KINDS, type NodeKind } from './kinds';
import { checkReferences } from './references';

/** The document format this app writes. Older versions are migrated forward. */
export const CURRENT_VERSION = 1;

/** Canvas coordinates, at most 1,000,000 px from the origin either way. */
const positionSchema = strict({
  x: number({ min: -MAX_COORDINATE, max: MAX_COORDINATE }),
  y: number({ min: -MAX_COORDINATE, max: MAX_COORDINATE }),
});

function nodeSchemaFor<K extends NodeKind>(kind: K) {
  return strict({
    id: id(),
    kind: z.literal(kind),
    label: text(100).optional(),
    position: positionSchema.default(() => ({ x: 0, y: 0 })),
    // Each kind's config schema accepts `{}` (every field has a default); the
    // cast restores the per-kind type that indexing the table widens.
    config: (kindDefinitions[kind].configSchema as z.ZodType).prefault({}) as unknown as z.ZodPrefault<
      (typeof kindDefinitions)[K]['configSchema']
    >,
  });
}

type NodeSchemas = { [K in NodeKind]: ReturnType<typeof nodeSchemaFor<K>> };
type AnyNodeSchema = NodeSchemas[NodeKind];

const nodeSchemas = NODE_KINDS.map((kind) => nodeSchemaFor(kind)) as unknown as [
  AnyNodeSchema,
  ...AnyNodeSchema[],
];

/** A node: `kind` selects the shape of `config`. */
export const nodeSchema = z.discriminatedUnion('kind', nodeSchemas);

export const scenarioSchema = strict({
  version: z.literal(CURRENT_VERSION),
  name: text(200).default('Untitled'),
  description: text(10_000).optional(),
  /** Root of every random stream; each node derives its own from (seed, node id). */
  seed: wholeNumber().default(1),
  durationMs: number({ min: 1, max: MAX_DURATION_MS }).default(60_000),
  /** Requests created before this are left out of the report's statistics. */
  warmupMs: number({ min: 0, max: MAX_DURATION_MS }).default(0),
  nodes: list(nodeSchema, MAX_NODES).default(() => []),
  edges: list(edgeSchema, MAX_EDGES).default(() => []),
  faults: list(faultSchema, MAX_FAULTS).default(() => []),
}).superRefine(
  (doc, ctx) => {
    for (const issue of checkReferences(doc)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  },
  // Run even when fields elsewhere are invalid, so every problem is reported at once.
  { when: () => true },
);

/** A parsed scenario: every default applied. */
export type Scenario = z.output<typeof scenarioSchema>;
/** What a document may look like before parsing (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A node, discriminated on `kind`: `node.kind === 'server'` narrows `node.config`. */
export type ScenarioNode = z.output<typeof nodeSchema>;
export type NodeOf<K extends NodeKind> = Extract<ScenarioNode, { kind: K }>;
export type NodeConfig<K extends NodeKind> = NodeOf<K>['config'];
export type Position = z.output<typeof positionSchema>;

export type { ScenarioEdge, EdgeConfig } from './edge';
export type { Fault } from './fault';
export type { ClientConfig } from './kinds/client';
export type { LoadBalancerConfig } from './kinds/loadBalancer';
export type { ApiGatewayConfig } from './kinds/apiGateway';
export type { RateLimiterConfig } from './kinds/rateLimiter';
export type { ServerConfig } from './kinds/server';
export type { CacheConfig } from './kinds/cache';
export type { CdnConfig } from './kinds/cdn';
export type { QueueConfig } from './kinds/queue';
export type { DatabaseConfig } from './kinds/database';
