import { z } from 'zod';
import { boolean, integer, millis, oneOf, strict } from '../fields';
import { durationSchema } from '../duration';
import type { KindDefinition } from './definition';

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

export const databaseKind = {
  label: 'Database',
  description:
    'Queries with read and write times, a connection pool, optional read replicas with replication lag, and sharding by key.',
  configSchema: databaseConfigSchema,
} satisfies KindDefinition;
