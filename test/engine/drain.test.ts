/**
 * Conservation with teeth. `inFlight` is counted on its own (requests taken from the pool
 * minus requests finished), not as the remainder of the identity; and after a drain (the
 * sources stop, the run goes on until no event is left) everything must be back: every
 * request finished, every pooled request, call and record returned, every worker, permit and
 * balancer slot free. A leak, a double answer or a lost request shows here.
 *
 * A call dropped by a partition is lost for good unless its caller has a timeout (that is
 * the lesson of a partition), so the scenarios partition only edges with a timeout.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, isSimulated } from '../../src/engine';
import { NODE_KINDS, parseScenario, type ScenarioInput } from '../../src/model';
import { arbDuration } from '../model/arbitraries';

type Json = Record<string, unknown>;

const algorithms = [
  'round-robin',
  'weighted-round-robin',
  'least-connections',
  'least-response-time',
  'ip-hash',
  'consistent-hash',
  'random',
  'power-of-two-choices',
] as const;

/** A latency that is often exactly zero: answers at the instant they are given. */
const arbLatency = fc.oneof(fc.constant(0), fc.constant(1), arbDuration(4));

const arbService = fc.oneof(
  arbDuration(20),
  fc.record({ dist: fc.constant('erlang'), meanMs: fc.integer({ min: 1, max: 20 }), k: fc.integer({ min: 1, max: 1000 }) }),
);

function arbEdgeConfig(callsMax: number): fc.Arbitrary<Json> {
  return fc.record(
    {
      latency: arbLatency,
      timeoutMs: fc.option(fc.integer({ min: 1, max: 80 }), { nil: null }),
      retry: fc.option(
        fc.record({
          maxAttempts: fc.integer({ min: 1, max: 4 }),
          baseDelayMs: fc.integer({ min: 0, max: 20 }),
          jitter: fc.constantFrom('none', 'full', 'equal'),
        }),
        { nil: null },
      ),
      circuitBreaker: fc.option(
        fc.record({
          minimumCalls: fc.integer({ min: 1, max: 10 }),
          windowMs: fc.integer({ min: 100, max: 1000 }),
          openMs: fc.integer({ min: 20, max: 400 }),
          halfOpenCalls: fc.integer({ min: 1, max: 3 }),
        }),
        { nil: null },
      ),
      bulkhead: fc.option(fc.record({ maxConcurrent: fc.integer({ min: 1, max: 6 }) }), { nil: null }),
      callsPerRequest: fc.integer({ min: 1, max: callsMax }),
      weight: fc.integer({ min: 1, max: 5 }),
      fallback: fc.constantFrom('error', 'degraded'),
      idempotencyKeys: fc.boolean(),
    },
    { requiredKeys: [] },
  );
}

/** A rate limit of any algorithm and scope, scaled to these short runs (rates and limits of 0 too). */
const arbRateLimit = fc.record(
  {
    algorithm: fc.constantFrom('token-bucket', 'leaky-bucket', 'fixed-window', 'sliding-window-log', 'sliding-window-counter'),
    ratePerSec: fc.constantFrom(0, 2, 10, 50, 500),
    burst: fc.integer({ min: 1, max: 10 }),
    queueSize: fc.integer({ min: 0, max: 20 }),
    limit: fc.integer({ min: 0, max: 20 }),
    windowMs: fc.integer({ min: 10, max: 1000 }),
    scope: fc.constantFrom('global', 'per-user'),
  },
  { requiredKeys: [] },
);

const arbPaths = fc.constantFrom({ '/': 1 }, { '/static': 1, '/api': 1 }, { '/api': 0.6, '/static': 0.3, '/admin': 0.1 }, { '/static/a': 1 });

const arbCache = fc.record(
  {
    capacity: fc.integer({ min: 1, max: 40 }),
    eviction: fc.constantFrom('lru', 'lfu', 'fifo', 'random'),
    ttlMs: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
    strategy: fc.constantFrom('cache-aside', 'write-through', 'write-back'),
    flushDelayMs: fc.integer({ min: 1, max: 300 }),
    hitTime: fc.oneof(fc.constant(0), arbDuration(2)),
    coalesceMisses: fc.boolean(),
  },
  { requiredKeys: [] },
);

const arbCdn = fc.record(
  {
    cacheablePaths: fc.subarray(['/static', '/api', '/']),
    hitTime: fc.oneof(fc.constant(0), arbDuration(3)),
    ttlMs: fc.integer({ min: 1, max: 1000 }),
    capacity: fc.integer({ min: 1, max: 40 }),
  },
  { requiredKeys: [] },
);

const arbQueue = fc.record(
  {
    capacity: fc.integer({ min: 1, max: 30 }),
    whenFull: fc.constantFrom('reject', 'block'),
    batchSize: fc.integer({ min: 1, max: 4 }),
    maxAttempts: fc.integer({ min: 1, max: 4 }),
    durable: fc.boolean(),
  },
  { requiredKeys: [] },
);

const arbDatabase = fc.record(
  {
    readTime: arbDuration(8),
    writeTime: arbDuration(12),
    connections: fc.integer({ min: 1, max: 5 }),
    poolTimeoutMs: fc.integer({ min: 0, max: 100 }),
    pooling: fc.boolean(),
    connectTime: arbDuration(5),
    readReplicas: fc.integer({ min: 0, max: 2 }),
    replicationLag: fc.oneof(fc.constant(0), arbDuration(60)),
    shards: fc.integer({ min: 1, max: 3 }),
    sharding: fc.constantFrom('hash', 'range'),
  },
  { requiredKeys: [] },
);

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/**
 * Random small systems, in layers whose edges only go forward (so no cycle): clients →
 * rate limiters and gateways → balancers → a CDN → servers (some autoscaled) → queues →
 * the queues' consumers (workers) → caches → databases. Servers call later servers and the
 * data tier; a cache calls a later cache or a database.
 */
function arbSystem(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      clients: fc.integer({ min: 1, max: 3 }),
      limiters: fc.integer({ min: 0, max: 2 }),
      gateways: fc.integer({ min: 0, max: 1 }),
      lbs: fc.integer({ min: 0, max: 2 }),
      servers: fc.integer({ min: 1, max: 4 }),
      cdns: fc.integer({ min: 0, max: 1 }),
      queues: fc.integer({ min: 0, max: 2 }),
      workers: fc.integer({ min: 1, max: 2 }),
      caches: fc.integer({ min: 0, max: 2 }),
      dbs: fc.integer({ min: 0, max: 2 }),
      durationMs: fc.integer({ min: 200, max: 2000 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .chain(({ clients, limiters, gateways, lbs, servers, cdns, queues, workers, caches, dbs, durationMs, seed }) => {
      const clientIds = ids('c', clients);
      const limiterIds = ids('rl', limiters);
      const gatewayIds = ids('gw', gateways);
      const fronts = [...limiterIds, ...gatewayIds];
      const lbIds = ids('lb', lbs);
      const serverIds = ids('s', servers);
      const cdnIds = ids('n', cdns);
      const queueIds = ids('q', queues);
      const workerIds = ids('w', queues > 0 ? workers : 0);
      const cacheIds = ids('k', caches);
      const dbIds = ids('d', caches > 0 ? Math.max(1, dbs) : dbs);
      const dataIds = [...queueIds, ...cacheIds, ...dbIds];
      const backIds = [...lbIds, ...cdnIds, ...serverIds, ...dataIds];
      const arbServer = fc.record(
        {
          replicas: fc.integer({ min: 1, max: 4 }),
          concurrency: fc.integer({ min: 1, max: 6 }),
          queueCapacity: fc.integer({ min: 0, max: 30 }),
          serviceTime: arbService,
          errorRate: fc.constantFrom(0, 0, 0.1, 0.5),
          calls: fc.constantFrom('sequential', 'parallel'),
          io: fc.constantFrom('blocking', 'async'),
          sessions: fc.constantFrom('stateless', 'in-memory'),
          autoscale: fc.option(
            fc
              .record({
                min: fc.integer({ min: 1, max: 3 }),
                extra: fc.integer({ min: 0, max: 4 }),
                targetUtilization: fc.constantFrom(0.3, 0.6, 0.9, 1),
                evaluateEveryMs: fc.integer({ min: 10, max: 300 }),
                cooldownMs: fc.constantFrom(0, 50, 400),
                startupMs: fc.constantFrom(0, 30, 200),
              })
              .map(({ extra, ...a }) => ({ ...a, max: a.min + extra })),
            { nil: null },
          ),
          scaleSchedule: fc
            .uniqueArray(fc.integer({ min: 0, max: Math.round(durationMs * 1.2) }), { maxLength: 6 })
            .chain((times) =>
              fc.tuple(...times.sort((a, b) => a - b).map((atMs) => fc.record({ atMs: fc.constant(atMs), replicas: fc.integer({ min: 1, max: 5 }) }))),
            ),
        },
        { requiredKeys: ['replicas'] },
      );
      return fc
        .record({
          clientCfg: fc.tuple(
            ...clientIds.map(() =>
              fc.record({
                rps: fc.integer({ min: 0, max: 300 }),
                arrival: fc.constantFrom('poisson', 'constant'),
                users: fc.integer({ min: 1, max: 50 }),
                keys: fc.record({ count: fc.integer({ min: 1, max: 60 }), distribution: fc.constantFrom('uniform', 'zipf') }),
                writeFraction: fc.constantFrom(0, 0.2, 0.5, 1),
                paths: arbPaths,
              }),
            ),
          ),
          // The first clients feed the limiters and gateways, one each; the others go anywhere.
          clientTo: fc.tuple(
            ...clientIds.map((_, i) => (i < fronts.length ? fc.constant(fronts[i]) : fc.constantFrom(...fronts, ...backIds))),
          ),
          limiterCfg: fc.tuple(...limiterIds.map(() => arbRateLimit)),
          limiterTo: fc.tuple(...limiterIds.map(() => fc.constantFrom(...gatewayIds, ...backIds))),
          gatewayTo: fc.tuple(...gatewayIds.map(() => fc.subarray(backIds, { minLength: 1 }))),
          gatewayCfg: fc.tuple(
            ...gatewayIds.map(() =>
              fc.record({
                prefixes: fc.subarray(['/static', '/api', '/', '/nothing'], { maxLength: 3 }),
                routeTo: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
                authTime: fc.oneof(fc.constant(0), arbDuration(3)),
                rateLimit: fc.option(arbRateLimit, { nil: null }),
              }),
            ),
          ),
          lbCfg: fc.tuple(
            ...lbIds.map(() =>
              fc.record(
                {
                  algorithm: fc.constantFrom(...algorithms),
                  stickySessions: fc.boolean(),
                  virtualNodes: fc.integer({ min: 1, max: 50 }),
                  hashOn: fc.constantFrom('user', 'key'),
                  processingTime: fc.constantFrom(0, 0.1, 1),
                  healthCheck: fc.option(
                    fc.record({
                      intervalMs: fc.integer({ min: 10, max: 200 }),
                      unhealthyAfter: fc.integer({ min: 1, max: 3 }),
                      healthyAfter: fc.integer({ min: 1, max: 3 }),
                    }),
                    { nil: null },
                  ),
                },
                { requiredKeys: [] },
              ),
            ),
          ),
          lbTo: fc.tuple(...lbIds.map(() => fc.subarray(serverIds, { minLength: 1 }))),
          cdnCfg: fc.tuple(...cdnIds.map(() => arbCdn)),
          cdnTo: fc.tuple(...cdnIds.map(() => fc.constantFrom(...lbIds, ...serverIds, ...cacheIds, ...dbIds))),
          serverCfg: fc.tuple(...serverIds.map(() => arbServer)),
          serverTo: fc.tuple(...serverIds.map((_, i) => fc.subarray(serverIds.slice(i + 1), { maxLength: Math.min(2, servers - i - 1) }))),
          serverData: fc.tuple(...serverIds.map(() => fc.subarray(dataIds, { maxLength: Math.min(2, dataIds.length) }))),
          queueCfg: fc.tuple(...queueIds.map(() => arbQueue)),
          queueTo: fc.tuple(...queueIds.map(() => fc.subarray(workerIds, { minLength: 1 }))),
          workerCfg: fc.tuple(...workerIds.map(() => arbServer)),
          workerTo: fc.tuple(...workerIds.map(() => fc.subarray([...cacheIds, ...dbIds], { maxLength: Math.min(1, caches + dbIds.length) }))),
          cacheCfg: fc.tuple(...cacheIds.map(() => arbCache)),
          cacheTo: fc.tuple(...cacheIds.map((_, i) => fc.constantFrom(...cacheIds.slice(i + 1), ...dbIds))),
          dbCfg: fc.tuple(...dbIds.map(() => arbDatabase)),
          // callsPerRequest up to 100, but only where the fan-out stays small enough to run.
          edgeCfg: fc.array(fc.option(arbEdgeConfig(100), { nil: undefined }), { minLength: 64, maxLength: 64 }),
        })
        .chain((d) => {
          const pairs: [string, string][] = [
            ...clientIds.map((id, i): [string, string] => [id, d.clientTo[i]]),
            ...limiterIds.map((id, i): [string, string] => [id, d.limiterTo[i]]),
            ...gatewayIds.flatMap((id, i) => d.gatewayTo[i].map((to): [string, string] => [id, to])),
            ...lbIds.flatMap((id, i) => d.lbTo[i].map((to): [string, string] => [id, to])),
            ...cdnIds.map((id, i): [string, string] => [id, d.cdnTo[i]]),
            ...serverIds.flatMap((id, i) => [...d.serverTo[i], ...d.serverData[i]].map((to): [string, string] => [id, to])),
            ...queueIds.flatMap((id, i) => d.queueTo[i].map((to): [string, string] => [id, to])),
            ...workerIds.flatMap((id, i) => d.workerTo[i].map((to): [string, string] => [id, to])),
            ...cacheIds.map((id, i): [string, string] => [id, d.cacheTo[i]]),
          ];
          const edges = pairs.map(([from, to], i) => {
            const config = d.edgeCfg[i];
            // A server calling a server: many calls a request are the N+1 pattern; keep the
            // product of fan-outs bounded so a run stays short.
            const calls = from.startsWith('s') && config ? config : config && { ...config, callsPerRequest: 1 };
            return calls === undefined ? { id: `e${i}`, from, to } : { id: `e${i}`, from, to, config: calls };
          });
          // Throttle the sources so the many calls a request stay within a test's budget.
          const fanout = edges.reduce((m, e) => Math.max(m, (e.config?.callsPerRequest as number | undefined) ?? 1), 1);
          const nodes = [
            ...clientIds.map((id, i) => ({ id, kind: 'client', config: { ...d.clientCfg[i], rps: Math.round(d.clientCfg[i].rps / fanout) } })),
            ...limiterIds.map((id, i) => ({ id, kind: 'rateLimiter', config: d.limiterCfg[i] })),
            ...gatewayIds.map((id, i) => {
              const { prefixes, routeTo, authTime, rateLimit } = d.gatewayCfg[i];
              const targets = d.gatewayTo[i];
              const routes = prefixes.map((pathPrefix, r) => ({ pathPrefix, to: targets[routeTo[r] % targets.length] }));
              return { id, kind: 'apiGateway', config: { routes, authTime, rateLimit } };
            }),
            ...lbIds.map((id, i) => ({ id, kind: 'loadBalancer', config: d.lbCfg[i] })),
            ...cdnIds.map((id, i) => ({ id, kind: 'cdn', config: d.cdnCfg[i] })),
            ...serverIds.map((id, i) => ({ id, kind: 'server', config: d.serverCfg[i] })),
            ...queueIds.map((id, i) => ({ id, kind: 'queue', config: d.queueCfg[i] })),
            ...workerIds.map((id, i) => ({ id, kind: 'server', config: d.workerCfg[i] })),
            ...cacheIds.map((id, i) => ({ id, kind: 'cache', config: d.cacheCfg[i] })),
            ...dbIds.map((id, i) => ({ id, kind: 'database', config: d.dbCfg[i] })),
          ];
          const timed = edges.filter((e) => e.config?.timeoutMs != null).map((e) => e.id);
          const nodeFault = fc.record({
            atMs: fc.integer({ min: 0, max: durationMs }),
            action: fc.constantFrom('crash', 'recover', 'slow'),
            target: fc.constantFrom(...nodes.map((n) => n.id)),
            factor: fc.constantFrom(2, 10),
          });
          const edgeFault =
            timed.length > 0
              ? fc.record({ atMs: fc.integer({ min: 0, max: durationMs }), action: fc.constantFrom('partition', 'heal'), target: fc.constantFrom(...timed) })
              : nodeFault;
          return fc.array(fc.oneof(nodeFault, edgeFault), { maxLength: 8 }).map(
            (faults): ScenarioInput =>
              ({
                version: 1,
                name: 'drain',
                seed,
                durationMs,
                warmupMs: Math.floor(durationMs / 4),
                nodes,
                edges,
                faults: faults.sort((a, b) => a.atMs - b.atMs),
              }) as ScenarioInput,
          );
        });
    });
}

describe('drain: everything comes back', () => {
  it('the random systems hold every kind the engine simulates (a new kind needs its place in arbSystem)', () => {
    const seen = new Set<string>();
    for (const doc of fc.sample(arbSystem(), { numRuns: 300, seed: 20261127 })) for (const n of doc.nodes ?? []) seen.add(n.kind);
    for (const kind of NODE_KINDS) if (isSimulated(kind)) expect(seen.has(kind), `no ${kind} in the drain test's systems`).toBe(true);
  });

  it('over 500 random systems, the books balance at the end and nothing is held after a drain', () => {
    let ran = 0;
    fc.assert(
      fc.property(arbSystem(), (doc) => {
        const parsed = parseScenario(doc);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const sim = createSimulation(parsed.scenario);
        const keyed = parsed.scenario.edges.some((e) => e.config.idempotencyKeys);
        sim.runToEnd();
        const end = sim.report().requests;
        expect(end.inFlight).toBeGreaterThanOrEqual(0);
        expect(end.generated).toBe(end.ok + end.error + end.rejected + end.timeout + end.inFlight);
        // A durable queue that is down keeps its messages: bring it back so they drain.
        for (const n of parsed.scenario.nodes) if (n.kind === 'queue') sim.applyChange({ type: 'fault', action: 'recover', target: n.id });
        sim.drain();
        const r = sim.report();
        const q = r.requests;
        expect(q.generated).toBe(end.generated); // the sources stopped
        expect(q.inFlight).toBe(0);
        expect(q.generated).toBe(q.ok + q.error + q.rejected + q.timeout);
        expect(sim.holdings()).toEqual({
          requests: 0,
          calls: 0,
          records: 0,
          busy: 0,
          waiting: 0,
          permits: 0,
          outstanding: 0,
          events: 0,
          inFlight: 0,
        });
        for (const n of Object.values(r.nodes)) {
          expect(n.utilization).toBeGreaterThanOrEqual(0);
          expect(n.utilization).toBeLessThanOrEqual(1 + 1e-9);
          if (n.kind === 'database') {
            // A duplicate is an application beyond a request's first; only a request with a key is deduplicated.
            expect(n.duplicateWrites).toBeLessThan(Math.max(1, n.writesApplied));
            if (!keyed) expect(n.writesDeduplicated).toBe(0);
          }
        }
        ran++;
      }),
      { numRuns: 500, seed: 20261127 },
    );
    expect(ran).toBe(500);
  });
});
