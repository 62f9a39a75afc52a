/**
 * Frames (the live view's data): per-outcome counts of the requests that finished in each
 * window, and each edge's traffic. Summed over every frame of a run with no warm-up, they must
 * equal the report's own counts, which are kept independently (measured requests, per edge).
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine';
import { build } from '../helpers';

function frames(doc: Record<string, unknown>, stepMs = 100): { list: Frame[]; sim: ReturnType<typeof build> } {
  const sim = build(doc);
  // A host that takes frames says so before it runs.
  sim.startFrames();
  const list: Frame[] = [];
  for (let t = stepMs; t <= sim.durationMs; t += stepMs) {
    sim.runUntil(t);
    list.push(sim.takeFrame());
  }
  return { list, sim };
}

const sum = (list: Frame[], f: (x: Frame) => number) => list.reduce((a, x) => a + f(x), 0);

describe('frames: outcomes and edges', () => {
  it('the first frame after startFrames covers the run from there: its outcomes are every request finished so far', () => {
    const sim = build({
      seed: 3,
      durationMs: 2000,
      warmupMs: 0,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 500 } },
        { id: 'web', kind: 'server', config: { concurrency: 2, queueCapacity: 5, serviceTime: { dist: 'exponential', meanMs: 5 } } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0 } }],
    });
    sim.startFrames();
    sim.runUntil(1000);
    const f = sim.takeFrame();
    const r = sim.report();
    expect(f.windowMs).toBe(1000);
    expect(f.outcomes.ok).toBe(r.requests.ok);
    expect(f.outcomes.rejected).toBe(r.requests.rejected);
    expect(f.outcomes.ok).toBeGreaterThan(300);
    expect(f.latencyMs!.p50).toBeGreaterThan(0);
  });

  it('an overloaded server: the frames count the same rejections, oks and calls as the report', () => {
    const { list, sim } = frames({
      seed: 5,
      durationMs: 5000,
      warmupMs: 0,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 1500 } },
        { id: 'web', kind: 'server', config: { replicas: 1, concurrency: 4, queueCapacity: 10, serviceTime: 4 } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 1 } }],
    });
    const r = sim.report();
    // Capacity 1000 rps against 1500 offered: about a third rejected.
    expect(r.requests.rejected).toBeGreaterThan(1000);
    expect(sum(list, (f) => f.outcomes.rejected)).toBe(r.requests.rejected);
    expect(sum(list, (f) => f.outcomes.ok)).toBe(r.requests.ok);
    expect(sum(list, (f) => f.outcomes.error + f.outcomes.timeout)).toBe(0);
    expect(sum(list, (f) => f.edges.e1.calls)).toBe(r.edges.e1.calls);
    // Every answer the client got came back on e1: its oks and rejections match.
    expect(sum(list, (f) => f.edges.e1.rejected)).toBe(r.requests.rejected);
    expect(sum(list, (f) => f.edges.e1.ok)).toBe(r.requests.ok);
    for (const f of list) {
      expect(f.completed).toBe(f.outcomes.ok + f.outcomes.error + f.outcomes.rejected + f.outcomes.timeout);
      expect(f.edges.e1.circuitState).toBeNull();
    }
  });

  it('a balancer\'s links count their calls, its processing time riding the link', () => {
    const { list, sim } = frames({
      seed: 3,
      durationMs: 3000,
      warmupMs: 0,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 400 } },
        { id: 'lb', kind: 'loadBalancer', config: { processingTime: 0.1 } },
        { id: 'a', kind: 'server', config: { concurrency: 8, serviceTime: 2 } },
        { id: 'b', kind: 'server', config: { concurrency: 8, serviceTime: 2 } },
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'lb' },
        { id: 'ea', from: 'lb', to: 'a', config: { latency: 1 } },
        { id: 'eb', from: 'lb', to: 'b', config: { latency: 1 } },
      ],
    });
    const r = sim.report();
    expect(r.edges.ea.calls).toBeGreaterThan(500);
    for (const id of ['e0', 'ea', 'eb']) expect(sum(list, (f) => f.edges[id].calls), id).toBe(r.edges[id].calls);
  });

  it('retries and timeouts on an edge add up to the report\'s', () => {
    const { list, sim } = frames({
      seed: 9,
      durationMs: 4000,
      warmupMs: 0,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 200 } },
        { id: 'web', kind: 'server', config: { replicas: 2, concurrency: 8, serviceTime: 5 } },
        { id: 'api', kind: 'server', config: { replicas: 1, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 20 }, errorRate: 0.2 } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'web' },
        {
          id: 'e2',
          from: 'web',
          to: 'api',
          config: { timeoutMs: 40, retry: { maxAttempts: 3, baseDelayMs: 5, jitter: 'none' } },
        },
      ],
    });
    sim.drain();
    list.push(sim.takeFrame());
    const r = sim.report();
    expect(r.edges.e2.retries).toBeGreaterThan(50);
    expect(r.edges.e2.timeouts).toBeGreaterThan(20);
    expect(sum(list, (f) => f.edges.e2.retries)).toBe(r.edges.e2.retries);
    expect(sum(list, (f) => f.edges.e2.timeout)).toBe(r.edges.e2.timeouts);
    expect(sum(list, (f) => f.edges.e2.calls)).toBe(r.edges.e2.calls);
    // Each attempt has exactly one answer (ok, error or timeout) once the run has drained.
    const answered = sum(list, (f) => f.edges.e2.ok + f.edges.e2.error + f.edges.e2.rejected + f.edges.e2.timeout);
    expect(answered).toBe(r.edges.e2.calls);
  });

  it('a breaker that opens when its callee crashes: state, opening time and short-circuited calls', () => {
    const { list } = frames({
      seed: 3,
      durationMs: 6000,
      warmupMs: 0,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 300 } },
        { id: 'web', kind: 'server', config: { replicas: 1, concurrency: 16, serviceTime: 2 } },
        { id: 'db', kind: 'server', config: { replicas: 1, concurrency: 16, serviceTime: 2 } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'web' },
        {
          id: 'e2',
          from: 'web',
          to: 'db',
          config: { circuitBreaker: { failureRateThreshold: 0.5, minimumCalls: 10, windowMs: 1000, openMs: 10_000, halfOpenCalls: 2 } },
        },
      ],
      faults: [{ atMs: 3000, action: 'crash', target: 'db' }],
    });
    const before = list.filter((f) => f.simTimeMs <= 3000);
    const after = list.filter((f) => f.simTimeMs >= 4000);
    for (const f of before) {
      expect(f.edges.e2.circuitState).toBe('closed');
      expect(f.edges.e2.circuitOpenedAtMs).toBeNull();
    }
    for (const f of after) expect(f.edges.e2.circuitState).toBe('open');
    const openedAt = after[0].edges.e2.circuitOpenedAtMs!;
    expect(openedAt).toBeGreaterThanOrEqual(3000);
    // The failure rate over the breaker's 1 s window reaches 50% about half a second after the crash.
    expect(openedAt).toBeLessThan(4000);
    // Open: every call is refused on the spot (about 300 a second), none reaches db.
    const late = after[after.length - 1].edges.e2;
    expect(late.shortCircuited).toBe(late.calls);
    expect(late.error).toBe(late.calls);
    expect(late.calls).toBeGreaterThan(10);
  });
});
