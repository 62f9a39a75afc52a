/**
 * The cost model (issue 11): events checked against what the engine really processes,
 * memory against the heap a run really grows, and documents over budget refused with the
 * field that drives the cost named and priced.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkRunnable, createSimulation, nodeReport } from '../../src/engine';
import { BYTES, WORK, checkBudget, estimateCost, formatBytes, formatCount, formatErrors, parseScenario, parseScenarioText, type Scenario } from '../../src/model';

/** A size as the messages write it: `size(1e7, BYTES.queuedRequest)` is "6.1 GB" today (the figures are re-measured). */
const size = (items: number, bytesEach: number) => formatBytes(items * bytesEach);

function scenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario({ version: 1, name: 'cost', ...doc });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.scenario;
}

const lines = (s: Scenario, budget?: Parameters<typeof checkBudget>[1]) => {
  const check = checkBudget(estimateCost(s), budget);
  return [...check.memory, ...check.events].map((e) => `${e.path}: ${e.message}`);
};

/** 5× its capacity: 5,000 rps into one worker of 1 ms, with a queue of up to 10,000,000. */
const overloaded = (durationMs: number) =>
  scenario({
    durationMs,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 5000 } },
      { id: 'web', kind: 'server', config: { concurrency: 1, queueCapacity: 10_000_000, serviceTime: 1 } },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'web' }],
  });

describe('events: the estimate against the engine', () => {
  const root = resolve(__dirname, '../..');
  for (const name of ['mm1', 'sessions', 'slow-server', 'web-app']) {
    it(`examples/${name}.json: within 5% of the events the engine processes`, () => {
      const parsed = parseScenarioText(readFileSync(resolve(root, `examples/${name}.json`), 'utf8'));
      if (!parsed.ok) throw new Error('invalid example');
      const estimate = estimateCost(parsed.scenario);
      const sim = createSimulation(parsed.scenario);
      sim.runToEnd();
      // Poisson arrivals over 60 s: the count's relative noise is about 1/√n, well under 1%.
      expect(estimate.totalEvents / sim.events).toBeGreaterThan(0.95);
      expect(estimate.totalEvents / sim.events).toBeLessThan(1.05);
    });
  }

  it('retries at worst: every attempt fails, and the estimate counts every attempt and every call', () => {
    const s = scenario({
      durationMs: 20_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 200, arrival: 'constant' } },
        { id: 'api', kind: 'server', config: { concurrency: 64, serviceTime: 1 } },
        { id: 'db', kind: 'server', config: { concurrency: 64, serviceTime: 1 } },
        { id: 'flaky', kind: 'server', config: { concurrency: 64, serviceTime: 1, errorRate: 1 } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'api' },
        { id: 'e2', from: 'api', to: 'db', config: { callsPerRequest: 3 } },
        { id: 'e3', from: 'api', to: 'flaky', config: { retry: { maxAttempts: 4, baseDelayMs: 0 } } },
      ],
    });
    const estimate = estimateCost(s);
    const sim = createSimulation(s);
    sim.runToEnd();
    // Per request: arrival 1, e1 2, api 1, 3 calls to db × (2 network + 1), then 4 attempts at
    // flaky × (2 network + 1 retry timer + 1) — the engine schedules 3 retry timers, not 4.
    expect(estimate.events[0].what).toBe('200 requests/s × ≈ 29 events each');
    expect(sim.events / estimate.totalEvents).toBeGreaterThan(27.5 / 29);
    expect(sim.events / estimate.totalEvents).toBeLessThanOrEqual(1);
  });
});

describe('memory: the estimate against the heap a run grows', () => {
  it('a queue of 200,000 requests costs what BYTES.queuedRequest says, within a factor of 2', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const s = scenario({
      durationMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 20_000, arrival: 'constant' } },
        { id: 'web', kind: 'server', config: { concurrency: 1, queueCapacity: 200_000, serviceTime: 86_400_000 } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0 } }],
    });
    const queue = estimateCost(s).memory.find((m) => m.path === 'nodes[1].config.queueCapacity')!;
    expect(queue.what).toBe('up to 200,000 queued requests');
    gc();
    const before = process.memoryUsage().heapUsed;
    const sim = createSimulation(s);
    sim.runToEnd();
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(sim.takeFrame().nodes.web.queueLength).toBeGreaterThan(199_000);
    // Never an underestimate; not wildly over (the kernel may shrink a call: re-measure then).
    expect(grown).toBeLessThanOrEqual(queue.bytes * 1.05);
    expect(grown).toBeGreaterThan(queue.bytes / 2);
  });

  it("a database's memory of 140,000 applied writes costs what BYTES.appliedWrite says, within a factor of 2", async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // 14,000 writes a second for 10 s: 140,000 ids, just past the ring's doubling to 2^18 slots.
    const s = scenario({
      durationMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 14_000, arrival: 'constant', writeFraction: 1, keys: { count: 1 } } },
        { id: 'db', kind: 'database', config: { connections: 1000, writeTime: 0 } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'db', config: { latency: 0 } }],
    });
    const ids = estimateCost(s).memory.find((m) => m.path === 'nodes[1]')!;
    expect(ids.what).toBe('up to 140,000 request ids of the writes applied in the last 10 minutes');
    const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    // The rings outgrown on the way are garbage whose buffers V8 frees on a background thread,
    // later when the machine is busy: the least of a few readings is what the run keeps.
    const settled = async () => {
      let least = Infinity;
      for (let k = 0; k < 10; k++) {
        gc();
        await new Promise((r) => setTimeout(r, 30));
        least = Math.min(least, held());
      }
      return least;
    };
    const before = await settled();
    const sim = createSimulation(s);
    sim.runToEnd();
    const grown = (await settled()) - before;
    expect(nodeReport(sim.report(), 'db', 'database').rememberedWriteIds).toBeGreaterThan(139_000);
    expect(grown).toBeLessThanOrEqual(ids.bytes * 1.05);
    expect(grown).toBeGreaterThan(ids.bytes / 2);
  });

  it('the figures are positive, and say how to re-measure them', () => {
    for (const [name, bytes] of Object.entries(BYTES)) expect(bytes, name).toBeGreaterThan(0);
    for (const [name, events] of Object.entries(WORK)) expect(events, name).toBeGreaterThan(0);
    const source = readFileSync(resolve(__dirname, '../../src/model/cost/measured.ts'), 'utf8');
    expect(source).toContain('npm run bench:costs');
  });
});

describe('a document over budget is refused with the fields that drive the cost', () => {
  it('queueCapacity 10,000,000 at five times the load (the cap on a typo never bounded memory)', () => {
    expect(lines(overloaded(3_600_000))).toEqual([
      `nodes[1].config.queueCapacity: up to 10,000,000 queued requests ≈ ${size(1e7, BYTES.queuedRequest)}; the limit is 256 MB`,
    ]);
  });

  it('the same queue in a short run holds only what arrives, and fits', () => {
    expect(lines(overloaded(10_000))).toEqual([]);
    expect(estimateCost(overloaded(10_000)).memory[0].what).toBe('up to 50,000 queued requests (all that reach it in 10 s)');
  });

  it('a budget raised far enough lets it through', () => {
    expect(lines(overloaded(3_600_000), { maxMemoryBytes: 8 * 2 ** 30, maxEvents: 1e9 })).toEqual([]);
  });

  it('6 servers × 1,000 replicas × 10,000 virtual nodes', () => {
    const s = scenario({
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 100 } },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'consistent-hash', virtualNodes: 10_000 } },
        ...[0, 1, 2, 3, 4, 5].map((k) => ({ id: `s${k}`, kind: 'server', config: { replicas: 1000 } })),
      ],
      edges: [{ id: 'in', from: 'users', to: 'lb' }, ...[0, 1, 2, 3, 4, 5].map((k) => ({ id: `e${k}`, from: 'lb', to: `s${k}` }))],
    });
    expect(lines(s)).toEqual([
      `nodes[1].config.virtualNodes: a consistent-hash ring of 60,000,000 points (6,000 instances × 10,000) ≈ ${size(6e7, BYTES.ringPoint)}; the limit is 256 MB`,
      `nodes[1].config.virtualNodes: building a ring of 60,000,000 points ≈ ${formatCount(6e7 * WORK.ringPoint)} events`,
      // and 100 rps × 6 events (the arrival, 2 × 2 legs, the service: the balancer's
      // processing rides its outgoing link) × 60 s of traffic
      `durationMs: ≈ ${formatCount(6e7 * WORK.ringPoint + 36_000)} events in all over 60 s; the limit is 100,000,000 events`,
    ]);
    // With the default 100 virtual nodes the same design fits.
    const lb = s.nodes[1];
    if (lb.kind === 'loadBalancer') lb.config.virtualNodes = 100;
    expect(lines(s)).toEqual([]);
  });

  it('a health check every 1 ms over 1,000 targets for a day is too many events', () => {
    const s = scenario({
      durationMs: 86_400_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 1 } },
        { id: 'lb', kind: 'loadBalancer', config: { healthCheck: { intervalMs: 1 }, virtualNodes: 1 } },
        { id: 'web', kind: 'server', config: { replicas: 1000 } },
      ],
      edges: [
        { id: 'in', from: 'users', to: 'lb' },
        { id: 'out', from: 'lb', to: 'web' },
      ],
    });
    expect(lines(s)).toEqual([
      'nodes[1].config.healthCheck.intervalMs: a probe of 1,000 targets every 1 ms over 86,400 s ≈ 1.3e10 events',
      'durationMs: ≈ 1.3e10 events in all over 86,400 s; the limit is 100,000,000 events',
    ]);
  });

  it('a client at 1,000,000 rps for most of a day names the step that sets its rate', () => {
    const s = scenario({
      durationMs: 86_400_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 10, rateSchedule: [{ atMs: 1000, rps: 1_000_000 }] } },
        { id: 'web', kind: 'server', config: { concurrency: 10_000, replicas: 100 } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'web' }],
    });
    const check = checkBudget(estimateCost(s));
    expect(check.events[0]).toEqual({
      path: 'nodes[0].config.rateSchedule[0].rps',
      message: '≈ 8.6e10 requests (at most 1,000,000/s) × ≈ 4 events each over 86,400 s ≈ 3.5e11 events',
    });
  });

  it('structures of the kinds not simulated yet: connections, per-user logs, cache entries', () => {
    const s = scenario({
      durationMs: 86_400_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 1000, users: 1_000_000, keys: { count: 10_000_000 } } },
        { id: 'rl', kind: 'rateLimiter', config: { algorithm: 'sliding-window-log', scope: 'per-user', limit: 10_000_000 } },
        { id: 'cache', kind: 'cache', config: { capacity: 10_000_000 } },
        { id: 'db', kind: 'database', config: { shards: 1000, readReplicas: 100, connections: 10_000 } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'rl' },
        { id: 'e2', from: 'rl', to: 'cache' },
        { id: 'e3', from: 'cache', to: 'db' },
      ],
    });
    const memory = checkBudget(estimateCost(s)).memory.map((e) => `${e.path}: ${e.message}`);
    expect(memory).toEqual([
      `nodes[3].config.connections: 1,010,000,000 connections (1,000 shards × (1 + 100 replicas) × 10,000) ≈ ${size(1.01e9, BYTES.connection)}; the limit is 256 MB`,
      `nodes[1].config.limit: up to 86,400,000 logged timestamps ≈ ${size(86_400_000, BYTES.logEntry)}; the limit is 256 MB`,
      `nodes[2].config.capacity: up to 10,000,000 cache entries ≈ ${size(1e7, BYTES.cacheEntry)}; the limit is 256 MB`,
    ].sort((a, b) => memoryOf(b) - memoryOf(a)));
  });

  it("a database's memory of applied writes: writeFraction of the calls, 10 minutes of them, at most 4,194,304", () => {
    const doc = (rps: number, writeFraction: number, durationMs: number) =>
      scenario({
        durationMs,
        nodes: [
          { id: 'users', kind: 'client', config: { rps, writeFraction } },
          { id: 'api', kind: 'server', config: { concurrency: 1000, replicas: 100 } },
          { id: 'db', kind: 'database' },
        ],
        edges: [
          { id: 'e1', from: 'users', to: 'api' },
          { id: 'e2', from: 'api', to: 'db', config: { callsPerRequest: 2, timeoutMs: 100, retry: { maxAttempts: 3 } } },
        ],
      });
    const ids = (s: Scenario) => estimateCost(s).memory.find((m) => m.path === 'nodes[2]');
    // Reads only: nothing to remember.
    expect(ids(doc(1000, 0, 3_600_000))).toBeUndefined();
    // 10% of 1,000 rps, 2 calls each, every one tried 3 times at worst: 600 write calls a second.
    expect(ids(doc(1000, 0.1, 3_600_000))!.what).toBe('up to 360,000 request ids of the writes applied in the last 10 minutes');
    // A minute of them holds only the minute's.
    expect(ids(doc(1000, 0.1, 60_000))!.what).toBe('up to 36,000 request ids of the writes applied in the last 10 minutes');
    // 20,000 writes a second would fill 10 minutes with 72,000,000: the memory stops at its bound.
    const big = ids(doc(20_000, 0.5, 3_600_000))!;
    expect(big.what).toBe('up to 4,194,304 request ids of the writes applied in the last 10 minutes');
    expect(big.bytes).toBe(4_194_304 * BYTES.appliedWrite);
    expect(checkBudget(estimateCost(doc(20_000, 0.5, 3_600_000))).memory).toContainEqual({
      path: 'nodes[2]',
      message: `up to 4,194,304 request ids of the writes applied in the last 10 minutes ≈ ${size(4_194_304, BYTES.appliedWrite)}; the limit is 256 MB`,
    });
  });

  it('fan-out that overflows a double is "more than 1e308", never NaN', () => {
    const n = 120;
    const s = scenario({
      durationMs: 1000,
      nodes: [{ id: 'c', kind: 'client', config: { rps: 1 } }, ...Array.from({ length: n }, (_, k) => ({ id: `s${k}`, kind: 'server' }))],
      edges: Array.from({ length: n }, (_, k) => ({
        id: `e${k}`,
        from: k === 0 ? 'c' : `s${k - 1}`,
        to: `s${k}`,
        config: { callsPerRequest: 1000, retry: { maxAttempts: 100 } },
      })),
    });
    const estimate = estimateCost(s);
    expect(estimate.totalEvents).toBe(Infinity);
    for (const m of estimate.memory) expect(Number.isNaN(m.bytes)).toBe(false);
    expect(lines(s).at(-1)).toBe('durationMs: ≈ more than 1e308 events in all over 1 s; the limit is 100,000,000 events');
  });
});

/** Sorts the expected lines as the check does: largest first (by the size in the line). */
function memoryOf(line: string): number {
  const m = /≈ ([\d.]+) (bytes|KB|MB|GB|TB)/.exec(line)!;
  return Number(m[1]) * 1024 ** ['bytes', 'KB', 'MB', 'GB', 'TB'].indexOf(m[2]);
}

describe('a rate schedule is integrated, not taken at its peak for the whole run', () => {
  it('a 1 ms spike to 1,000,000 rps in a day of 1 rps is about 87,400 requests', () => {
    const s = scenario({
      durationMs: 86_400_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 1, rateSchedule: [{ atMs: 1000, rps: 1_000_000 }, { atMs: 1001, rps: 1 }] } },
        { id: 'web', kind: 'server' },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'web' }],
    });
    const client = estimateCost(s).events.find((e) => e.path.startsWith('nodes[0]'))!;
    // 1 rps for 86,399.999 s plus 1,000,000 rps for 1 ms.
    expect(client.events).toBeCloseTo((86_399.999 + 1000) * 4, 6);
    expect(client.path).toBe('nodes[0].config.rateSchedule[0].rps');
    expect(lines(s)).toEqual([]);
  });
});

describe('test/fixtures/limits.json: every bound at its limit', () => {
  const text = readFileSync(resolve(__dirname, '../fixtures/limits.json'), 'utf8');

  it('is valid, at the node, edge and fault limits, and runnable', () => {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(formatErrors(parsed.errors, 20));
    const s = parsed.scenario;
    expect([s.nodes.length, s.edges.length, s.faults.length]).toEqual([10_000, 20_000, 10_000]);
    expect(s.durationMs).toBe(86_400_000);
    expect(checkRunnable(s)).toEqual([]);
  });

  it('fits the default budget, with its events at the limit', () => {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error('invalid');
    const estimate = estimateCost(parsed.scenario);
    expect(checkBudget(estimate)).toEqual({ memory: [], events: [] });
    expect(estimate.totalEvents).toBeGreaterThan(0.99 * 100_000_000);
  });
});
