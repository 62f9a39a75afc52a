/**
 * Duplicate writes from retries, then idempotency keys (SPEC §3.3): a checkout whose
 * client retries after a timeout places orders twice while the database is slow; keys
 * on the client's call make every retried order apply once.
 */
import type { GalleryEntry } from './types';

export const duplicateWrites: GalleryEntry = {
  id: 'duplicate-writes',
  group: 'tradeoff',
  title: 'Retried writes apply twice, until idempotency keys',
  watch:
    'Every request places an order: the checkout API writes it to the database, and the app gives up after 150 ms and tries again. From 20 s to 30 s the database is five times slower: about one write in seven outlasts the timeout, and the app retries an order the database is still writing. The database applies both. Its duplicateWrites counter reaches about 340 (orders placed twice), although every shopper got a single answer, an ok, and writesApplied ends that much above the orders placed. Before 20 s nothing times out and nothing is duplicated.',
  try: 'Turn on idempotencyKeys on the Shoppers → Checkout API call: each order carries its request id as a key, the API passes it on, and the database remembers the ids of the writes it applied (for 10 minutes). A retried order is found there and answered with the first write\'s result instead of being applied again (writesDeduplicated). duplicateWrites stays at 0; the slow spell, the timeouts and the retries are the same.',
  tryChanges: [{ path: 'edges.orders.config.idempotencyKeys', value: true }],
  document: {
    version: 1,
    name: 'Retried writes apply twice, until idempotency keys',
    description:
      'Shoppers place orders through a checkout API into a database. The app retries an order after a 150 ms timeout; while the database is slow, an order it gave up on still commits, and so does its retry.',
    seed: 17,
    durationMs: 60_000,
    warmupMs: 2_000,
    nodes: [
      {
        id: 'shoppers',
        kind: 'client',
        label: 'Shoppers',
        position: { x: 0, y: 100 },
        config: { rps: 200, users: 5000, writeFraction: 1, keys: { count: 100_000 } },
      },
      {
        id: 'api',
        kind: 'server',
        label: 'Checkout API',
        position: { x: 300, y: 100 },
        config: { replicas: 2, concurrency: 64, io: 'async', serviceTime: { dist: 'exponential', meanMs: 2 } },
      },
      {
        id: 'db',
        kind: 'database',
        label: 'Orders DB',
        position: { x: 620, y: 100 },
        config: { connections: 30, writeTime: { dist: 'exponential', meanMs: 15 } },
      },
    ],
    edges: [
      {
        id: 'orders',
        from: 'shoppers',
        to: 'api',
        config: { timeoutMs: 150, retry: { maxAttempts: 3, baseDelayMs: 50, multiplier: 2, jitter: 'full' } },
      },
      { id: 'writes', from: 'api', to: 'db' },
    ],
    faults: [
      { atMs: 20_000, action: 'slow', target: 'db', factor: 5 },
      { atMs: 30_000, action: 'recover', target: 'db' },
    ],
  },
};
