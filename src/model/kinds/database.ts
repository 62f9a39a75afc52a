import { z } from 'zod';
import { boolean, integer, millis, oneOf, strict } from '../fields';
import { durationSchema } from '../duration';
import { product, type KindCost } from '../cost/kindCost';
import { BYTES } from '../cost/measured';
import { countOf, formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

export const databaseConfigSchema = strict({
  readTime: durationSchema.default(() => ({ dist: 'exponential' as const, meanMs: 5 })),
  writeTime: durationSchema.default(() => ({ dist: 'exponential' as const, meanMs: 10 })),
  /** Connection pool size (per shard primary and per replica). */
  connections: integer(1, 10_000).default(20),
  /** How long a query waits for a free connection before it errors. */
  poolTimeoutMs: millis().default(1000),
  /** false: every query first pays connectTime to open a connection. */
  pooling: boolean().default(true),
  connectTime: durationSchema.default(20),
  /** Read replicas per shard; reads go round-robin to them, writes to the primary. */
  readReplicas: integer(0, 100).default(0),
  replicationLag: durationSchema.default(100),
  shards: integer(1, 1000).default(1),
  sharding: oneOf(['hash', 'range']).default('hash'),
});

export type DatabaseConfig = z.output<typeof databaseConfigSchema>;

/**
 * A database remembers the request ids whose writes it applied for this long (SPEC §3.3: the
 * run's last 10 minutes): its idempotency key table, and how duplicate writes are counted.
 */
export const APPLIED_WRITES_WINDOW_MS = 600_000;
/**
 * The most request ids it remembers at once: 4,194,304, 7,000 writes a second for 10 minutes
 * (beyond that the oldest are forgotten early). 128 MB at 32 bytes an id.
 */
export const MAX_APPLIED_WRITES = 1 << 22;

/** Its connection pools, the queries waiting for a connection, and its memory of applied writes. */
const databaseCost: KindCost<'database'> = {
  eventsPerCall: (c) => (c.pooling ? 1 : 2), // the query (and opening a connection)
  items(c, ctx) {
    const pools = c.shards * (1 + c.readReplicas);
    const connections = pools * c.connections;
    ctx.memory(
      ctx.at('connections'),
      `${countOf(connections, 'connection')} (${countOf(c.shards, 'shard')} × (1 + ${c.readReplicas} replicas) × ${formatCount(c.connections)})`,
      connections * BYTES.connection,
    );
    const waiting = Math.min(product(ctx.inflow, c.poolTimeoutMs / 1000), ctx.arrivals);
    ctx.memory(ctx.at('poolTimeoutMs'), `up to ${formatCount(waiting)} queries waiting for a connection`, waiting * BYTES.queuedRequest);
    // The request ids of the writes applied in the last 10 minutes (idempotency keys, and
    // how duplicate writes are counted without them), at most MAX_APPLIED_WRITES.
    const ids = Math.min(product(ctx.writeInflow, APPLIED_WRITES_WINDOW_MS / 1000), ctx.writesReceived, MAX_APPLIED_WRITES);
    ctx.memory(ctx.path, `up to ${formatCount(ids)} request ids of the writes applied in the last 10 minutes`, ids * BYTES.appliedWrite);
  },
};

export const databaseKind = {
  label: 'Database',
  description:
    'Queries with read and write times, a connection pool, optional read replicas with replication lag, and sharding by key.',
  configSchema: databaseConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: databaseCost,
} satisfies KindDefinition<'database'>;
