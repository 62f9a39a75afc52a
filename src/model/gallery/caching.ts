/**
 * Caching trade-offs: which keys an eviction policy keeps under skewed traffic, a hot key
 * that expires under load (the stampede) and request coalescing, and the writes a
 * write-back cache loses when it crashes.
 */
import type { GalleryEntry } from './types';

export const evictionPolicies: GalleryEntry = {
  id: 'eviction-policies',
  group: 'tradeoff',
  title: 'Eviction policies under zipf keys',
  watch:
    'The cache holds 2,000 of 50,000 keys, read 5,000 times a second with a zipf law (s = 0.9): a few keys are read all the time, most hardly ever. LRU keeps what was read recently and hits about 47% of reads, as the Che approximation predicts (the report\'s hitRate). The misses go to the database: in the results, the cache → database call (e2) carries 53% of the calls of e1. The ideal, the 2,000 most popular keys, would hit 60%.',
  try: 'Set the eviction to lfu: it counts reads and keeps the most read keys; about 55% of reads hit, e2 carries fewer calls and the database is less busy. fifo and random keep whatever came in lately, popular or not: about 43%, the same for both, as theory says.',
  tryChanges: [{ path: 'nodes.cache.config.eviction', value: 'lfu' }],
  document: {
    version: 1,
    name: 'Eviction policies under zipf keys',
    description:
      'A 2,000-entry cache in front of a database, read at 5,000 requests a second over 50,000 keys with a zipf law: its eviction policy decides which keys it keeps.',
    seed: 41,
    durationMs: 25_000,
    warmupMs: 5_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Readers',
        position: { x: 0, y: 100 },
        config: { rps: 5000, keys: { count: 50_000, distribution: 'zipf', exponent: 0.9 } },
      },
      { id: 'cache', kind: 'cache', label: 'Cache (2,000 entries)', position: { x: 300, y: 100 }, config: { capacity: 2000, eviction: 'lru' } },
      { id: 'db', kind: 'database', label: 'Database', position: { x: 600, y: 100 }, config: { connections: 50 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'cache', config: { latency: 0.5 } },
      { id: 'e2', from: 'cache', to: 'db', config: { latency: 0.5 } },
    ],
  },
};

export const hotKeyStampede: GalleryEntry = {
  id: 'hot-key-stampede',
  group: 'tradeoff',
  title: 'A hot key expires: the stampede',
  watch:
    'Every reader wants the same key, 2,000 times a second, and the cache keeps it for 5 s. Each time it expires, every read in the next 52.5 ms misses (the first miss takes that long to bring the value back from a 50 ms query): about 105 identical queries hit the database at once, which queues them on its 20 connections. The p99 latency spikes to 250–300 ms every 5 s, and the cache → database call (e2) counts about 1,270 queries in the minute: 106 for each of the 12 fills.',
  try: 'Turn on coalesceMisses on the cache: misses on a key join the read already on its way, so each expiry costs the database exactly one query (e2 counts 12), and the waiting reads get the value within 52.5 ms: the spikes drop to about 50 ms.',
  tryChanges: [{ path: 'nodes.cache.config.coalesceMisses', value: true }],
  document: {
    version: 1,
    name: 'A hot key expires: the stampede',
    description: 'One very hot key behind a cache with a 5 s TTL, in front of a database whose query takes 50 ms.',
    seed: 42,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Readers of one hot key', position: { x: 0, y: 100 }, config: { rps: 2000, keys: { count: 1 } } },
      {
        id: 'cache',
        kind: 'cache',
        label: 'Cache (TTL 5 s)',
        position: { x: 300, y: 100 },
        config: { ttlMs: 5000, coalesceMisses: false },
      },
      {
        id: 'db',
        kind: 'database',
        label: 'Database (50 ms query)',
        position: { x: 600, y: 100 },
        config: { connections: 20, readTime: { dist: 'constant', ms: 50 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'cache', config: { latency: 0.5 } },
      { id: 'e2', from: 'cache', to: 'db' },
    ],
  },
};

export const writeBackLoss: GalleryEntry = {
  id: 'write-back-loss',
  group: 'tradeoff',
  title: 'Write-back loses writes when the cache crashes',
  watch:
    'Half the requests are writes. The write-back cache acknowledges each one at once and writes it to the database up to a second later, in batches: writes are as fast as reads (the p50 is 1.5 ms), and a key written twice within the second reaches the database once. At 30 s the cache crashes: for a second every request fails (the errors line), then it is back, empty. Worse, the writes it had acknowledged but not yet flushed, about 400 of them, are gone: the users were told they were saved (the report\'s lostWrites).',
  try: 'Set the strategy to write-through: each write reaches the database before it is acknowledged, so writes take the database\'s time (the mean latency rises from about 2 ms to 7 ms) and the crash loses none; the database applies every write.',
  tryChanges: [{ path: 'nodes.cache.config.strategy', value: 'write-through' }],
  document: {
    version: 1,
    name: 'Write-back loses writes when the cache crashes',
    description: 'A write-back cache (flushing after 1 s) in front of a database, under a load that is half writes; the cache crashes at 30 s.',
    seed: 43,
    durationMs: 40_000,
    warmupMs: 5_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Users (half writes)',
        position: { x: 0, y: 100 },
        config: { rps: 1000, writeFraction: 0.5, keys: { count: 2000 } },
      },
      {
        id: 'cache',
        kind: 'cache',
        label: 'Write-back cache',
        position: { x: 300, y: 100 },
        config: { capacity: 10_000, strategy: 'write-back', flushDelayMs: 1000 },
      },
      { id: 'db', kind: 'database', label: 'Database', position: { x: 600, y: 100 }, config: { connections: 20 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'cache', config: { latency: 0.5 } },
      { id: 'e2', from: 'cache', to: 'db' },
    ],
    faults: [
      { atMs: 30_000, action: 'crash', target: 'cache' },
      { atMs: 31_000, action: 'recover', target: 'cache' },
    ],
  },
};
