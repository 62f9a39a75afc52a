/**
 * Trade-offs inside a server and its calls: sessions in memory when an
 * instance dies, blocking against async io, N+1 calls against one batch.
 */
import type { GalleryEntry } from './types';

export const stickyCrash: GalleryEntry = {
  id: 'sticky-crash',
  group: 'tradeoff',
  title: 'Sticky sessions when a server dies',
  watch:
    'Sticky sessions keep each of the 400 users on the instance that holds their session: no session misses at all. At 30 s instance 1 crashes. Its users\' sessions die with it, health checks move them to the other three, and each of them pays a 50 ms session rebuild at once: a bump in latency at 30 s (about 100 session misses in the report), a few errors, then calm.',
  try: 'Turn sticky sessions off: round robin misses the session on three requests in four, crash or no crash. Sticky sessions trade that steady cost for a burst when an instance dies (and shared session storage avoids both).',
  tryChanges: [{ path: 'nodes.lb.config.stickySessions', value: false }],
  document: {
    version: 1,
    name: 'Sticky sessions when a server dies',
    description: 'Four instances keep sessions in memory behind a sticky load balancer; one of them crashes at 30 s.',
    seed: 5,
    durationMs: 60_000,
    warmupMs: 5_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 200, users: 400 } },
      {
        id: 'lb',
        kind: 'loadBalancer',
        label: 'Sticky load balancer',
        position: { x: 300, y: 100 },
        config: { algorithm: 'round-robin', stickySessions: true, healthCheck: { intervalMs: 500, unhealthyAfter: 2, healthyAfter: 2 } },
      },
      {
        id: 'app',
        kind: 'server',
        label: 'App (sessions in memory)',
        position: { x: 600, y: 100 },
        config: { replicas: 4, concurrency: 8, sessions: 'in-memory', sessionRebuildTime: 50, serviceTime: { dist: 'exponential', meanMs: 10 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'app' },
    ],
    faults: [{ atMs: 30_000, action: 'crash', target: 'app', instance: 1 }],
  },
};

export const blockingVsAsync: GalleryEntry = {
  id: 'blocking-vs-async',
  group: 'tradeoff',
  title: 'Blocking against async io behind a slow dependency',
  watch:
    'Each request needs 2 ms of the front server\'s CPU and then a 100 ms call to a dependency. With blocking io a worker waits out the call, so 8 workers finish at most 8 / 104 ms ≈ 77 requests a second: they show 100% busy though they compute for 2 ms of every 104, the queue is full, and six requests in ten are turned away.',
  try: 'Set the front server\'s io to async: the worker is freed while the call is out, the same 8 workers serve all 200 requests a second, and latency is the 104 ms of the work itself.',
  tryChanges: [{ path: 'nodes.front.config.io', value: 'async' }],
  document: {
    version: 1,
    name: 'Blocking against async io behind a slow dependency',
    description: 'A front server with 8 workers calls a dependency that takes 100 ms. Its io is blocking: a worker is held for the whole call.',
    seed: 8,
    durationMs: 60_000,
    warmupMs: 2_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 200 } },
      {
        id: 'front',
        kind: 'server',
        label: 'Front (8 workers, blocking)',
        position: { x: 300, y: 100 },
        config: { concurrency: 8, queueCapacity: 100, io: 'blocking', serviceTime: { dist: 'constant', ms: 2 } },
      },
      {
        id: 'dependency',
        kind: 'server',
        label: 'Slow dependency (100 ms)',
        position: { x: 620, y: 100 },
        config: { concurrency: 1000, serviceTime: { dist: 'constant', ms: 100 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'front', config: { latency: 0 } },
      { id: 'e2', from: 'front', to: 'dependency', config: { latency: 1 } },
    ],
  },
};

export const nPlusOne: GalleryEntry = {
  id: 'n-plus-one',
  group: 'tradeoff',
  title: 'N+1 calls against one batched call',
  watch:
    'The API makes 20 sequential calls to the database for each request (one per item: the N+1 pattern). Each costs a 1 ms query plus 1 ms of network each way, so a request takes 2 + 20 × 3 = 62 ms although the database is nearly idle.',
  try: 'Batch them: set callsPerRequest on the API → database call to 1 and the database\'s service time to 5 ms (one bigger query). A request now takes 2 + 1 + 5 + 1 = 9 ms.',
  tryChanges: [
    { path: 'edges.queries.config.callsPerRequest', value: 1 },
    { path: 'nodes.db.config.serviceTime', value: { dist: 'constant', ms: 5 } },
  ],
  document: {
    version: 1,
    name: 'N+1 calls against one batched call',
    description: 'An API that makes one database call per item of a 20-item page, one after the other.',
    seed: 4,
    durationMs: 60_000,
    warmupMs: 2_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 50 } },
      {
        id: 'api',
        kind: 'server',
        label: 'API',
        position: { x: 300, y: 100 },
        config: { concurrency: 16, serviceTime: { dist: 'constant', ms: 2 } },
      },
      {
        id: 'db',
        kind: 'server',
        label: 'Database (as a server)',
        position: { x: 600, y: 100 },
        config: { concurrency: 64, serviceTime: { dist: 'constant', ms: 1 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'api', config: { latency: 0 } },
      { id: 'queries', from: 'api', to: 'db', config: { latency: 1, callsPerRequest: 20 } },
    ],
  },
};
