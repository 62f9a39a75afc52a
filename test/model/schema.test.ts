import { describe, expect, it } from 'vitest';
import {
  createEdge,
  defaultConfig,
  kindDefinitions,
  NODE_KINDS,
  parseScenario,
  type Scenario,
  type ScenarioNode,
} from '../../src/model';
import { example, specExample } from './fixtures';

function parseOk(doc: unknown): Scenario {
  const result = parseScenario(doc);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

describe('the scenario document', () => {
  it('parses the SPEC §3 example, keeping what it says and filling the rest', () => {
    const s = parseOk(example());
    expect(s).toMatchObject({ version: 1, name: 'Read-heavy API with cache', seed: 42, warmupMs: 5000 });
    expect(s.nodes.map((n) => n.kind)).toEqual(['client', 'loadBalancer', 'server', 'cache', 'database']);
    const [users, lb, web, redis, pg] = s.nodes;
    expect(users).toMatchObject({ label: 'Users', config: { rps: 800, arrival: 'poisson', users: 1000 } });
    expect(lb.config).toMatchObject({ algorithm: 'least-connections', virtualNodes: 100 });
    expect(web.config).toMatchObject({ replicas: 3, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 12 } });
    expect(redis.config).toMatchObject({ capacity: 5000, eviction: 'lru', strategy: 'cache-aside' });
    expect(pg.config).toMatchObject({ connections: 20, pooling: true });
    expect(s.edges[2].config.latency).toBe(0.5);
    expect(s.edges[0].config.latency).toBe(1);
    expect(s.faults).toEqual([{ atMs: 30000, action: 'crash', target: 'pg', factor: 5 }]);
  });

  it('does not modify the input document', () => {
    const doc = example();
    parseOk(doc);
    expect(doc).toEqual(specExample);
  });

  it('gives the smallest document every top-level default', () => {
    expect(parseOk({ version: 1 })).toEqual({
      version: 1,
      name: 'Untitled',
      seed: 1,
      durationMs: 60000,
      warmupMs: 0,
      nodes: [],
      edges: [],
      faults: [],
    });
  });

  it('fills every default of a bare {"kind":"server"} node', () => {
    const s = parseOk({ version: 1, nodes: [{ id: 'a', kind: 'server' }] });
    expect(s.nodes[0]).toEqual({
      id: 'a',
      kind: 'server',
      position: { x: 0, y: 0 },
      config: {
        replicas: 1,
        concurrency: 4,
        queueCapacity: 100,
        serviceTime: { dist: 'exponential', meanMs: 10 },
        errorRate: 0,
        calls: 'sequential',
        io: 'blocking',
        sessions: 'stateless',
        sessionRebuildTime: 50,
        autoscale: null,
        scaleSchedule: [],
      },
    });
  });

  it('fills the SPEC defaults of every kind', () => {
    expect(defaultConfig('client')).toEqual({
      rps: 100,
      arrival: 'poisson',
      rateSchedule: [],
      users: 1000,
      keys: { count: 10000, distribution: 'uniform', exponent: 1 },
      writeFraction: 0,
      paths: { '/': 1 },
    });
    expect(defaultConfig('loadBalancer')).toEqual({
      algorithm: 'round-robin',
      virtualNodes: 100,
      hashOn: 'user',
      stickySessions: false,
      healthCheck: null,
      processingTime: 0.1,
    });
    expect(defaultConfig('apiGateway')).toEqual({ routes: [], authTime: 0, rateLimit: null });
    expect(defaultConfig('rateLimiter')).toMatchObject({ algorithm: 'token-bucket', scope: 'global' });
    expect(defaultConfig('cache')).toEqual({
      capacity: 1000,
      eviction: 'lru',
      ttlMs: null,
      strategy: 'cache-aside',
      flushDelayMs: 1000,
      hitTime: 0.5,
      coalesceMisses: false,
    });
    expect(defaultConfig('cdn')).toEqual({ cacheablePaths: ['/static'], hitTime: 5, ttlMs: 60000, capacity: 10000 });
    expect(defaultConfig('queue')).toEqual({ capacity: 10000, whenFull: 'reject', batchSize: 1, maxAttempts: 3, durable: true });
    expect(defaultConfig('database')).toEqual({
      readTime: { dist: 'exponential', meanMs: 5 },
      writeTime: { dist: 'exponential', meanMs: 10 },
      connections: 20,
      poolTimeoutMs: 1000,
      pooling: true,
      connectTime: 20,
      readReplicas: 0,
      replicationLag: 100,
      shards: 1,
      sharding: 'hash',
    });
    expect(createEdge('e', 'a', 'b').config).toEqual({
      latency: 1,
      timeoutMs: null,
      retry: null,
      circuitBreaker: null,
      bulkhead: null,
      callsPerRequest: 1,
      weight: 1,
      fallback: 'error',
      idempotencyKeys: false,
    });
  });

  it('parses a bare node of every kind', () => {
    const s = parseOk({ version: 1, nodes: NODE_KINDS.map((kind) => ({ id: kind, kind })) });
    for (const node of s.nodes) expect(node.config).toEqual(defaultConfig(node.kind));
  });

  it('fills the defaults of partly given nested objects', () => {
    const s = parseOk({
      version: 1,
      nodes: [
        { id: 'lb', kind: 'loadBalancer', config: { healthCheck: { intervalMs: 200 } } },
        { id: 's', kind: 'server', config: { autoscale: { max: 4 } } },
        { id: 'c', kind: 'client', config: { keys: { distribution: 'zipf' } } },
        { id: 'g', kind: 'apiGateway', config: { rateLimit: { ratePerSec: 5 } } },
      ],
      edges: [{ id: 'e', from: 'lb', to: 's', config: { retry: { maxAttempts: 5 }, circuitBreaker: {}, bulkhead: {} } }],
    });
    expect(s.nodes[0].config).toMatchObject({ healthCheck: { intervalMs: 200, unhealthyAfter: 3, healthyAfter: 2 } });
    expect(s.nodes[1].config).toMatchObject({
      autoscale: { min: 1, max: 4, targetUtilization: 0.6, evaluateEveryMs: 5000, cooldownMs: 30000, startupMs: 20000 },
    });
    expect(s.nodes[2].config).toMatchObject({ keys: { count: 10000, distribution: 'zipf', exponent: 1 } });
    expect(s.nodes[3].config).toMatchObject({ rateLimit: { ...defaultConfig('rateLimiter'), ratePerSec: 5 } });
    expect(s.edges[0].config).toMatchObject({
      retry: { maxAttempts: 5, baseDelayMs: 100, multiplier: 2, maxDelayMs: 5000, jitter: 'none', respectRetryAfter: true, budgetRatio: null },
      circuitBreaker: { failureRateThreshold: 0.5, minimumCalls: 20, windowMs: 10000, openMs: 5000, halfOpenCalls: 5 },
      bulkhead: { maxConcurrent: 50 },
    });
  });

  it('keeps a duration in the form it was given', () => {
    const durations = [
      7,
      { dist: 'constant', ms: 5 },
      { dist: 'exponential', meanMs: 10 },
      { dist: 'uniform', minMs: 1, maxMs: 9 },
      { dist: 'lognormal', medianMs: 8, sigma: 0.6 },
      { dist: 'erlang', meanMs: 10, k: 4 },
    ];
    const s = parseOk({
      version: 1,
      nodes: durations.map((serviceTime, i) => ({ id: `s${i}`, kind: 'server', config: { serviceTime } })),
    });
    expect(s.nodes.map((n) => (n.kind === 'server' ? n.config.serviceTime : undefined))).toEqual(durations);
  });

  it('keeps fault instance optional and defaults factor to 5', () => {
    const s = parseOk({
      version: 1,
      nodes: [{ id: 'a', kind: 'server' }],
      faults: [
        { atMs: 0, action: 'crash', target: 'a', instance: 0 },
        { atMs: 10, action: 'slow', target: 'a', factor: 3 },
      ],
    });
    expect(s.faults).toEqual([
      { atMs: 0, action: 'crash', target: 'a', instance: 0, factor: 5 },
      { atMs: 10, action: 'slow', target: 'a', factor: 3 },
    ]);
  });

  it('narrows a node config by kind', () => {
    const node = parseOk({ version: 1, nodes: [{ id: 'a', kind: 'server' }] }).nodes[0] as ScenarioNode;
    // Compile-time: only after narrowing does `config` have `replicas`.
    if (node.kind === 'server') expect(node.config.replicas).toBe(1);
    else expect.unreachable();
  });

  it('describes every kind for people', () => {
    for (const kind of NODE_KINDS) {
      expect(kindDefinitions[kind].label.length).toBeGreaterThan(0);
      expect(kindDefinitions[kind].description.length).toBeGreaterThan(20);
    }
    expect(Object.keys(kindDefinitions).sort()).toEqual([...NODE_KINDS].sort());
  });
});
