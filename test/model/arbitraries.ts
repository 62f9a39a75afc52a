/**
 * fast-check arbitraries for scenario documents.
 *
 * - `arbScenario()`: random VALID and RUNNABLE documents using only clients,
 *   load balancers and servers (the kinds the engine simulates first), for
 *   engine property tests such as request conservation.
 * - `arbAnyScenario()`: random valid documents over every kind and every
 *   config field, for the model's own round-trip property.
 *
 * Both produce input documents (plain JSON, defaults sometimes omitted).
 * Numbers are drawn on small grids (n / 100) so they print and round-trip
 * exactly and never produce -0.
 */
import fc from 'fast-check';
import type { Duration, ScenarioInput } from '../../src/model';
import {
  CACHE_STRATEGIES,
  EVICTION_POLICIES,
  LOAD_BALANCING_ALGORITHMS,
  NODE_KINDS,
  RATE_LIMIT_ALGORITHMS,
  type NodeKind,
} from '../../src/model';

type Json = Record<string, unknown>;
type NodeInput = ScenarioInput['nodes'] extends (infer N)[] | undefined ? N : never;
type EdgeInput = ScenarioInput['edges'] extends (infer E)[] | undefined ? E : never;
type FaultInput = ScenarioInput['faults'] extends (infer F)[] | undefined ? F : never;

/** A number in [min, max] on a grid of 1/100. */
export function arbDecimal(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((n) => n / 100);
}

/** A duration (plain number or any distribution) whose mean is at most about `maxMs`. */
export function arbDuration(maxMs = 20): fc.Arbitrary<Duration> {
  const positive = arbDecimal(0.01, maxMs);
  return fc.oneof(
    arbDecimal(0, maxMs),
    arbDecimal(0, maxMs).map((ms) => ({ dist: 'constant' as const, ms })),
    positive.map((meanMs) => ({ dist: 'exponential' as const, meanMs })),
    fc
      .tuple(arbDecimal(0, maxMs), arbDecimal(0, maxMs))
      .map(([a, b]) => ({ dist: 'uniform' as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
    fc
      .record({ medianMs: arbDecimal(0.01, maxMs / 2), sigma: arbDecimal(0, 1) })
      .map((d) => ({ dist: 'lognormal' as const, ...d })),
    fc.record({ meanMs: positive, k: fc.integer({ min: 1, max: 8 }) }).map((d) => ({ dist: 'erlang' as const, ...d })),
  );
}

/** Strictly increasing times in [0, maxMs). */
function arbTimes(maxMs: number, maxLength: number): fc.Arbitrary<number[]> {
  return fc
    .uniqueArray(fc.integer({ min: 0, max: Math.max(0, maxMs - 1) }), { maxLength })
    .map((times) => times.sort((a, b) => a - b));
}

/** Some of the given fields, each with a random valid value (absent fields take defaults). */
function partial<T extends Json>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> {
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Partial<T>>;
}

const arbHealthCheck = fc.option(
  partial({
    intervalMs: fc.integer({ min: 10, max: 2000 }),
    unhealthyAfter: fc.integer({ min: 1, max: 5 }),
    healthyAfter: fc.integer({ min: 1, max: 5 }),
  }),
  { nil: null },
);

function arbClientConfig(durationMs: number) {
  return partial({
    rps: fc.oneof(fc.integer({ min: 0, max: 500 }), arbDecimal(0, 500)),
    arrival: fc.constantFrom('poisson' as const, 'constant' as const),
    rateSchedule: arbTimes(durationMs, 3).chain((times) =>
      fc.tuple(...times.map((atMs) => fc.integer({ min: 0, max: 500 }).map((rps) => ({ atMs, rps })))),
    ),
    users: fc.integer({ min: 1, max: 2000 }),
    keys: partial({
      count: fc.integer({ min: 1, max: 10_000 }),
      distribution: fc.constantFrom('uniform' as const, 'zipf' as const),
      exponent: arbDecimal(0, 2),
    }),
    writeFraction: arbDecimal(0, 1),
    paths: fc.dictionary(fc.stringMatching(/^\/[a-z]{0,6}$/), arbDecimal(0.01, 10), { minKeys: 1, maxKeys: 3 }),
  });
}

const arbLoadBalancerConfig = partial({
  algorithm: fc.constantFrom(...LOAD_BALANCING_ALGORITHMS),
  virtualNodes: fc.integer({ min: 1, max: 200 }),
  hashOn: fc.constantFrom('user' as const, 'key' as const),
  stickySessions: fc.boolean(),
  healthCheck: arbHealthCheck,
  processingTime: arbDuration(1),
});

function arbServerConfig(durationMs: number) {
  return partial({
    replicas: fc.integer({ min: 1, max: 4 }),
    concurrency: fc.integer({ min: 1, max: 8 }),
    queueCapacity: fc.integer({ min: 0, max: 200 }),
    serviceTime: arbDuration(20),
    errorRate: fc.oneof(fc.constant(0), arbDecimal(0, 0.2)),
    calls: fc.constantFrom('sequential' as const, 'parallel' as const),
    io: fc.constantFrom('blocking' as const, 'async' as const),
    sessions: fc.constantFrom('stateless' as const, 'in-memory' as const),
    sessionRebuildTime: arbDuration(50),
    scaleSchedule: arbTimes(durationMs, 2).chain((times) =>
      fc.tuple(...times.map((atMs) => fc.integer({ min: 1, max: 4 }).map((replicas) => ({ atMs, replicas })))),
    ),
  });
}

/** Faults on servers (crash, recover, slow) and edges (partition, heal). */
function arbFaults(durationMs: number, servers: { id: string; replicas: number }[], edgeIds: string[]) {
  const atMs = fc.integer({ min: 0, max: durationMs });
  const onServer = fc.record({
    atMs,
    action: fc.constantFrom('crash' as const, 'recover' as const, 'slow' as const),
    server: fc.constantFrom(...servers),
    whole: fc.boolean(),
    instance: fc.nat(3),
    factor: arbDecimal(1, 10),
  }).map(({ server, whole, instance, ...f }): FaultInput => {
    const fault: FaultInput = { atMs: f.atMs, action: f.action, target: server.id };
    if (!whole) fault.instance = instance % server.replicas;
    if (f.action === 'slow') fault.factor = f.factor;
    return fault;
  });
  const onEdge = fc.record({
    atMs,
    action: fc.constantFrom('partition' as const, 'heal' as const),
    target: fc.constantFrom(...edgeIds),
  });
  return fc.array(fc.oneof(onServer, onEdge), { maxLength: 4 });
}

export interface ArbScenarioOptions {
  /** Include scheduled faults sometimes (default true). */
  faults?: boolean;
}

/**
 * Random valid, runnable scenarios over clients, load balancers and servers:
 * 1–3 clients with exactly one outgoing edge each (to a load balancer or a
 * server), 0–2 load balancers each calling ≥ 1 server, 1–4 servers whose
 * calls to other servers form a DAG (server i only calls servers j > i, at
 * most two). Small rates and durations; edges sometimes carry timeouts, retries,
 * circuit breakers, bulkheads and fallbacks.
 */
export function arbScenario(options: ArbScenarioOptions = {}): fc.Arbitrary<ScenarioInput> {
  const withFaults = options.faults ?? true;
  return fc
    .record({
      clients: fc.integer({ min: 1, max: 3 }),
      lbs: fc.integer({ min: 0, max: 2 }),
      servers: fc.integer({ min: 1, max: 4 }),
      durationMs: fc.integer({ min: 100, max: 3000 }),
    })
    .chain(({ clients, lbs, servers, durationMs }) => {
      const clientIds = Array.from({ length: clients }, (_, i) => `client-${i + 1}`);
      const lbIds = Array.from({ length: lbs }, (_, i) => `lb-${i + 1}`);
      const serverIds = Array.from({ length: servers }, (_, i) => `server-${i + 1}`);
      // Resilience settings scaled to these short runs, so timeouts fire and breakers trip.
      const edgeConfig = partial({
        latency: arbDuration(5),
        weight: fc.integer({ min: 1, max: 5 }),
        timeoutMs: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
        retry: fc.option(
          partial({
            maxAttempts: fc.integer({ min: 1, max: 3 }),
            baseDelayMs: fc.integer({ min: 0, max: 20 }),
            jitter: fc.constantFrom('none' as const, 'full' as const, 'equal' as const),
          }),
          { nil: null },
        ),
        circuitBreaker: fc.option(
          partial({
            minimumCalls: fc.integer({ min: 1, max: 10 }),
            windowMs: fc.integer({ min: 100, max: 1000 }),
            openMs: fc.integer({ min: 50, max: 500 }),
            halfOpenCalls: fc.integer({ min: 1, max: 3 }),
          }),
          { nil: null },
        ),
        bulkhead: fc.option(partial({ maxConcurrent: fc.integer({ min: 1, max: 5 }) }), { nil: null }),
        fallback: fc.constantFrom('error' as const, 'degraded' as const),
      });
      return fc
        .record({
          seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          warmupMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: Math.floor(durationMs / 2) })),
          clientTargets: fc.tuple(...clientIds.map(() => fc.constantFrom(...lbIds, ...serverIds))),
          clientConfigs: fc.tuple(...clientIds.map(() => arbClientConfig(durationMs))),
          lbTargets: fc.tuple(...lbIds.map(() => fc.subarray(serverIds, { minLength: 1 }))),
          lbConfigs: fc.tuple(...lbIds.map(() => arbLoadBalancerConfig)),
          serverTargets: fc.tuple(
            ...serverIds.map((_, i) => fc.subarray(serverIds.slice(i + 1), { maxLength: Math.min(2, servers - i - 1) })),
          ),
          serverConfigs: fc.tuple(...serverIds.map(() => arbServerConfig(durationMs))),
          edgeConfigs: fc.array(fc.option(edgeConfig, { nil: undefined }), { minLength: 32, maxLength: 32 }),
        })
        .chain((d) => {
          const nodes: NodeInput[] = [
            ...clientIds.map((id, i): NodeInput => ({ id, kind: 'client', config: d.clientConfigs[i] })),
            ...lbIds.map((id, i): NodeInput => ({ id, kind: 'loadBalancer', config: d.lbConfigs[i] })),
            ...serverIds.map((id, i): NodeInput => ({ id, kind: 'server', config: d.serverConfigs[i] })),
          ];
          const pairs: [string, string][] = [
            ...clientIds.map((id, i): [string, string] => [id, d.clientTargets[i]]),
            ...lbIds.flatMap((id, i) => d.lbTargets[i].map((to): [string, string] => [id, to])),
            ...serverIds.flatMap((id, i) => d.serverTargets[i].map((to): [string, string] => [id, to])),
          ];
          const edges = pairs.map(([from, to], i): EdgeInput => {
            const config = d.edgeConfigs[i % d.edgeConfigs.length];
            return config === undefined ? { id: `e-${i + 1}`, from, to } : { id: `e-${i + 1}`, from, to, config };
          });
          const doc = (faults: FaultInput[]): ScenarioInput => ({
            version: 1,
            name: 'arbitrary',
            seed: d.seed,
            durationMs,
            warmupMs: d.warmupMs,
            nodes,
            edges,
            faults,
          });
          if (!withFaults) return fc.constant(doc([]));
          const servers = serverIds.map((id, i) => ({ id, replicas: d.serverConfigs[i].replicas ?? 1 }));
          return fc.oneof(
            fc.constant(doc([])),
            arbFaults(durationMs, servers, edges.map((e) => e.id)).map(doc),
          );
        });
    });
}

/* ---------- every kind, every field: for the model's own properties ---------- */

const arbRateLimiterConfig = partial({
  algorithm: fc.constantFrom(...RATE_LIMIT_ALGORITHMS),
  ratePerSec: arbDecimal(0, 1000),
  burst: fc.integer({ min: 1, max: 500 }),
  queueSize: fc.integer({ min: 0, max: 500 }),
  limit: fc.integer({ min: 0, max: 500 }),
  windowMs: fc.integer({ min: 1, max: 60_000 }),
  scope: fc.constantFrom('global' as const, 'per-user' as const),
});

function arbConfig(kind: NodeKind, nodeIds: string[], durationMs: number): fc.Arbitrary<Json> {
  switch (kind) {
    case 'client':
      return arbClientConfig(durationMs);
    case 'loadBalancer':
      return arbLoadBalancerConfig;
    case 'server':
      return fc.tuple(
        arbServerConfig(durationMs),
        fc.option(
          partial({
            min: fc.integer({ min: 1, max: 3 }),
            max: fc.integer({ min: 10, max: 20 }),
            targetUtilization: arbDecimal(0.01, 1),
            evaluateEveryMs: fc.integer({ min: 1, max: 10_000 }),
            cooldownMs: fc.integer({ min: 0, max: 60_000 }),
            startupMs: fc.integer({ min: 0, max: 60_000 }),
          }),
          { nil: null },
        ),
      ).map(([config, autoscale]) => ({ ...config, autoscale }));
    case 'apiGateway':
      return partial({
        routes: fc.array(
          fc.record({ pathPrefix: fc.stringMatching(/^\/[a-z]{0,5}$/), to: fc.constantFrom(...nodeIds) }),
          { maxLength: 3 },
        ),
        authTime: arbDuration(5),
        rateLimit: fc.option(arbRateLimiterConfig, { nil: null }),
      });
    case 'rateLimiter':
      return arbRateLimiterConfig;
    case 'cache':
      return partial({
        capacity: fc.integer({ min: 1, max: 10_000 }),
        eviction: fc.constantFrom(...EVICTION_POLICIES),
        ttlMs: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
        strategy: fc.constantFrom(...CACHE_STRATEGIES),
        flushDelayMs: fc.integer({ min: 1, max: 5000 }),
        hitTime: arbDuration(2),
        coalesceMisses: fc.boolean(),
      });
    case 'cdn':
      return partial({
        cacheablePaths: fc.array(fc.stringMatching(/^\/[a-z]{1,6}$/), { maxLength: 3 }),
        hitTime: arbDuration(10),
        ttlMs: fc.integer({ min: 1, max: 100_000 }),
        capacity: fc.integer({ min: 1, max: 100_000 }),
      });
    case 'queue':
      return partial({
        capacity: fc.integer({ min: 1, max: 100_000 }),
        whenFull: fc.constantFrom('reject' as const, 'block' as const),
        batchSize: fc.integer({ min: 1, max: 50 }),
        maxAttempts: fc.integer({ min: 1, max: 10 }),
        durable: fc.boolean(),
      });
    case 'database':
      return partial({
        readTime: arbDuration(20),
        writeTime: arbDuration(40),
        connections: fc.integer({ min: 1, max: 100 }),
        poolTimeoutMs: fc.integer({ min: 0, max: 5000 }),
        pooling: fc.boolean(),
        connectTime: arbDuration(50),
        readReplicas: fc.integer({ min: 0, max: 5 }),
        replicationLag: arbDuration(500),
        shards: fc.integer({ min: 1, max: 16 }),
        sharding: fc.constantFrom('hash' as const, 'range' as const),
      });
  }
}

const arbFullEdgeConfig = partial({
  latency: arbDuration(5),
  timeoutMs: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
  retry: fc.option(
    partial({
      maxAttempts: fc.integer({ min: 1, max: 5 }),
      baseDelayMs: fc.integer({ min: 0, max: 1000 }),
      multiplier: arbDecimal(1, 4),
      maxDelayMs: fc.integer({ min: 0, max: 10_000 }),
      jitter: fc.constantFrom('none' as const, 'full' as const, 'equal' as const),
      respectRetryAfter: fc.boolean(),
      budgetRatio: fc.option(arbDecimal(0, 2), { nil: null }),
    }),
    { nil: null },
  ),
  circuitBreaker: fc.option(
    partial({
      failureRateThreshold: arbDecimal(0.01, 1),
      minimumCalls: fc.integer({ min: 1, max: 100 }),
      windowMs: fc.integer({ min: 1, max: 60_000 }),
      openMs: fc.integer({ min: 1, max: 60_000 }),
      halfOpenCalls: fc.integer({ min: 1, max: 20 }),
    }),
    { nil: null },
  ),
  bulkhead: fc.option(partial({ maxConcurrent: fc.integer({ min: 1, max: 200 }) }), { nil: null }),
  callsPerRequest: fc.integer({ min: 1, max: 5 }),
  weight: arbDecimal(0.01, 10),
  fallback: fc.constantFrom('error' as const, 'degraded' as const),
  idempotencyKeys: fc.boolean(),
});

/**
 * Random valid documents over every node kind and every config field (not
 * necessarily runnable: any node may call any other, cycles included).
 */
export function arbAnyScenario(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      kinds: fc.array(fc.constantFrom(...NODE_KINDS), { minLength: 1, maxLength: 8 }),
      durationMs: fc.integer({ min: 1, max: 86_400_000 }),
    })
    .chain(({ kinds, durationMs }) => {
      const nodeIds = kinds.map((kind, i) => `${kind}-${i + 1}`);
      const arbEdge = fc
        .tuple(fc.nat(nodeIds.length - 1), fc.nat(nodeIds.length - 1), fc.option(arbFullEdgeConfig, { nil: undefined }))
        .filter(([a, b]) => a !== b);
      return fc
        .record({
          nodes: fc.tuple(
            ...kinds.map((kind, i) =>
              fc.record(
                {
                  id: fc.constant(nodeIds[i]),
                  kind: fc.constant(kind),
                  label: fc.string({ maxLength: 20 }),
                  position: fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }),
                  config: arbConfig(kind, nodeIds, durationMs),
                },
                { requiredKeys: ['id', 'kind'] },
              ),
            ),
          ),
          // A single node has nothing to call (self-calls are invalid).
          edges: fc.array(arbEdge, { maxLength: nodeIds.length > 1 ? 10 : 0 }),
          meta: partial({
            name: fc.string({ maxLength: 40 }),
            description: fc.string({ maxLength: 100 }),
            seed: fc.integer(),
            warmupMs: fc.integer({ min: 0, max: durationMs - 1 }),
          }),
          faultPicks: fc.array(
            fc.record({
              atMs: fc.integer({ min: 0, max: durationMs }),
              onNode: fc.boolean(),
              pick: fc.nat(100),
              instance: fc.option(fc.nat(5), { nil: undefined }),
              factor: fc.option(arbDecimal(0.01, 100), { nil: undefined }),
            }),
            { maxLength: 3 },
          ),
        })
        .map(({ nodes, edges, meta, faultPicks }): ScenarioInput => {
          const edgeList: EdgeInput[] = edges.map(([a, b, config], i) => ({
            id: `edge-${i + 1}`,
            from: nodeIds[a],
            to: nodeIds[b],
            ...(config === undefined ? {} : { config }),
          }));
          const faults = faultPicks.map((f): FaultInput => {
            if (f.onNode || edgeList.length === 0) {
              const fault: FaultInput = {
                atMs: f.atMs,
                action: (['crash', 'recover', 'slow'] as const)[f.pick % 3],
                target: nodeIds[f.pick % nodeIds.length],
              };
              if (f.instance !== undefined) fault.instance = f.instance;
              if (f.factor !== undefined) fault.factor = f.factor;
              return fault;
            }
            return {
              atMs: f.atMs,
              action: f.pick % 2 === 0 ? 'partition' : 'heal',
              target: edgeList[f.pick % edgeList.length].id,
            };
          });
          return { version: 1, durationMs, ...meta, nodes: nodes as NodeInput[], edges: edgeList, faults };
        });
    });
}
