/**
 * What each structure that grows with a document field costs per item, for the cost model:
 * the bytes it holds ({@link BYTES}) and, for what is built or visited in bulk, its work in
 * events ({@link WORK}).
 *
 * MEASURED with `npm run bench:costs` (bench/unitCosts.ts) through the public engine API
 * (`createSimulation`) on Node 20.20, November 2026, on the kernel of main at 1880dfe: each
 * figure is the heap growth per item after a full GC or, where larger, the peak RSS growth per
 * item while the structure was built (a build that needs a transient array dies at its peak,
 * not at what it keeps), rounded up. Re-measure whenever the kernel changes (test/model/
 * cost.test.ts fails when a queued request outgrows its figure): run the script and copy its
 * figures here.
 *
 * Kinds the engine does not simulate yet (cache, CDN, queue, database) use
 * PROVISIONAL figures: the same script measures the plain structure such a component would
 * keep (a Map-indexed LRU entry, a connection record), or the queued-request figure for
 * anything that holds a request. Replace them when the kinds land.
 */
export const BYTES = {
  /** A request waiting in a server queue: its call, job, request and queue slot (610 kept, 647 peak). */
  queuedRequest: 650,
  /** A request held by a worker: call, job, request and its pending completion event (651 kept, 719 peak). */
  requestInService: 720,
  /** A call on the network: call, request and its place on the delay line (298 kept, 314 peak). */
  callOnWire: 320,
  /** A caller's deadline (timeoutMs) kept until it passes, on top of the call (25 kept, 50 peak). */
  deadline: 50,
  /** A consistent-hash ring point: 8 bytes kept, 44 at the peak of the build. */
  ringPoint: 45,
  /** A server instance: stations, queue, tallies (1,323 kept). */
  serverInstance: 1330,
  /** A load balancer's target, one per downstream instance (103 kept, beyond the instance itself). */
  balancerTarget: 110,
  /** A user in a load balancer's sticky-session table (4.3 kept). */
  stickyUser: 5,
  /** A user in a server's in-memory session table (8.3 kept). */
  sessionUser: 9,
  /** A key of a Zipf key distribution: its cumulative weight, built from a weight table (8 kept, 16 peak). */
  zipfKey: 16,
  /** A node, beyond what its fields add (a client + server pair with one edge: 9,434 kept, less the edge). */
  node: 2300,
  /** An edge: random streams, delay lines, a deadline ring, counters (4,929 kept). */
  edge: 4950,
  /** PROVISIONAL: a cache or CDN entry, a Map slot and an LRU node (129 kept, 158 peak). */
  cacheEntry: 160,
  /** PROVISIONAL: a message waiting in a queue holds a request, like a queued request. */
  queuedMessage: 650,
  /** PROVISIONAL: a database connection record (88 kept, 109 peak). */
  connection: 110,
  /**
   * One user's rate-limit state in a per-user limiter: up to three numbers in typed arrays and
   * a frame stamp (28.2 kept, sliding-window counter, the largest; measured on traffic's engine).
   */
  limiterBucket: 30,
  /**
   * One timestamp in a sliding-window log: its ring grows by doubling as it fills (8.9 kept,
   * 23.2 peak while a ring is copied; measured on traffic's engine). A request waiting in a leaky
   * bucket costs less than a queued request (483 kept, 545 peak), which the model uses for it.
   */
  logEntry: 24,
  /** A step of a server's replica timeline, with what scheduled it (128 kept; measured on traffic's engine). */
  replicaStep: 130,
  /**
   * A request id in a database's memory of applied writes: 32 bytes per slot of a ring that
   * doubles when full, so 32–64 per id (63.4 kept and 78.2 peak just after a doubling, 32.2
   * kept when full; measured on idem's engine).
   */
  appliedWrite: 80,
} as const;

/**
 * Work per item, in events of the engine (one event ≈ 140–250 ns on this machine): what a
 * run spends building or visiting a structure in bulk, which the event count alone misses.
 * MEASURED with `npm run bench:costs`, cold as the CLI builds, on a machine shared with other
 * work (the figures moved by 2× with the load); the largest seen, rounded up.
 */
export const WORK = {
  /** Building a consistent-hash ring, per point (2.9 measured on this ring; 5–13 on the one before it). */
  ringPoint: 4,
  /** Building a Zipf key table, per key (0.06–1.1 measured: a cold first build is the slow one). */
  zipfKey: 1,
  /** Probing one target in a health-check tick, beyond the tick's own event (0.02–0.15 measured). */
  probeTarget: 0.15,
} as const;
