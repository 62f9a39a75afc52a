/**
 * The growth path, steps 4 to 6: a cache tier, a CDN for static paths with a sharded
 * database, and an API gateway that hands slow jobs to a queue and its workers. The parts
 * are those of steps 1 to 3 (growth.ts).
 */
import { climbTo, databaseMachine, webServer } from './growth';
import type { GalleryEntry } from './types';

/** Keys read with a zipf law: a few are read all the time, most hardly ever. */
const zipfKeys = { count: 100_000, distribution: 'zipf', exponent: 1 } as const;

const balancer = {
  id: 'lb',
  kind: 'loadBalancer',
  label: 'Load balancer',
  config: { algorithm: 'least-connections', healthCheck: { intervalMs: 1000, unhealthyAfter: 3, healthyAfter: 2 } },
} as const;

export const growthCache: GalleryEntry = {
  id: 'growth-cache',
  group: 'growth',
  title: 'Growth path 4: a cache tier',
  watch:
    'The climb of step 3 again, now with a cache between the web servers and the database. The keys are zipf: the 5,000 entries the cache holds are a twentieth of them but answer about 60% of the reads (a write deletes its key from the cache, which costs a few points). Only the misses and the writes reach the database: in the results, the cache → database call (e4) carries about half the calls of the web → cache call (e3). At 3,600 a second the database reads about 85% busy and nothing fails, where in step 3 it was drowning.',
  try: 'Give the cache 20,000 entries: the hit rate rises to about 70% and the database is about 20 points less busy. Four times the memory buys far less than the first 5,000 entries did: under a zipf law each extra entry holds a rarer key.',
  tryChanges: [{ path: 'nodes.cache.config.capacity', value: 20_000 }],
  document: {
    version: 1,
    name: 'Growth path 4: a cache tier',
    description:
      'Step 3 with a cache-aside cache of 5,000 entries between the web servers and the database. Traffic climbs from 900 to 3,600 requests a second over 100,000 keys read with a zipf law.',
    seed: 14,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: climbTo(3600, { keys: zipfKeys }) },
      { ...balancer, position: { x: 300, y: 100 } },
      { id: 'web', kind: 'server', label: 'Web servers', position: { x: 600, y: 100 }, config: { ...webServer, replicas: 3 } },
      {
        id: 'cache',
        kind: 'cache',
        label: 'Cache (5,000 entries)',
        position: { x: 900, y: 100 },
        config: { capacity: 5000, eviction: 'lru', strategy: 'cache-aside' },
      },
      { id: 'db', kind: 'database', label: 'Database', position: { x: 1200, y: 100 }, config: databaseMachine },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
      { id: 'e3', from: 'web', to: 'cache', config: { latency: 0.5 } },
      { id: 'e4', from: 'cache', to: 'db', config: { latency: 0.5 } },
    ],
  },
};

export const growthCdnShards: GalleryEntry = {
  id: 'growth-cdn-shards',
  group: 'growth',
  title: 'Growth path 5: a CDN for static paths and a sharded database',
  watch:
    'Traffic has grown to 4,800 requests a second, three in ten for /static files, and one request in five is now a write. The CDN answers about 70% of the /static reads from its edge: the load balancer behind it receives about 4,000 a second, and the three web servers are about 80% busy. Writes cannot be cached or sent to replicas, so the database is split into 4 shards by a hash of the key, each with its own 12 connections: it reads under 40% busy. Each shard takes a fifth to a third of the writes (the one holding the hottest keys the most; the report\'s shards[]).',
  try: 'Set the database\'s shards to 1: one primary must take every write and every miss, more than its 12 connections can serve. It reads 100%, its queries wait out the second of poolTimeoutMs, and a quarter of the requests fail.',
  tryChanges: [{ path: 'nodes.db.config.shards', value: 1 }],
  document: {
    version: 1,
    name: 'Growth path 5: a CDN for static paths and a sharded database',
    description:
      'A CDN serves /static paths from the edge; behind it, the load balancer, three web servers, the cache and a database split into 4 shards by key hash. 5,400 requests a second, one in five a write.',
    seed: 15,
    durationMs: 30_000,
    warmupMs: 5_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Users',
        position: { x: 0, y: 100 },
        config: { rps: 4800, users: 20_000, writeFraction: 0.2, keys: zipfKeys, paths: { '/api': 0.7, '/static': 0.3 } },
      },
      { id: 'cdn', kind: 'cdn', label: 'CDN (/static)', position: { x: 250, y: 100 }, config: { cacheablePaths: ['/static'] } },
      { ...balancer, position: { x: 500, y: 100 } },
      { id: 'web', kind: 'server', label: 'Web servers', position: { x: 750, y: 100 }, config: { ...webServer, replicas: 3 } },
      { id: 'cache', kind: 'cache', label: 'Cache (5,000 entries)', position: { x: 1000, y: 100 }, config: { capacity: 5000 } },
      {
        id: 'db',
        kind: 'database',
        label: 'Database (4 shards)',
        position: { x: 1250, y: 100 },
        config: { ...databaseMachine, shards: 4, sharding: 'hash' },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'cdn' },
      { id: 'e2', from: 'cdn', to: 'lb' },
      { id: 'e3', from: 'lb', to: 'web' },
      { id: 'e4', from: 'web', to: 'cache', config: { latency: 0.5 } },
      { id: 'e5', from: 'cache', to: 'db', config: { latency: 0.5 } },
    ],
  },
};

export const growthGatewayQueue: GalleryEntry = {
  id: 'growth-gateway-queue',
  group: 'growth',
  title: 'Growth path 6: an API gateway with a queue and workers for slow jobs',
  watch:
    'One request in ten is now a /jobs request: 200 ms of work, too slow to do while the user waits. The API gateway routes /jobs to a queue, which answers as soon as it has stored the job: the user waits a few milliseconds. Workers (4 × 16) take jobs from the queue, 320 a second at most. From 20 s to 30 s traffic doubles and 400 jobs a second arrive: the queue\'s depth (q on the node) climbs by about 80 a second, to some 800, and drains within seconds of the burst\'s end. The latency chart does not move; only the jobs wait longer (the report\'s processingLatencyMs of the queue: 200 ms at the median, seconds at the p99).',
  try: 'Route /jobs straight to the workers (set the gateway\'s first route to "workers"): now users wait out the 200 ms, and during the burst the workers\' own queues fill, the p99 latency passes a second and /jobs requests are turned away with 503s. The queue turned a burst into a backlog; a direct call turns it into errors.',
  tryChanges: [{ path: 'nodes.gateway.config.routes', value: [{ pathPrefix: '/jobs', to: 'workers' }] }],
  document: {
    version: 1,
    name: 'Growth path 6: an API gateway with a queue and workers for slow jobs',
    description:
      'The system of step 5 behind an API gateway that sends /jobs to a message queue consumed by workers; a traffic burst from 20 s to 30 s. The gateway also has a direct line to the workers, unused until a route takes it.',
    seed: 16,
    durationMs: 50_000,
    warmupMs: 5_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Users',
        position: { x: 0, y: 100 },
        config: {
          rps: 2000,
          rateSchedule: [
            { atMs: 20_000, rps: 4000 },
            { atMs: 30_000, rps: 2000 },
          ],
          users: 20_000,
          writeFraction: 0.2,
          keys: zipfKeys,
          paths: { '/api': 0.6, '/static': 0.3, '/jobs': 0.1 },
        },
      },
      { id: 'cdn', kind: 'cdn', label: 'CDN (/static)', position: { x: 250, y: 100 }, config: { cacheablePaths: ['/static'] } },
      {
        id: 'gateway',
        kind: 'apiGateway',
        label: 'API gateway',
        position: { x: 500, y: 100 },
        config: { routes: [{ pathPrefix: '/jobs', to: 'jobs' }], authTime: 0.5 },
      },
      { ...balancer, position: { x: 750, y: 0 } },
      { id: 'web', kind: 'server', label: 'Web servers', position: { x: 1000, y: 0 }, config: { ...webServer, replicas: 3 } },
      { id: 'cache', kind: 'cache', label: 'Cache', position: { x: 1250, y: 0 }, config: { capacity: 5000 } },
      {
        id: 'db',
        kind: 'database',
        label: 'Database (4 shards)',
        position: { x: 1500, y: 0 },
        config: { ...databaseMachine, shards: 4, sharding: 'hash' },
      },
      { id: 'jobs', kind: 'queue', label: 'Jobs queue', position: { x: 750, y: 250 }, config: { capacity: 10_000 } },
      {
        id: 'workers',
        kind: 'server',
        label: 'Workers (200 ms a job)',
        position: { x: 1000, y: 250 },
        config: { replicas: 4, concurrency: 16, serviceTime: { dist: 'constant', ms: 200 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'cdn' },
      { id: 'e2', from: 'cdn', to: 'gateway' },
      { id: 'e3', from: 'gateway', to: 'lb' },
      { id: 'e4', from: 'lb', to: 'web' },
      { id: 'e5', from: 'web', to: 'cache', config: { latency: 0.5 } },
      { id: 'e6', from: 'cache', to: 'db', config: { latency: 0.5 } },
      { id: 'e7', from: 'gateway', to: 'jobs', config: { latency: 0.5 } },
      { id: 'e8', from: 'jobs', to: 'workers', config: { latency: 0.5 } },
      { id: 'direct', from: 'gateway', to: 'workers', config: { latency: 0.5 } },
    ],
  },
};
