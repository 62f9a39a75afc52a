/**
 * Database trade-offs: sizing the connection pool, reading from replicas that lag behind
 * the primary, and sharding by key range under skewed keys.
 */
import type { GalleryEntry } from './types';

const api = { concurrency: 64, io: 'async', queueCapacity: 1000, serviceTime: { dist: 'constant', ms: 1 } } as const;

export const poolSizing: GalleryEntry = {
  id: 'pool-sizing',
  group: 'tradeoff',
  title: 'A connection pool too small, and too large',
  watch:
    'The API sends 800 queries a second of 10 ms each: 8 connections busy on average. The pool has 6, so it serves at most 600 a second. The database reads 100% and its queue climbs to about 800: queries wait the full second of poolTimeoutMs and fail. Latency sits at a second and one request in four is an error.',
  try: 'Set connections to 12: 8 busy out of 12, and by Erlang C a query waits a third of a millisecond on average; latency falls to about 13 ms and nothing fails. Raise it to 200 and nothing more is bought: the database reads 4% busy, 192 connections idle, and latency moves by that third of a millisecond. In a real database each connection also costs memory and its queries contend for CPU and locks, so a pool far past the knee makes things worse; this model does not simulate that contention (its queries never slow each other), so here a larger pool only shows that it buys nothing.',
  tryChanges: [{ path: 'nodes.db.config.connections', value: 12 }],
  document: {
    version: 1,
    name: 'A connection pool too small, and too large',
    description: 'An API in front of a database whose queries take 10 ms on average, at 800 queries a second, with a pool of 6 connections.',
    seed: 51,
    durationMs: 40_000,
    warmupMs: 5_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 800 } },
      { id: 'api', kind: 'server', label: 'API (async)', position: { x: 300, y: 100 }, config: api },
      {
        id: 'db',
        kind: 'database',
        label: 'Database (pool of 6)',
        position: { x: 600, y: 100 },
        config: { connections: 6, poolTimeoutMs: 1000, readTime: { dist: 'exponential', meanMs: 10 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'api', config: { latency: 0.5 } },
      { id: 'e2', from: 'api', to: 'db', config: { latency: 0.5 } },
    ],
  },
};

export const staleReplicaReads: GalleryEntry = {
  id: 'stale-replica-reads',
  group: 'tradeoff',
  title: 'Stale reads from lagging replicas',
  watch:
    'Writes go to the primary; reads go to two read replicas, which apply each write half a second later. A read of a key written in that last half second gets the old value: a stale read (the report\'s staleReads). One request in five is a write and a few keys get most of them (zipf), so the hot keys are almost always being rewritten: about half of all replica reads are stale, as the chance of a write within the lag predicts (1 − e^(−writes a second × 0.5 s) for each key). Nothing on the canvas turns red: stale data looks exactly like fresh data.',
  try: 'Set replicationLag to 10 ms: stale reads fall tenfold, to about 5%, nearly all of them on the hottest keys, which are written every few tens of milliseconds. Reading your own writes from the primary is the other cure.',
  tryChanges: [{ path: 'nodes.db.config.replicationLag', value: 10 }],
  document: {
    version: 1,
    name: 'Stale reads from lagging replicas',
    description: 'A database with two read replicas that lag 500 ms behind the primary, under a load that is one fifth writes over zipf keys.',
    seed: 52,
    durationMs: 35_000,
    warmupMs: 5_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Users (20% writes)',
        position: { x: 0, y: 100 },
        config: { rps: 1000, writeFraction: 0.2, keys: { count: 1000, distribution: 'zipf', exponent: 1 } },
      },
      { id: 'api', kind: 'server', label: 'API (async)', position: { x: 300, y: 100 }, config: api },
      {
        id: 'db',
        kind: 'database',
        label: 'Primary + 2 replicas',
        position: { x: 600, y: 100 },
        config: { readReplicas: 2, replicationLag: 500 },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'api', config: { latency: 0.5 } },
      { id: 'e2', from: 'api', to: 'db', config: { latency: 0.5 } },
    ],
  },
};

export const hotShard: GalleryEntry = {
  id: 'hot-shard',
  group: 'tradeoff',
  title: 'A hot shard: range sharding under skewed keys',
  watch:
    'The database has 4 shards, each with 20 connections (4,000 reads a second each), split by key range: shard 0 holds the lowest quarter of the keys. The keys are zipf, the low ones the popular ones, so shard 0 gets 86% of the 6,000 reads a second: more than it can serve. The database node reads only about 30% busy, the average of one saturated shard and three idle ones (the report\'s shards[]), yet its queue holds thousands: latency climbs to a second and one read in five times out.',
  try: 'Set sharding to hash: keys are scattered over the shards, each gets a fifth to a third of the reads (the one holding the hottest key the most), none is overloaded, and latency falls to a few milliseconds.',
  tryChanges: [{ path: 'nodes.db.config.sharding', value: 'hash' }],
  document: {
    version: 1,
    name: 'A hot shard: range sharding under skewed keys',
    description: 'A database of 4 shards split by key range, read at 6,000 requests a second over 10,000 keys with a zipf law.',
    seed: 53,
    durationMs: 30_000,
    warmupMs: 5_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Readers',
        position: { x: 0, y: 100 },
        config: { rps: 6000, keys: { count: 10_000, distribution: 'zipf', exponent: 1 } },
      },
      { id: 'api', kind: 'server', label: 'API (async)', position: { x: 300, y: 100 }, config: api },
      {
        id: 'db',
        kind: 'database',
        label: 'Database (4 shards by range)',
        position: { x: 600, y: 100 },
        config: { shards: 4, sharding: 'range', connections: 20 },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'api', config: { latency: 0.5 } },
      { id: 'e2', from: 'api', to: 'db', config: { latency: 0.5 } },
    ],
  },
};
