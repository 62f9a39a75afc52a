/**
 * The data tier's live figures in frames (what the canvas shows on a cache, a database and a
 * queue), and its determinism: frames read state without changing it, however a run is
 * sliced.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, nodeReport, type NodeFrame } from '../../src/engine';
import { run, scenario } from '../helpers';

const doc = {
  seed: 5,
  durationMs: 12_000,
  warmupMs: 2_000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 2_000, writeFraction: 0.1, keys: { count: 2_000, distribution: 'zipf', exponent: 1 }, paths: { '/static': 1, '/api': 3 } } },
    { id: 'edge', kind: 'cdn', config: { capacity: 500 } },
    { id: 'web', kind: 'server', config: { replicas: 2, concurrency: 16 } },
    { id: 'redis', kind: 'cache', config: { capacity: 200, ttlMs: 2_000, strategy: 'write-back', flushDelayMs: 300, coalesceMisses: true } },
    { id: 'pg', kind: 'database', config: { shards: 2, readReplicas: 1, connections: 4, poolTimeoutMs: 200 } },
    { id: 'jobs', kind: 'queue', config: { capacity: 500, batchSize: 2 } },
    { id: 'worker', kind: 'server', config: { concurrency: 2, serviceTime: { dist: 'exponential', meanMs: 5 } } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'edge' },
    { id: 'e2', from: 'edge', to: 'web' },
    { id: 'e3', from: 'web', to: 'redis' },
    { id: 'e4', from: 'redis', to: 'pg' },
    { id: 'e5', from: 'web', to: 'jobs' },
    { id: 'e6', from: 'jobs', to: 'worker' },
  ],
  faults: [
    { atMs: 6_000, action: 'crash', target: 'redis' },
    { atMs: 6_500, action: 'recover', target: 'redis' },
    { atMs: 8_000, action: 'crash', target: 'jobs' },
    { atMs: 8_200, action: 'recover', target: 'jobs' },
  ],
};

describe('the data tier', () => {
  it('reports the same, bit for bit, however the run is sliced and framed', () => {
    const whole = run(doc);
    const sim = createSimulation(scenario(doc));
    for (let t = 0; t <= doc.durationMs; t += 41) {
      sim.runUntil(t);
      sim.takeFrame();
    }
    sim.runToEnd();
    expect(JSON.stringify(sim.report())).toBe(JSON.stringify(whole));
    expect(nodeReport(whole, 'redis', 'cache').hits).toBeGreaterThan(1_000);
    expect(nodeReport(whole, 'jobs', 'queue').dequeued).toBeGreaterThan(1_000);
  });

  it('frames carry each kind’s live figures: hit rate, connections and pool wait, depth and lag', () => {
    const sim = createSimulation(scenario(doc));
    const frames: Record<string, NodeFrame>[] = [];
    for (let t = 500; t <= doc.durationMs; t += 500) {
      sim.runUntil(t);
      frames.push(sim.takeFrame().nodes);
    }
    for (const f of frames) {
      const c = f.redis;
      expect(c.hits! + c.misses!).toBeLessThanOrEqual(c.arrivals); // writes are neither
      expect(c.hitRate).toBeCloseTo(c.hits! + c.misses! > 0 ? c.hits! / (c.hits! + c.misses!) : 0, 12);
      expect(f.edge.hitRate).toBeGreaterThanOrEqual(0);
      const d = f.pg;
      expect(d.poolSize).toBe(2 * 2 * 4); // 2 shards × (primary + 1 replica) × 4 connections
      expect(d.connectionsInUse).toBeGreaterThanOrEqual(0);
      expect(d.connectionsInUse).toBeLessThanOrEqual(d.poolSize!);
      expect(d.poolWaitMs).toBeGreaterThanOrEqual(0);
      expect(f.jobs.depth).toBeGreaterThanOrEqual(0);
      expect(f.jobs.lagMs).toBeGreaterThanOrEqual(0);
      // Kinds show only their own figures.
      expect(f.web.hitRate).toBeUndefined();
      expect(f.redis.poolSize).toBeUndefined();
    }
    // The cache is down 6–6.5 s (frames end at 0.5 s, 1 s, …): no hits then.
    expect(frames[10].redis.hitRate).toBeGreaterThan(0.3); // 5–5.5 s
    expect(frames[11].redis.instancesUp).toBe(0); // at 6 s
    expect(frames[12].redis.hits).toBe(0); // 6–6.5 s
    // The queue is down 8–8.2 s: its depth holds (durable), then drains.
    expect(frames[15].jobs.instancesUp).toBe(0);
  });

  it('a cache comes back from a crash empty: the first moments after show it cold', () => {
    const sim = createSimulation(scenario(doc));
    sim.runUntil(5_950);
    sim.takeFrame();
    sim.runUntil(6_000);
    const before = sim.takeFrame().nodes.redis.hitRate!;
    sim.runUntil(6_500);
    sim.takeFrame();
    expect(nodeReport(sim.report(), 'redis', 'cache').entries).toBe(0);
    sim.runUntil(6_550);
    const after = sim.takeFrame().nodes.redis.hitRate!;
    expect(before).toBeGreaterThan(0.3);
    expect(after).toBeLessThan(before);
  });

  it('a database frame shows the pool filling under a stampede of reads', () => {
    const sim = createSimulation(
      scenario({
        durationMs: 3_000,
        nodes: [
          { id: 'users', kind: 'client', config: { rps: 600, arrival: 'constant' } },
          { id: 'pg', kind: 'database', config: { connections: 4, readTime: { dist: 'constant', ms: 10 }, poolTimeoutMs: 10_000 } },
        ],
        edges: [{ id: 'e1', from: 'users', to: 'pg', config: { latency: 0 } }],
      }),
    );
    // 600 a second of 10 ms reads need 6 connections: 4 are busy all the time and the wait grows.
    sim.runUntil(1_000);
    const first = sim.takeFrame().nodes.pg;
    sim.runUntil(2_000);
    const second = sim.takeFrame().nodes.pg;
    expect(first.connectionsInUse).toBe(4);
    expect(first.poolSize).toBe(4);
    expect(first.utilization).toBeGreaterThan(0.99);
    expect(second.poolWaitMs!).toBeGreaterThan(first.poolWaitMs! + 100);
    expect(second.queueLength).toBeGreaterThan(first.queueLength);
  });
});
