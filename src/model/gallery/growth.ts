/**
 * The growth path, steps 1 to 3: one design grown step by step as its traffic grows. Each
 * step's traffic climbs in four 15-second steps, from what the previous design carried to
 * past what this one can, so every step shows the change working and then the next limit.
 * (Steps 4 to 6, the cache, the CDN with shards, and the gateway with a queue, are in
 * growthScale.ts.)
 *
 * The same parts throughout: a web server has 8 cores and spends 5 ms of CPU a request
 * (1,600 a second at most); a database reads in 5 ms and writes in 10 ms on average.
 */
import type { GalleryEntry } from './types';

/** Traffic climbing to `top` requests a second in four equal steps, 15 s apart; one in ten a write. */
export function climbTo(top: number, extra: Record<string, unknown> = {}) {
  return {
    rps: top / 4,
    rateSchedule: [
      { atMs: 15_000, rps: top / 2 },
      { atMs: 30_000, rps: (3 * top) / 4 },
      { atMs: 45_000, rps: top },
    ],
    users: 5000,
    writeFraction: 0.1,
    ...extra,
  };
}

/** The web server: 8 cores, 5 ms of CPU a request. Async io: a core is free while the database works. */
export const webServer = { concurrency: 8, io: 'async', serviceTime: { dist: 'exponential', meanMs: 5 } } as const;

/** A database machine of its own: 12 connections, so about 2,200 queries a second at one write in ten. */
export const databaseMachine = { connections: 12 } as const;

export const growthOneServer: GalleryEntry = {
  id: 'growth-one-server',
  group: 'growth',
  title: 'Growth path 1: one server with its database',
  watch:
    'The app and its database share one machine with 8 cores. A request takes 5 ms of app work and then a query of about 5.5 ms on the same cores (the model holds a core, io: blocking, while the query runs): 10.5 ms in all, so the machine serves at most 8 / 10.5 ms ≈ 760 requests a second. Traffic climbs every 15 s: 225, 450, 675, then 900 a second. The web app\'s utilisation follows (30%, 59%, 89%); at 900 it reads 100%, its queue sits near 100, latency jumps from about 13 ms to 140 ms and about 15% of requests are turned away with a 503 (the errors line).',
  try: 'Give the database a machine of its own: set the web app\'s io to async, so its cores no longer wait out the queries, and 900 a second fit again. That is step 2, which also pays a network hop to reach the database.',
  tryChanges: [{ path: 'nodes.web.config.io', value: 'async' }],
  document: {
    version: 1,
    name: 'Growth path 1: one server with its database',
    description:
      'A web app and its database on one 8-core machine: a query takes its time from the same cores as the app. Traffic climbs from 225 to 900 requests a second; the machine can serve about 760.',
    seed: 11,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: climbTo(900) },
      {
        id: 'web',
        kind: 'server',
        label: 'Web app (8 cores)',
        position: { x: 300, y: 100 },
        config: { ...webServer, io: 'blocking' },
      },
      // The same 8 cores: never more queries at once than the app has cores.
      { id: 'db', kind: 'database', label: 'Database (same machine)', position: { x: 600, y: 100 }, config: { connections: 8 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'web' },
      // A local socket on the same machine: no network.
      { id: 'e2', from: 'web', to: 'db', config: { latency: 0 } },
    ],
  },
};

export const growthDatabaseTier: GalleryEntry = {
  id: 'growth-database-tier',
  group: 'growth',
  title: 'Growth path 2: the database on its own tier',
  watch:
    'The database has moved to a machine of its own (12 connections), half a millisecond away. The web server\'s 8 cores now do only the app\'s 5 ms a request: it serves 1,600 a second, twice what the shared machine could. Traffic climbs to 1,800: at 900, which broke step 1, the web server is 28% busy; at 1,800 it reads 100% again, its queue fills and about one request in nine is turned away, while the database, 73% busy, keeps up.',
  try: 'Give the web server 2 replicas (with no load balancer in front, a server spreads its requests round robin): 1,800 a second fit. Step 3 puts a load balancer in front of three.',
  tryChanges: [{ path: 'nodes.web.config.replicas', value: 2 }],
  document: {
    version: 1,
    name: 'Growth path 2: the database on its own tier',
    description:
      'The database on a machine of its own; the web server\'s cores do only the app\'s work. Traffic climbs from 450 to 1,800 requests a second; one web server serves about 1,600.',
    seed: 12,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: climbTo(1800) },
      { id: 'web', kind: 'server', label: 'Web server (8 cores)', position: { x: 300, y: 100 }, config: webServer },
      { id: 'db', kind: 'database', label: 'Database (own machine)', position: { x: 600, y: 100 }, config: databaseMachine },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'web' },
      { id: 'e2', from: 'web', to: 'db', config: { latency: 0.5 } },
    ],
  },
};

export const growthLoadBalancer: GalleryEntry = {
  id: 'growth-load-balancer',
  group: 'growth',
  title: 'Growth path 3: a load balancer and three servers',
  watch:
    'A load balancer spreads the climb over three web servers, 4,800 a second between them, and each serves a third. But all three query the one database, whose 12 connections serve about 2,200 queries a second. From 30 s (2,700 a second) it reads 100% and its queue grows into the thousands: queries wait the full second of poolTimeoutMs and fail. Latency jumps to a second and four requests in ten fail at 3,600, while the web servers are never more than 75% busy. The database is the next limit.',
  try: 'Give the database 2 read replicas: reads (nine in ten) go to the replicas\' own connections, writes to the primary, and 3,600 a second fit with nothing failing. Step 4 takes the reads off the database with a cache instead.',
  tryChanges: [{ path: 'nodes.db.config.readReplicas', value: 2 }],
  document: {
    version: 1,
    name: 'Growth path 3: a load balancer and three servers',
    description:
      'Three web servers behind a least-connections load balancer, all querying one database. Traffic climbs from 900 to 3,600 requests a second.',
    seed: 13,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: climbTo(3600) },
      {
        id: 'lb',
        kind: 'loadBalancer',
        label: 'Load balancer',
        position: { x: 300, y: 100 },
        config: { algorithm: 'least-connections', healthCheck: { intervalMs: 1000, unhealthyAfter: 3, healthyAfter: 2 } },
      },
      { id: 'web', kind: 'server', label: 'Web servers', position: { x: 600, y: 100 }, config: { ...webServer, replicas: 3 } },
      { id: 'db', kind: 'database', label: 'Database', position: { x: 900, y: 100 }, config: databaseMachine },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
      { id: 'e3', from: 'web', to: 'db', config: { latency: 0.5 } },
    ],
  },
};
