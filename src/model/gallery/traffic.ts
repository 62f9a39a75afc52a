/**
 * Traffic trade-offs: a fixed-window rate limiter that lets a double burst through at the
 * edge of its window, and a reactive autoscaler that adds capacity only after a spike has
 * already overloaded the servers.
 */
import type { GalleryEntry } from './types';

/** Bursts of 300 ms at 1,000 requests a second, every 2 s, centred on each even second. */
const edgeBursts = Array.from({ length: 14 }, (_, i) => [
  { atMs: 2000 * (i + 1) - 150, rps: 1000 },
  { atMs: 2000 * (i + 1) + 150, rps: 0 },
]).flat();

export const rateLimitWindows: GalleryEntry = {
  id: 'rate-limit-windows',
  group: 'tradeoff',
  title: 'Fixed-window bursts at the window edge',
  watch:
    'The limiter promises 100 requests a second to the API behind it, in fixed one-second windows. Every 2 s a burst of 300 requests arrives around the turn of a second: the window that is ending still has its 100 to give, and the window that starts has another 100, so 200 requests reach the API within 250 ms, twice the promise. The limiter refuses the rest (429s: the limit working). But the API (200 a second, 100 waiting at most) was sized for 100 at once: its queue fills to 100 and about 50 requests a burst fail there with a 503, after the limiter let them in.',
  try: 'Switch the limiter\'s algorithm to sliding-window-log: it counts the last 1,000 ms wherever the window falls, so no more than 100 requests reach the API in any second. The limiter refuses more (it keeps its promise), the API\'s queue peaks near 80, and nothing fails there.',
  tryChanges: [{ path: 'nodes.limiter.config.algorithm', value: 'sliding-window-log' }],
  document: {
    version: 1,
    name: 'Fixed-window bursts at the window edge',
    description:
      'A fixed-window rate limiter (100 requests per 1,000 ms) in front of an API that can take 200 requests a second; bursts arrive around the boundaries of its windows.',
    seed: 61,
    durationMs: 30_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Bursty client',
        position: { x: 0, y: 100 },
        config: { rps: 0, arrival: 'constant', rateSchedule: edgeBursts },
      },
      {
        id: 'limiter',
        kind: 'rateLimiter',
        label: 'Rate limiter (100 / s)',
        position: { x: 300, y: 100 },
        config: { algorithm: 'fixed-window', limit: 100, windowMs: 1000 },
      },
      {
        id: 'api',
        kind: 'server',
        label: 'API (200 / s)',
        position: { x: 600, y: 100 },
        config: { concurrency: 2, queueCapacity: 100, serviceTime: { dist: 'constant', ms: 10 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'limiter', config: { latency: 0 } },
      { id: 'e2', from: 'limiter', to: 'api', config: { latency: 0 } },
    ],
  },
};

export const autoscalingLag: GalleryEntry = {
  id: 'autoscaling-lag',
  group: 'tradeoff',
  title: 'Autoscaling lags behind a traffic spike',
  watch:
    'Two instances (4 workers of 10 ms each, 800 requests a second between them) serve 200 a second. At 20 s traffic jumps to 1,000. The autoscaler measures every 5 s: at 25 s it sees 100% busy and starts 2 more instances, but an instance takes 20 s to start. Until they take traffic at 45 s, the two read 100%, their queues are full, one request in five is turned away with a 503 and the p99 latency sits near 300 ms. Then the web node shows 4 instances at about 62% busy, near the 65% target, and the trouble ends (the report\'s replicaTimeline has the step at 45 s).',
  try: 'Set autoscale.startupMs to 2000 (a warm pool, or a lighter image): the new instances take traffic at 27 s and the trouble lasts about 7 s instead of 25.',
  tryChanges: [{ path: 'nodes.web.config.autoscale.startupMs', value: 2000 }],
  document: {
    version: 1,
    name: 'Autoscaling lags behind a traffic spike',
    description: 'An autoscaled server (2 to 10 instances, target 65% busy, 20 s to start an instance) hit by a fivefold traffic spike at 20 s.',
    seed: 62,
    durationMs: 60_000,
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Users',
        position: { x: 0, y: 100 },
        config: { rps: 200, rateSchedule: [{ atMs: 20_000, rps: 1000 }] },
      },
      { id: 'lb', kind: 'loadBalancer', label: 'Load balancer', position: { x: 300, y: 100 }, config: { algorithm: 'least-connections' } },
      {
        id: 'web',
        kind: 'server',
        label: 'Web (autoscaled)',
        position: { x: 600, y: 100 },
        config: {
          replicas: 2,
          concurrency: 4,
          serviceTime: { dist: 'exponential', meanMs: 10 },
          autoscale: { min: 2, max: 10, targetUtilization: 0.65, evaluateEveryMs: 5000, cooldownMs: 30_000, startupMs: 20_000 },
        },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
    ],
  },
};
