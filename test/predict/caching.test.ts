/** The theory panel's caches, CDNs and rate limiters, against the simulation. */
import { describe, expect, it } from 'vitest';
import { predictTheory, simulatedFigure, type StationTheory } from '../../src/predict';
import { fifoHitRate, lfuHitRate, lruHitRate, tokenBucketMaxAdmitted, zipfProbabilities } from '../../src/theory';
import { replicate, run, scenario, seeds } from '../helpers';

const theory = (doc: Record<string, unknown>, node: string): StationTheory => predictTheory(scenario(doc)).stations.find((s) => s.node === node)!;
const hit = (t: StationTheory) => t.predictions.find((p) => p.field === 'hitRate')?.value ?? NaN;

const cached = (cache: Record<string, unknown>, client: Record<string, unknown> = {}, front?: Record<string, unknown>) => ({
  durationMs: 40_000,
  warmupMs: 10_000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 2000, keys: { count: 2000, distribution: 'zipf', exponent: 0.8 }, ...client } },
    ...(front ? [{ id: 'front', kind: 'cache', config: front }] : []),
    { id: 'redis', kind: 'cache', config: { capacity: 200, hitTime: 0.1, ...cache } },
    { id: 'pg', kind: 'database', config: { connections: 100 } },
  ],
  edges: [
    ...(front ? [{ id: 'e0', from: 'users', to: 'front' }, { id: 'e1', from: 'front', to: 'redis' }] : [{ id: 'e1', from: 'users', to: 'redis' }]),
    { id: 'e2', from: 'redis', to: 'pg' },
  ],
});

describe('caches under independent keys', () => {
  const p = zipfProbabilities(2000, 0.8);

  it('LRU: the Che approximation, beside the simulated hit rate', () => {
    const t = theory(cached({ eviction: 'lru' }), 'redis');
    expect(t.model).toBe('Che (LRU)');
    expect(hit(t)).toBeCloseTo(lruHitRate(p, 200), 12);
    const sim = replicate(seeds(3), (seed) => simulatedFigure(run(cached({ eviction: 'lru' }), { seed }), 'redis', 'hitRate'));
    // Che is accurate to well under a percentage point at this size.
    expect(Math.abs(sim.mean - hit(t))).toBeLessThan(4 * sim.se + 0.005);
  });

  it('FIFO and random replacement share one law; LFU is bounded by the most popular keys', () => {
    expect(hit(theory(cached({ eviction: 'fifo' }), 'redis'))).toBeCloseTo(fifoHitRate(p, 200), 12);
    const random = theory(cached({ eviction: 'random' }), 'redis');
    expect(hit(random)).toBeCloseTo(fifoHitRate(p, 200), 12);
    const sim = replicate(seeds(3), (seed) => simulatedFigure(run(cached({ eviction: 'random' }), { seed }), 'redis', 'hitRate'));
    // This approximation is looser than Che's (test/validation/cache.test.ts allows 0.02).
    expect(Math.abs(sim.mean - hit(random))).toBeLessThan(4 * sim.se + 0.02);
    const lfu = theory(cached({ eviction: 'lfu' }), 'redis');
    expect(lfu.predictions).toEqual([{ field: 'hitRate', label: expect.any(String), value: lfuHitRate(p, 200), unit: 'fraction', bound: 'upper' }]);
    expect(simulatedFigure(run(cached({ eviction: 'lfu' }), { seed: 1 }), 'redis', 'hitRate')).toBeLessThanOrEqual(lfuHitRate(p, 200) + 0.005);
  });

  it('mixes the key laws of several clients by their reads', () => {
    const doc = cached({});
    doc.nodes.push({ id: 'batch', kind: 'client', config: { rps: 500, keys: { count: 500, distribution: 'uniform' } } } as never);
    doc.edges.push({ id: 'e3', from: 'batch', to: 'redis' });
    const mix = new Float64Array(2000);
    for (let i = 0; i < 2000; i++) mix[i] = 0.8 * p[i] + (i < 500 ? 0.2 / 500 : 0);
    expect(hit(theory(doc, 'redis'))).toBeCloseTo(lruHitRate(mix, 200), 12);
  });

  it('names what breaks independent keys: writes, a cache in front, a TTL on FIFO', () => {
    expect(theory(cached({}, { writeFraction: 0.1 }), 'redis').failed).toEqual([
      { id: 'independent-keys', text: 'users writes (writeFraction 0.1), and a write invalidates its entry: the model covers reads only' },
    ]);
    expect(theory(cached({}, {}, { capacity: 50 }), 'redis').failed).toEqual([
      { id: 'independent-keys', text: 'reads reach redis filtered: front in front answers the reads it holds' },
    ]);
    expect(theory(cached({ eviction: 'fifo', ttlMs: 1000 }), 'redis').failed[0].id).toBe('closed-form');
    // The database behind the cache gets its misses: not a Poisson stream.
    expect(theory(cached({}), 'pg').failed[0].text).toContain('redis sends on its misses');
  });

  it('LRU with a TTL, when reads are Poisson', () => {
    const doc = cached({ ttlMs: 500 });
    const t = theory(doc, 'redis');
    expect(t.model).toBe('Che with TTL (LRU)');
    expect(hit(t)).toBeLessThan(lruHitRate(p, 200));
    const sim = replicate(seeds(3), (seed) => simulatedFigure(run(doc, { seed }), 'redis', 'hitRate'));
    expect(Math.abs(sim.mean - hit(t))).toBeLessThan(4 * sim.se + 0.005);
    expect(theory(cached({ ttlMs: 500 }, { arrival: 'constant' }), 'redis').failed[0].id).toBe('poisson-arrivals');
  });
});

describe('a CDN', () => {
  it('predicts the hit rate of cacheable reads (LRU with its TTL)', () => {
    const doc = {
      durationMs: 40_000,
      warmupMs: 10_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 1000, keys: { count: 1000, distribution: 'zipf', exponent: 1 }, paths: { '/static/a': 0.6, '/api': 0.4 } } },
        { id: 'edge', kind: 'cdn', config: { capacity: 100, ttlMs: 2000 } },
        { id: 'origin', kind: 'server', config: { concurrency: 64 } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'edge' },
        { id: 'e2', from: 'edge', to: 'origin' },
      ],
    };
    const t = theory(doc, 'edge');
    expect(t.model).toBe('Che with TTL (LRU)');
    expect(t.inputs.cacheableReadsPerSec).toBeCloseTo(600, 10);
    const sim = replicate(seeds(3), (seed) => simulatedFigure(run(doc, { seed }), 'edge', 'hitRate'));
    expect(Math.abs(sim.mean - hit(t))).toBeLessThan(4 * sim.se + 0.005);
  });
});

describe('a token bucket', () => {
  const limited = (limiter: Record<string, unknown>, client: Record<string, unknown> = {}) => ({
    durationMs: 20_000,
    warmupMs: 1_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 500, ...client } },
      { id: 'rl', kind: 'rateLimiter', config: { ratePerSec: 300, burst: 50, ...limiter } },
      { id: 'web', kind: 'server', config: { concurrency: 64 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'rl' },
      { id: 'e2', from: 'rl', to: 'web' },
    ],
  });

  it('admits at most b + r·T, whatever the arrivals, and the simulation keeps under it', () => {
    for (const client of [{}, { arrival: 'constant' }]) {
      const t = theory(limited({}, client), 'rl');
      expect(t.model).toBe('token bucket');
      expect(t.failed).toEqual([]);
      const bound = t.predictions.find((p) => p.field === 'allowed')!;
      expect(bound).toMatchObject({ value: tokenBucketMaxAdmitted(300, 50, 19_000), bound: 'upper' });
      const r = run(limited({}, client), { seed: 2 });
      expect(simulatedFigure(r, 'rl', 'allowed')).toBeLessThanOrEqual(bound.value);
      // Offered 500/s against 300/s: the limiter works near its bound.
      expect(simulatedFigure(r, 'rl', 'allowedPerSec')).toBeGreaterThan(0.97 * 300);
    }
  });

  it('says when the bound is not the total, or the algorithm has none here; and what it does downstream', () => {
    expect(theory(limited({ scope: 'per-user' }), 'rl').failed[0].id).toBe('known-split');
    expect(theory(limited({ algorithm: 'leaky-bucket' }), 'rl').failed[0].id).toBe('closed-form');
    expect(theory(limited({}), 'web').failed[0].text).toContain('rl (token-bucket) turns requests away');
  });
});
