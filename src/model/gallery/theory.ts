/** Small systems whose numbers queueing theory predicts (see THEORY.md). */
import type { GalleryEntry } from './types';

const exp10 = { dist: 'exponential', meanMs: 10 } as const;
const noNetwork = { latency: 0 } as const;

export const pooling: GalleryEntry = {
  id: 'pooling',
  group: 'theory',
  title: 'One queue for four workers beats four queues',
  watch:
    'Two designs side by side, each offered 320 requests a second of 10 ms work (80% busy). Top: one server with 4 workers and one shared queue (M/M/4): mean response about 17.5 ms by Erlang C. Bottom: four single-worker servers behind a random balancer (four M/M/1): 1/(μ − λ) = 50 ms each. All five nodes are 80% busy, but about 2 requests wait at the pooled server against about 3 at each of the four (meanResponseMs in the report).',
  try: 'Switch the bottom balancer to least-connections: it sees the queues, so it nearly matches the shared queue.',
  tryChanges: [{ path: 'nodes.split.config.algorithm', value: 'least-connections' }],
  document: {
    version: 1,
    name: 'One queue for four workers beats four queues',
    description: 'M/M/4 against four M/M/1 at the same load: pooling workers behind one queue cuts waiting time.',
    seed: 31,
    durationMs: 60_000,
    warmupMs: 5_000,
    nodes: [
      { id: 'usersA', kind: 'client', label: 'Users (pooled)', position: { x: 0, y: 0 }, config: { rps: 320 } },
      {
        id: 'pooled',
        kind: 'server',
        label: 'One queue, 4 workers',
        position: { x: 620, y: 0 },
        config: { concurrency: 4, queueCapacity: 100_000, serviceTime: exp10 },
      },
      { id: 'usersB', kind: 'client', label: 'Users (split)', position: { x: 0, y: 330 }, config: { rps: 320 } },
      { id: 'split', kind: 'loadBalancer', label: 'Random', position: { x: 300, y: 330 }, config: { algorithm: 'random', processingTime: 0 } },
      ...[1, 2, 3, 4].map((i) => ({
        id: `s${i}`,
        kind: 'server' as const,
        label: `Queue ${i}, 1 worker`,
        position: { x: 620, y: 140 + i * 90 },
        config: { concurrency: 1, queueCapacity: 100_000, serviceTime: exp10 },
      })),
    ],
    edges: [
      { id: 'a1', from: 'usersA', to: 'pooled', config: noNetwork },
      { id: 'b1', from: 'usersB', to: 'split', config: noNetwork },
      ...[1, 2, 3, 4].map((i) => ({ id: `b-s${i}`, from: 'split', to: `s${i}`, config: noNetwork })),
    ],
  },
};

const BACKENDS = 5;

export const fanOut: GalleryEntry = {
  id: 'fan-out',
  group: 'theory',
  title: 'A parallel fan-out waits for its slowest call',
  watch:
    'The aggregator calls five backends in parallel and answers when the last one does. Each backend is quick on average (exponential, mean 10 ms, median 6.9 ms), but the request waits for the slowest of five: its median is −10·ln(1 − 0.5^(1/5)) ≈ 20.4 ms, what a single backend exceeds only one time in eight, and its p99 ≈ 62 ms.',
  try: 'Set the aggregator\'s calls to sequential: now it pays the sum, 50 ms on average, instead of the maximum.',
  tryChanges: [{ path: 'nodes.aggregator.config.calls', value: 'sequential' }],
  document: {
    version: 1,
    name: 'A parallel fan-out waits for its slowest call',
    description: 'One request fans out to five backends in parallel and waits for all of them.',
    seed: 17,
    durationMs: 60_000,
    warmupMs: 2_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 200 }, config: { rps: 100 } },
      {
        id: 'aggregator',
        kind: 'server',
        label: 'Aggregator',
        position: { x: 300, y: 200 },
        config: { concurrency: 256, calls: 'parallel', io: 'async', serviceTime: { dist: 'constant', ms: 0 } },
      },
      ...Array.from({ length: BACKENDS }, (_, i) => ({
        id: `b${i + 1}`,
        kind: 'server' as const,
        label: `Backend ${i + 1}`,
        position: { x: 620, y: i * 100 },
        config: { concurrency: 256, serviceTime: exp10 },
      })),
    ],
    edges: [
      { id: 'e0', from: 'users', to: 'aggregator', config: noNetwork },
      ...Array.from({ length: BACKENDS }, (_, i) => ({ id: `e${i + 1}`, from: 'aggregator', to: `b${i + 1}`, config: noNetwork })),
    ],
  },
};
