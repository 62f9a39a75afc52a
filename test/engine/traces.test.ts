/**
 * Request traces: what a trace shows (attempts, backoff, wasted work, refusals, queue and
 * service, pool waits, cache hits), which requests are kept (one in N, the slowest of each
 * window), that tracing never changes the run, and that its memory is fixed.
 */
import { describe, expect, it } from 'vitest';
import type { RequestTrace, TraceSpan } from '../../src/engine';
import { build, scenario } from '../helpers';
import { createSimulation } from '../../src/engine';

const retrying = {
  seed: 3,
  durationMs: 5000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 30 } },
    { id: 'lb', kind: 'loadBalancer' },
    { id: 'api', kind: 'server', config: { concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 25 } } },
    { id: 'db', kind: 'database', config: { connections: 1 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb', config: { latency: 1 } },
    { id: 'e2', from: 'lb', to: 'api', config: { latency: 1, timeoutMs: 60, retry: { maxAttempts: 3, baseDelayMs: 10, multiplier: 2, jitter: 'none' } } },
    { id: 'e3', from: 'api', to: 'db', config: { latency: 0.5 } },
  ],
};

function traced(doc: Record<string, unknown>, options: Record<string, unknown> = { sampleEvery: 1, maxTraces: 10_000 }) {
  const sim = createSimulation(scenario(doc), { traces: options });
  sim.runToEnd();
  return { sim, set: sim.traces()! };
}

const calls = (t: RequestTrace, edge: string) => t.spans.filter((s) => s.kind === 'call' && s.edge === edge);
const under = (t: RequestTrace, span: TraceSpan) => t.spans.filter((s) => s.parent === span.id);

describe('a trace of a request retried after a timeout', () => {
  const { set } = traced(retrying);
  const t = set.sampled.find((x) => calls(x, 'e2').length >= 2 && calls(x, 'e2')[0].timedOutAtMs !== null)!;

  it('shows both attempts, each a call from the balancer to the server', () => {
    expect(t).toBeDefined();
    const [first, second] = calls(t, 'e2');
    expect([first.attempt, second.attempt]).toEqual([1, 2]);
    expect(first.parent).toBe(second.parent);
    expect(t.spans[first.parent!]).toMatchObject({ kind: 'call', edge: 'e1', node: 'lb' });
    // The caller gave up at its timeout; the answer, when it came, was thrown away.
    expect(first.timedOutAtMs).toBeCloseTo(first.startMs + 60, 9);
    expect(first).toMatchObject({ outcome: 'timeout', returnedAtMs: null, endMs: first.timedOutAtMs });
  });

  it('shows the backoff between them: the retry policy’s 10 ms', () => {
    const [first, second] = calls(t, 'e2');
    const backoff = t.spans.find((s) => s.kind === 'backoff' && s.attempt === 2 && s.edge === 'e2')!;
    expect(backoff).toMatchObject({ startMs: first.timedOutAtMs, endMs: second.startMs, parent: first.parent, node: 'lb' });
    expect(backoff.endMs! - backoff.startMs).toBeCloseTo(10, 9);
  });

  it('shows the wasted work at the callee: the first attempt served after its caller gave up', () => {
    const [first] = calls(t, 'e2');
    const work = under(t, first);
    expect(work.length).toBeGreaterThan(0);
    expect(work.every((s) => s.wasted === true)).toBe(true);
    const service = work.find((s) => s.kind === 'service')!;
    expect(service.node).toBe('api');
    // The callee kept working past the timeout, and answered after it.
    const lastEnd = Math.max(...work.map((s) => s.endMs ?? 0));
    expect(lastEnd).toBeGreaterThan(first.timedOutAtMs!);
    expect(first.answeredAtMs!).toBeGreaterThan(first.timedOutAtMs!);
    // Its downstream call and the query it made are wasted too.
    const dbCall = work.find((s) => s.kind === 'call' && s.edge === 'e3');
    if (dbCall !== undefined) expect(under(t, dbCall).every((s) => s.wasted)).toBe(true);
  });

  it('shows the network: each call reaches its callee one latency after it leaves', () => {
    for (const c of t.spans.filter((s) => s.kind === 'call' && s.deliveredAtMs !== null)) {
      expect(c.deliveredAtMs! - c.startMs).toBeCloseTo(c.edge === 'e3' ? 0.5 : 1, 9);
      if (c.returnedAtMs != null) expect(c.returnedAtMs - c.answeredAtMs!).toBeCloseTo(c.edge === 'e3' ? 0.5 : 1, 9);
    }
  });

  it('shows queue waits and service; spans nest in time', () => {
    const all = set.sampled.flatMap((x) => x.spans);
    expect(all.some((s) => s.kind === 'queue' && s.node === 'api' && s.endMs! > s.startMs)).toBe(true);
    expect(all.some((s) => s.kind === 'service' && s.node === 'api')).toBe(true);
    expect(all.some((s) => s.kind === 'query' && s.node === 'db')).toBe(true);
    // A span never ends before it starts, and its parent starts no later.
    for (const x of set.sampled) {
      for (const s of x.spans) {
        if (s.endMs !== null) expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
        if (s.parent !== null) expect(x.spans[s.parent].startMs).toBeLessThanOrEqual(s.startMs);
      }
    }
  });

  it('is plain data', () => {
    expect(JSON.parse(JSON.stringify(set))).toEqual(set);
  });
});

describe('refusals and caches in a trace', () => {
  it('a call refused on the spot by an open breaker says so', () => {
    const doc = {
      seed: 1,
      durationMs: 4000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 200 } },
        { id: 'api', kind: 'server', config: { errorRate: 1, serviceTime: 1 } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'api', config: { circuitBreaker: { minimumCalls: 5, openMs: 100_000 } } }],
    };
    const { set } = traced(doc);
    const refused = set.sampled.flatMap((x) => x.spans).filter((s) => s.refused === 'circuit-breaker');
    expect(refused.length).toBeGreaterThan(100);
    expect(refused[0]).toMatchObject({ kind: 'call', edge: 'e1', outcome: 'error', deliveredAtMs: refused[0].startMs });
  });

  it('a database records the wait for a connection and the query', () => {
    const doc = {
      durationMs: 3000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 150 } },
        { id: 'pg', kind: 'database', config: { connections: 1, readTime: { dist: 'exponential', meanMs: 5 } } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'pg', config: { latency: 0 } }],
    };
    const { sim, set } = traced(doc);
    sim.drain();
    const all = sim.traces()!.sampled;
    const waits = all.flatMap((x) => x.spans.filter((s) => s.kind === 'pool-wait'));
    const r = sim.report().nodes.pg;
    expect(waits.length).toBeGreaterThan(100);
    // The report's mean wait counts queries that did not wait too (as 0).
    const total = waits.reduce((a, s) => a + (s.endMs! - s.startMs), 0);
    expect(total / all.length).toBeCloseTo(r.meanWaitMs, 9);
    expect(set.sampled.length).toBeGreaterThan(0);
  });

  it('a cache records its hits and misses', () => {
    const doc = {
      durationMs: 3000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 500, keys: { count: 20 } } },
        { id: 'redis', kind: 'cache', config: { capacity: 10 } },
        { id: 'pg', kind: 'database' },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'redis' },
        { id: 'e2', from: 'redis', to: 'pg' },
      ],
    };
    const { sim } = traced(doc);
    sim.drain(); // every request closes its trace
    const set = sim.traces()!;
    const spans = set.sampled.flatMap((x) => x.spans);
    const hits = spans.filter((s) => s.kind === 'cache-hit').length;
    const misses = spans.filter((s) => s.kind === 'cache-miss').length;
    const r = sim.report().nodes.redis as unknown as { hits: number; misses: number };
    expect(hits).toBe(r.hits);
    expect(misses).toBe(r.misses);
    // A miss goes on to the database, inside the cache's call.
    const t = set.sampled.find((x) => x.spans.some((s) => s.kind === 'cache-miss'))!;
    const miss = t.spans.find((s) => s.kind === 'cache-miss')!;
    expect(t.spans.some((s) => s.kind === 'call' && s.edge === 'e2' && s.parent === miss.parent)).toBe(true);
  });
});

describe('which requests are kept', () => {
  const doc = {
    seed: 2,
    durationMs: 10_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 400 } },
      { id: 'web', kind: 'server', config: { concurrency: 2, serviceTime: { dist: 'exponential', meanMs: 4 } } },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'web' }],
  };

  it('one in N, in order of creation, the newest maxTraces of them', () => {
    const { set } = traced(doc, { sampleEvery: 10, slowestPerWindowMs: null, maxTraces: 50 });
    expect(set.sampled).toHaveLength(50);
    const ids = set.sampled.map((t) => t.requestId);
    for (let i = 1; i < ids.length; i++) expect(ids[i] - ids[i - 1]).toBe(10);
    expect(set.slowest).toEqual([]);
  });

  it('always the slowest of each window', () => {
    const all = traced(doc, { sampleEvery: 1, slowestPerWindowMs: null, maxTraces: 10_000 }).set.sampled;
    const { set } = traced(doc, { sampleEvery: 0, slowestPerWindowMs: 1000, maxTraces: 100 });
    expect(set.sampled).toEqual([]);
    expect(set.slowest.map((t) => Math.floor(t.finishedAtMs! / 1000))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const t of set.slowest) {
      const w = Math.floor(t.finishedAtMs! / 1000);
      const inWindow = all.filter((x) => x.finishedAtMs !== null && Math.floor(x.finishedAtMs / 1000) === w);
      expect(t.latencyMs).toBe(Math.max(...inWindow.map((x) => x.latencyMs!)));
      expect(t.reason).toBe('slowest');
    }
  });

  it('never changes the run: the same report with tracing on or off', () => {
    const off = build(retrying);
    off.runToEnd();
    const { sim } = traced(retrying);
    expect(sim.report()).toEqual(off.report());
  });

  it('stops and starts again on request, keeping what it kept', () => {
    const sim = build(doc);
    sim.runUntil(2000);
    expect(sim.traces()).toBeNull();
    sim.setTracing({ sampleEvery: 1, slowestPerWindowMs: null, maxTraces: 100_000 });
    sim.runUntil(4000);
    sim.setTracing(null);
    const kept = sim.traces()!.sampled.length;
    expect(kept).toBeGreaterThan(500);
    sim.runUntil(6000);
    expect(sim.traces()!.sampled.length).toBeLessThanOrEqual(kept + 20); // only those in flight at the stop close
    expect(sim.traces()!.sampled.every((t) => t.createdAtMs >= 2000 && t.createdAtMs < 4000)).toBe(true);
  });
});

describe('bounded memory', () => {
  it('holds at most its pool: an overloaded run leaves requests untraced and gives every span back once drained', () => {
    const doc = {
      durationMs: 3000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 2000 } },
        { id: 'web', kind: 'server', config: { concurrency: 1, queueCapacity: 10_000, serviceTime: 1 } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'web' }],
    };
    const sim = createSimulation(scenario(doc), { traces: { sampleEvery: 1, spanPool: 256, maxTraces: 10 } });
    sim.runToEnd();
    const set = sim.traces()!;
    expect(set.untraced).toBeGreaterThan(1000);
    expect(set.sampled).toHaveLength(10);
    sim.drain();
    const h = sim.holdings();
    expect(h.requests).toBe(0);
    // Internal: every span and slot is back in the pool.
    const tracer = (sim as unknown as { engine: { requests: { tracer: { inUse(): { spans: number; slots: number } } } } }).engine.requests.tracer;
    expect(tracer.inUse()).toEqual({ spans: 0, slots: 0 });
  });

  it('caps the spans of one trace and says it is truncated', () => {
    const { set } = traced(retrying, { sampleEvery: 1, maxSpansPerTrace: 3, maxTraces: 10_000 });
    expect(set.sampled.some((t) => t.truncated)).toBe(true);
    expect(set.sampled.every((t) => t.spans.filter((s) => s.kind !== 'backoff').length <= 3)).toBe(true);
    expect(set.spansLost).toBeGreaterThan(0);
  });
});
