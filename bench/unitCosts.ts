/**
 * `npm run bench:costs`: measures what each structure that scales with a field costs per item,
 * through the public engine API, for the cost model's constants (src/model/cost/measured.ts):
 * the heap it holds, and for what is built or visited in bulk (a hash ring, a Zipf table, the
 * targets of a health check) the time it takes, in events of the same engine.
 *
 * Each case runs in a fresh Node process (`--expose-gc`) so that its peak RSS is its own:
 * it builds a run with `createSimulation`, advances it until a known number of items exist
 * (queued requests, calls on the wire, ring points…), and divides the growth of the heap after a
 * full GC by that number. Build-time structures also report their peak (maxRSS growth), since a
 * build that needs a transient array can die before it retains anything.
 *
 * Work is wall time per item divided by the wall time of one event of an M/M/1 run measured
 * in the same process (so it is in events, whatever the machine's speed).
 *
 * The engine's Call object and ring are being reworked: re-run this after kernel changes and
 * copy the printed figures into src/model/cost/measured.ts.
 *   npm run bench:costs              every case
 *   npm run bench:costs -- queued    one case
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createSimulation, nodeReport, type Simulation } from '../src/engine';
import { parseScenario, type Scenario } from '../src/model';

const DAY_MS = 86_400_000;

interface Measure {
  /** What one item is. */
  item: string;
  /** Builds the document. */
  doc: () => unknown;
  /** Simulated time to advance to (0: measure the build only). */
  untilMs: number;
  /** How many items exist at that point. */
  items: (sim: Simulation) => number;
  /**
   * Subtract another case: `"wire"` its cost per item for each item here (the deadline on top
   * of a call on the wire); `"instance×100"` the cost of 100 of its items in all.
   */
  minus?: string;
}

const client = (rps: number, extra: Record<string, unknown> = {}) => ({
  id: 'users',
  kind: 'client',
  config: { rps, arrival: 'constant', ...extra },
});
const server = (config: Record<string, unknown>) => ({ id: 'web', kind: 'server', config });
const doc = (nodes: unknown[], edges: unknown[], durationMs = DAY_MS) => ({ version: 1, name: 'bytes', seed: 1, durationMs, nodes, edges });
const direct = (config: Record<string, unknown> = {}) => [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0, ...config } }];
const viaLb = [
  { id: 'e1', from: 'users', to: 'lb', config: { latency: 0 } },
  { id: 'e2', from: 'lb', to: 'web', config: { latency: 0 } },
];
const slow = { dist: 'constant', ms: DAY_MS };
/** 100,000 requests a second straight into a database that answers at once; `writes` of them write. */
const appliedWritesDoc = (writes: number) =>
  doc(
    [client(100_000, { writeFraction: writes, keys: { count: 1 } }), { id: 'db', kind: 'database', config: { connections: 1000, writeTime: 0, readTime: 0 } }],
    [{ id: 'e1', from: 'users', to: 'db', config: { latency: 0 } }],
  );
const queueLength = (sim: Simulation) => sim.takeFrame().nodes.web.queueLength;

const CASES: Record<string, Measure> = {
  queued: {
    item: 'request waiting in a server queue (call + request + queue slot)',
    doc: () => doc([client(100_000), server({ concurrency: 1, queueCapacity: 10_000_000, serviceTime: slow })], direct()),
    untilMs: 10_000,
    items: queueLength,
  },
  inService: {
    item: 'request held by a worker (call + request)',
    doc: () => doc([client(100_000), server({ replicas: 100, concurrency: 10_000, queueCapacity: 0, serviceTime: slow })], direct()),
    untilMs: 10_000,
    items: (sim) => sim.report().nodes.web.arrivals - sim.report().nodes.web.rejected,
    minus: 'instance×100',
  },
  wire: {
    item: 'call on the wire (call + request + pending event)',
    doc: () => doc([client(100_000), server({})], direct({ latency: DAY_MS })),
    untilMs: 10_000,
    items: (sim) => sim.report().requests.generated,
  },
  deadline: {
    item: 'caller deadline (timeoutMs) on top of a call on the wire',
    doc: () => doc([client(100_000), server({})], direct({ latency: DAY_MS, timeoutMs: DAY_MS })),
    untilMs: 10_000,
    items: (sim) => sim.report().requests.generated,
    minus: 'wire',
  },
  ringPoint: {
    item: 'consistent-hash ring point (instances × virtualNodes)',
    doc: () =>
      doc(
        [client(1), { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'consistent-hash', virtualNodes: 1000 } }, server({ replicas: 1000 })],
        viaLb,
      ),
    untilMs: 0,
    items: () => 1000 * 1000,
    minus: 'target×1000',
  },
  instance: {
    item: 'server instance (state, queue, tallies)',
    doc: () => doc([client(1), server({ replicas: 1000 })], direct()),
    untilMs: 0,
    items: () => 1000,
  },
  target: {
    item: 'load-balancer target (one per downstream instance) with its instance',
    doc: () => doc([client(1), { id: 'lb', kind: 'loadBalancer', config: { virtualNodes: 1 } }, server({ replicas: 1000 })], viaLb),
    untilMs: 0,
    items: () => 1000,
  },
  stickyUser: {
    item: 'user in a load balancer\'s sticky-session table',
    doc: () => doc([client(1, { users: 1_000_000 }), { id: 'lb', kind: 'loadBalancer', config: { stickySessions: true, virtualNodes: 1 } }, server({})], viaLb),
    untilMs: 0,
    items: () => 1_000_000,
    minus: 'nodePair×1',
  },
  sessionUser: {
    item: 'user in a server\'s in-memory session table',
    doc: () => doc([client(1, { users: 1_000_000 }), server({ sessions: 'in-memory' })], direct()),
    untilMs: 0,
    items: () => 1_000_000,
    minus: 'nodePair×1',
  },
  zipfKey: {
    item: 'key of a Zipf key distribution (cumulative table)',
    doc: () => doc([client(1, { keys: { count: 10_000_000, distribution: 'zipf' } }), server({})], direct()),
    untilMs: 0,
    items: () => 10_000_000,
    minus: 'nodePair×1',
  },
  limiterBucket: {
    item: 'per-user rate-limit state, one user (sliding-window counter: the largest)',
    doc: () =>
      doc(
        [client(1, { users: 1_000_000 }), { id: 'rl', kind: 'rateLimiter', config: { algorithm: 'sliding-window-counter', scope: 'per-user' } }, server({})],
        [
          { id: 'e1', from: 'users', to: 'rl', config: { latency: 0 } },
          { id: 'e2', from: 'rl', to: 'web', config: { latency: 0 } },
        ],
      ),
    untilMs: 0,
    items: () => 1_000_000,
    minus: 'nodePair×1',
  },
  logEntry: {
    item: 'timestamp in a sliding-window log (a ring that grows as it fills)',
    doc: () =>
      doc(
        [
          client(100_000),
          { id: 'rl', kind: 'rateLimiter', config: { algorithm: 'sliding-window-log', limit: 10_000_000, windowMs: DAY_MS } },
          server({ concurrency: 10_000, serviceTime: 0 }),
        ],
        [
          { id: 'e1', from: 'users', to: 'rl', config: { latency: 0 } },
          { id: 'e2', from: 'rl', to: 'web', config: { latency: 0 } },
        ],
      ),
    untilMs: 10_000,
    items: (sim) => nodeReport(sim.report(), 'rl', 'rateLimiter').allowed,
  },
  leakyHeld: {
    item: 'request waiting in a per-user leaky bucket (call + request + its departure event)',
    doc: () =>
      doc(
        [
          client(100_000, { users: 1000 }),
          { id: 'rl', kind: 'rateLimiter', config: { algorithm: 'leaky-bucket', scope: 'per-user', ratePerSec: 0.001, queueSize: 10_000_000 } },
          server({}),
        ],
        [
          { id: 'e1', from: 'users', to: 'rl', config: { latency: 0 } },
          { id: 'e2', from: 'rl', to: 'web', config: { latency: 0 } },
        ],
      ),
    untilMs: 10_000,
    items: (sim) => sim.takeFrame().nodes.rl.queueLength,
  },
  replicaStep: {
    item: "step of a server's replica timeline (with its scheduled change)",
    doc: () =>
      doc(
        [client(1), server({ scaleSchedule: Array.from({ length: 10_000 }, (_, k) => ({ atMs: k + 1, replicas: 1 + (k % 2) })) })],
        direct(),
      ),
    untilMs: 20_000,
    items: () => 10_000,
  },
  appliedWrite: {
    // 530,000 ids: just past a doubling of the ring to 2^20 slots, its worst bytes per id.
    item: "request id in a database's memory of applied writes (just after its ring doubled)",
    doc: () => appliedWritesDoc(1),
    untilMs: 5_300,
    items: (sim) => nodeReport(sim.report(), 'db', 'database').rememberedWriteIds,
    minus: 'appliedWriteBase',
  },
  appliedWriteBase: {
    item: 'the same run reading instead of writing (what the writes add is the memory)',
    doc: () => appliedWritesDoc(0),
    untilMs: 5_300,
    items: (sim) => sim.report().requests.generated,
  },
  edge: {
    item: 'edge (1,000 parallel edges between two servers)',
    doc: () => {
      const edges: unknown[] = [{ id: 'in', from: 'users', to: 'web' }];
      for (let k = 0; k < 1000; k++) edges.push({ id: `e${k}`, from: 'web', to: 'api' });
      return doc([client(1), server({}), { id: 'api', kind: 'server' }], edges);
    },
    untilMs: 0,
    items: () => 1000,
  },
  nodePair: {
    item: 'client + server + edge (the smallest runnable pair)',
    doc: () => {
      const nodes: unknown[] = [];
      const edges: unknown[] = [];
      for (let k = 0; k < 1000; k++) {
        nodes.push({ id: `c${k}`, kind: 'client', config: { rps: 1 } }, { id: `s${k}`, kind: 'server' });
        edges.push({ id: `e${k}`, from: `c${k}`, to: `s${k}` });
      }
      return doc(nodes, edges);
    },
    untilMs: 0,
    items: () => 1000,
  },
};

/**
 * Kinds the engine does not simulate yet cannot be measured through `createSimulation`. Until
 * they land, these measure the plain structure such a component would most likely keep (a
 * Map-indexed LRU entry, a pooled connection record), so the constants are not pulled from the
 * air; replace them with engine cases when the kinds are simulated.
 */
const PROVISIONAL: Record<string, { item: string; build: (n: number) => unknown; items: number }> = {
  cacheEntry: {
    item: '(provisional) cache or CDN entry: Map slot + LRU node',
    items: 1_000_000,
    build: (n) => {
      const map = new Map<number, { key: number; version: number; expiresAt: number; dirty: boolean; prev: unknown; next: unknown }>();
      let prev: unknown = null;
      for (let k = 0; k < n; k++) {
        const entry = { key: k, version: k, expiresAt: k * 1.5, dirty: false, prev, next: null };
        map.set(k * 7919, entry);
        prev = entry;
      }
      return map;
    },
  },
  connection: {
    item: '(provisional) database connection record',
    items: 1_000_000,
    build: (n) => Array.from({ length: n }, (_, k) => ({ busy: false, openedAt: k * 0.5, shard: k % 7, replica: 0, call: null })),
  },
};

/** Work cases: wall time per item of building (or, for probes, running) a document. */
const WORK: Record<string, { item: string; doc: () => unknown; untilMs: number; items: number; minusEvents?: boolean }> = {
  ringPointWork: {
    item: 'building a consistent-hash ring, per point',
    doc: () => doc([client(1), { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'consistent-hash', virtualNodes: 1000 } }, server({ replicas: 1000 })], viaLb),
    untilMs: 0,
    items: 1000 * 1000,
  },
  zipfKeyWork: {
    item: 'building a Zipf key table, per key',
    doc: () => doc([client(1, { keys: { count: 10_000_000, distribution: 'zipf' } }), server({})], direct()),
    untilMs: 0,
    items: 10_000_000,
  },
  probeTargetWork: {
    item: 'a health-check probe, per target (beyond its tick event)',
    doc: () =>
      doc([client(0), { id: 'lb', kind: 'loadBalancer', config: { virtualNodes: 1, healthCheck: { intervalMs: 1 } } }, server({ replicas: 1000 })], viaLb),
    untilMs: 100_000,
    items: 100_000 * 1000,
    minusEvents: true,
  },
};

/** Nanoseconds per event of the engine, on the M/M/1 of the benchmark (after a warm-up). */
function nsPerEvent(): number {
  const mm1 = (ms: number) => {
    const parsed = parseScenario(doc([client(800, { arrival: 'poisson' }), server({ concurrency: 1, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: 1 } })], direct(), ms));
    if (!parsed.ok) throw new Error('mm1');
    return parsed.scenario;
  };
  createSimulation(mm1(20_000)).runToEnd();
  const sim = createSimulation(mm1(600_000));
  const t0 = performance.now();
  sim.runToEnd();
  return ((performance.now() - t0) * 1e6) / sim.events;
}

function measureWork(name: string): Figures {
  const c = WORK[name];
  const perEvent = nsPerEvent();
  const parsed = parseScenario(c.doc());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  // Timed once, cold, as the CLI builds a run once (the engine itself is warm from the M/M/1).
  const once = () => {
    const t0 = performance.now();
    const sim = createSimulation(parsed.scenario);
    if (c.untilMs > 0) sim.runUntil(c.untilMs);
    const ns = (performance.now() - t0) * 1e6;
    return c.minusEvents ? ns - sim.events * perEvent : ns;
  };
  const ns = once();
  return { retained: 0, peak: 0, items: c.items, events: ns / c.items / perEvent, nsPerItem: ns / c.items };
}

interface Figures {
  retained: number;
  peak: number;
  items: number;
  /** Work cases: events per item, and the wall time behind it. */
  events?: number;
  nsPerItem?: number;
}

/** Runs one case in this process (the child). */
function measure(name: string): Figures {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  if (WORK[name]) return measureWork(name);
  const provisional = PROVISIONAL[name];
  if (provisional) {
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const rss0 = process.resourceUsage().maxRSS * 1024;
    const kept = provisional.build(provisional.items);
    const peak = process.resourceUsage().maxRSS * 1024 - rss0;
    gc();
    const retained = process.memoryUsage().heapUsed - heap0;
    if (kept === undefined) console.log('unreachable');
    return { retained: retained / provisional.items, peak: peak / provisional.items, items: provisional.items };
  }
  const c = CASES[name];
  const parsed = parseScenario(c.doc());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const scenario: Scenario = parsed.scenario;
  gc();
  gc();
  const heap0 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const rss0 = process.resourceUsage().maxRSS * 1024;
  const sim = createSimulation(scenario);
  if (c.untilMs > 0) sim.runUntil(c.untilMs);
  const peakRss = process.resourceUsage().maxRSS * 1024 - rss0;
  const items = c.items(sim);
  gc();
  gc();
  const heap1 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  // Keep the run alive until measured.
  if (sim.events < 0) console.log('unreachable');
  return { retained: (heap1 - heap0) / items, peak: peakRss / items, items };
}

function runChild(name: string): Figures {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', name], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  console.log(JSON.stringify(measure(args[1])));
} else {
  const names = args.length > 0 ? args : [...Object.keys(CASES), ...Object.keys(PROVISIONAL), ...Object.keys(WORK)];
  const results = new Map<string, Figures>();
  const resolve = (name: string): Figures => {
    const cached = results.get(name);
    if (cached) return cached;
    const f = runChild(name);
    results.set(name, f);
    return f;
  };
  console.log(`archsim unit costs — Node ${process.version}\n`);
  console.log('case          retained B/item   peak B/item   items       what');
  for (const name of names) {
    const f = resolve(name);
    if (f.events !== undefined) {
      console.log(`${name.padEnd(15)} ${f.events.toFixed(3).padStart(9)} events/item (${f.nsPerItem!.toFixed(1)} ns)   ${String(f.items).padEnd(11)} ${WORK[name].item}`);
      continue;
    }
    let { retained, peak } = f;
    const minus = CASES[name]?.minus;
    if (minus) {
      // "other×k": subtract k of the other case's items, spread over this case's items.
      // "other": the other case's cost per item, for each of this case's items.
      const [other, times] = minus.split('×');
      const o = resolve(other);
      const k = times === undefined ? f.items : Number(times);
      retained -= (o.retained * k) / f.items;
      peak -= (o.peak * k) / f.items;
    }
    console.log(
      `${name.padEnd(13)} ${retained.toFixed(1).padStart(15)} ${peak.toFixed(1).padStart(13)}   ${String(f.items).padEnd(11)} ${(CASES[name] ?? PROVISIONAL[name]).item}`,
    );
  }
}
