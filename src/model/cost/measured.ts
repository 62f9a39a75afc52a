/**
 * What each structure that grows with a document field costs per item, for the cost model:
 * the bytes it holds ({@link BYTES}) and, for what is built or visited in bulk, its work in
 * events ({@link WORK}).
 *
 * MEASURED with `npm run bench:costs` (bench/unitCosts.ts) through the public engine API
 * (`createSimulation`) on Node 20.20, November 2026: each figure is the heap growth per item
 * after a full GC or, where larger, the peak RSS growth per item while the structure was
 * built (a build that needs a transient array dies at its peak, not at what it keeps),
 * rounded up. Re-measure after the engine kernel changes (the Call object is being shrunk and
 * the hash ring rebuilt): run the script and copy its figures here.
 *
 * Kinds the engine does not simulate yet (cache, CDN, queue, database, rate limiter) use
 * PROVISIONAL figures: the same script measures the plain structure such a component would
 * keep (a Map-indexed LRU entry, a connection record), or the queued-request figure for
 * anything that holds a request. Replace them when the kinds land.
 */
export const BYTES = {
  /** A request waiting in a server queue: its call, its request and the queue slot (measured 361 kept, 387 peak). */
  queuedRequest: 390,
  /** A request held by a worker: call, request and its pending completion event (415 kept, 483 peak). */
  requestInService: 485,
  /** A call on the network: call, request and its pending delivery event (399 kept, 436 peak). */
  callOnWire: 440,
  /** A caller's deadline (timeoutMs) kept until it passes, on top of the call (25 kept, 59 peak). */
  deadline: 60,
  /** A consistent-hash ring point: 8 bytes kept, 126–128 at the peak of the build (sorting objects). */
  ringPoint: 130,
  /** A server instance: state, queue, tallies (626 kept). */
  serverInstance: 630,
  /** A load balancer's target, one per downstream instance (104 kept, beyond the instance itself). */
  balancerTarget: 110,
  /** A user in a load balancer's sticky-session table (4 kept). */
  stickyUser: 4,
  /** A user in a server's in-memory session table (8 kept). */
  sessionUser: 8,
  /** A key of a Zipf key distribution: its cumulative weight, built from a weight table (8 kept, 16 peak). */
  zipfKey: 16,
  /** A node, beyond what its fields add (a client + server pair with one edge: 6,959 kept). */
  node: 2100,
  /** An edge: random streams, a deadline ring, counters (2,914–3,069 kept). */
  edge: 3100,
  /** PROVISIONAL: a cache or CDN entry, a Map slot and an LRU node (129 kept, 158 peak). */
  cacheEntry: 160,
  /** PROVISIONAL: a message waiting in a queue holds a request, like a queued request. */
  queuedMessage: 390,
  /** PROVISIONAL: a database connection record (88 kept, 113 peak). */
  connection: 115,
  /** PROVISIONAL: one rate-limiter bucket's state (tokens or counts and a timestamp, in typed arrays). */
  limiterBucket: 24,
  /** PROVISIONAL: one timestamp in a sliding-window log (a Float64Array slot). */
  logEntry: 8,
} as const;

/**
 * Work per item, in events of the engine (one event ≈ 140–250 ns on this machine): what a
 * run spends building or visiting a structure in bulk, which the event count alone misses.
 * MEASURED with `npm run bench:costs`, cold as the CLI builds, on a machine shared with other
 * work (the figures moved by 2× with the load); the largest seen, rounded up.
 */
export const WORK = {
  /** Building a consistent-hash ring, per point (5.3–13 measured; the kernel is replacing this ring). */
  ringPoint: 13,
  /** Building a Zipf key table, per key (0.06–1.1 measured: a cold first build is the slow one). */
  zipfKey: 1,
  /** Probing one target in a health-check tick, beyond the tick's own event (0.02–0.15 measured). */
  probeTarget: 0.15,
} as const;
