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

export const databaseKind = {
  label: 'Database',
  description:
    'Queries with read and write times, a connection pool, optional read replicas with replication lag, and sharding by key.',
  configSchema: databaseConfigSchema,
} satisfies KindDefinition;
