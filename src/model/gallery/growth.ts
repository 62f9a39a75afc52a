/**
 * The growth path: one design grown step by step as its traffic grows. The
 * steps with a database, a cache, a CDN, a gateway and a queue join when those
 * kinds are simulated.
 */
import type { GalleryEntry } from './types';

/** The same traffic in every step: a day's climb from 100 to 500 requests a second. */
const growingTraffic = {
  rps: 100,
  rateSchedule: [
    { atMs: 15_000, rps: 200 },
    { atMs: 30_000, rps: 300 },
    { atMs: 45_000, rps: 500 },
  ],
  users: 5000,
};

/** One instance's work: 8 workers, 20 ms a request, so 400 requests a second at most. */
const webServer = { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 20 } } as const;

export const growthOneServer: GalleryEntry = {
  id: 'growth-one-server',
  group: 'growth',
  title: 'Growth path 1: one server',
  watch:
    'Traffic steps up every 15 s: 100, 200, 300, then 500 requests a second. One server with 8 workers of 20 ms serves at most 400 a second. Latency creeps up as it gets busier, then at 500 its queue fills and one request in five is turned away with a 503.',
  try: 'Give the server 2 replicas: the last step fits again. Or go on to step 2, a load balancer and three servers.',
  tryChanges: [{ path: 'nodes.web.config.replicas', value: 2 }],
  document: {
    version: 1,
    name: 'Growth path 1: one server',
    description: 'A single server under a day of growing traffic, from 100 to 500 requests a second; it can serve 400.',
    seed: 11,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: growingTraffic },
      { id: 'web', kind: 'server', label: 'Web server', position: { x: 320, y: 100 }, config: webServer },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'web' }],
  },
};

export const growthLoadBalancer: GalleryEntry = {
  id: 'growth-load-balancer',
  group: 'growth',
  title: 'Growth path 2: a load balancer and three servers',
  watch:
    'The same climb to 500 requests a second, now spread over three instances of the same server (1,200 a second between them). Latency stays near the 20 ms of the work itself at every step and nothing is turned away.',
  try: 'Crash one instance while it runs (or set replicas to 1): two instances still carry 500 a second; one cannot.',
  tryChanges: [{ path: 'nodes.web.config.replicas', value: 1 }],
  document: {
    version: 1,
    name: 'Growth path 2: a load balancer and three servers',
    description: 'The growing traffic of step 1 spread by a least-connections load balancer over three instances of the web server.',
    seed: 11,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: growingTraffic },
      {
        id: 'lb',
        kind: 'loadBalancer',
        label: 'Load balancer',
        position: { x: 300, y: 100 },
        config: { algorithm: 'least-connections', healthCheck: { intervalMs: 1000, unhealthyAfter: 3, healthyAfter: 2 } },
      },
      { id: 'web', kind: 'server', label: 'Web servers', position: { x: 600, y: 100 }, config: { ...webServer, replicas: 3 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
    ],
  },
};
