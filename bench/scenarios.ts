/** The benchmark scenarios (SPEC §7), as documents, shared by the Node and browser benchmarks. */
export const mm1 = (durationMs: number) => ({
  version: 1,
  name: 'M/M/1 at 800 rps',
  seed: 1,
  durationMs,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 800 } },
    {
      id: 'web',
      kind: 'server',
      config: { concurrency: 1, queueCapacity: 1_000_000, serviceTime: { dist: 'exponential', meanMs: 1 } },
    },
  ],
  edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0 } }],
});

export const lb4 = (durationMs: number) => ({
  version: 1,
  name: 'client → load balancer → 4 servers at 10,000 rps',
  seed: 1,
  durationMs,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 10_000 } },
    { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin' } },
    ...[1, 2, 3, 4].map((k) => ({
      id: `web${k}`,
      kind: 'server',
      config: { concurrency: 4, queueCapacity: 1000, serviceTime: { dist: 'exponential', meanMs: 1.2 } },
    })),
  ],
  edges: [
    { id: 'e0', from: 'users', to: 'lb' },
    ...[1, 2, 3, 4].map((k) => ({ id: `e${k}`, from: 'lb', to: `web${k}` })),
  ],
});


/** Four tiers: client → load balancer → 4 web servers → 2 app servers, 5,000 rps. */
export const tier4 = (durationMs: number) => ({
  version: 1,
  name: 'client → load balancer → 4 servers → a second server tier at 5,000 rps',
  seed: 1,
  durationMs,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 5_000 } },
    { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin' } },
    ...[1, 2, 3, 4].map((k) => ({
      id: `web${k}`,
      kind: 'server',
      config: { concurrency: 8, queueCapacity: 1000, serviceTime: { dist: 'exponential', meanMs: 1 } },
    })),
    { id: 'app', kind: 'server', config: { replicas: 2, concurrency: 8, queueCapacity: 1000, serviceTime: { dist: 'exponential', meanMs: 0.6 } } },
  ],
  edges: [
    { id: 'e0', from: 'users', to: 'lb' },
    ...[1, 2, 3, 4].map((k) => ({ id: `e${k}`, from: 'lb', to: `web${k}` })),
    ...[1, 2, 3, 4].map((k) => ({ id: `a${k}`, from: `web${k}`, to: 'app' })),
  ],
});

/**
 * The data tier: client → load balancer → 4 servers → cache → database in 4 shards, at
 * 10,000 rps over 10,000 zipf keys (exponent 0.9), one request in twenty a write. The cache
 * (1,000 keys, LRU, cache-aside) hits about 55% of the reads; the misses and the writes go on
 * to the shard of their key.
 */
export const dataTier = (durationMs: number) => ({
  version: 1,
  name: 'client → load balancer → 4 servers → cache → sharded database at 10,000 rps',
  seed: 1,
  durationMs,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 10_000, writeFraction: 0.05, keys: { count: 10_000, distribution: 'zipf', exponent: 0.9 } } },
    { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin' } },
    ...[1, 2, 3, 4].map((k) => ({
      id: `web${k}`,
      kind: 'server',
      config: { concurrency: 32, queueCapacity: 1000, serviceTime: { dist: 'exponential', meanMs: 1 } },
    })),
    { id: 'redis', kind: 'cache', config: { capacity: 1_000, eviction: 'lru' } },
    {
      id: 'pg',
      kind: 'database',
      config: { shards: 4, connections: 20, readTime: { dist: 'exponential', meanMs: 2 }, writeTime: { dist: 'exponential', meanMs: 4 } },
    },
  ],
  edges: [
    { id: 'e0', from: 'users', to: 'lb' },
    ...[1, 2, 3, 4].map((k) => ({ id: `e${k}`, from: 'lb', to: `web${k}` })),
    ...[1, 2, 3, 4].map((k) => ({ id: `c${k}`, from: `web${k}`, to: 'redis' })),
    { id: 'db', from: 'redis', to: 'pg' },
  ],
});
