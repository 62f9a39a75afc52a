/**
 * A request's waterfall from a real trace (a request retried after a timeout), and from a
 * hand-made one whose every place on the axis is known.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type RequestTrace, type TraceSet } from '../../src/engine';
import { slowestFirst, traceNear } from '../../src/ui/traces/pick';
import { layoutWaterfall, summarize, treeOrder } from '../../src/ui/traces/waterfall';
import { scenario } from '../helpers';

/** Created at 100 ms: users → api (attempt 1 times out at 30 ms, 10 ms backoff, attempt 2 ok). */
const trace: RequestTrace = {
  requestId: 7,
  client: 'users',
  reason: 'slowest',
  createdAtMs: 100,
  finishedAtMs: 150,
  latencyMs: 50,
  outcome: 'ok',
  truncated: false,
  spans: [
    { id: 0, parent: null, kind: 'call', node: 'api', from: 'users', edge: 'e1', attempt: 1, startMs: 100, endMs: 130, deliveredAtMs: 101, answeredAtMs: 135, returnedAtMs: null, timedOutAtMs: 130, outcome: 'timeout' },
    { id: 1, parent: 0, kind: 'queue', node: 'api', instance: 0, startMs: 101, endMs: 111, wasted: true },
    { id: 2, parent: 0, kind: 'service', node: 'api', instance: 0, startMs: 111, endMs: 135, wasted: true },
    { id: 3, parent: null, kind: 'backoff', node: 'users', from: 'users', edge: 'e1', attempt: 2, startMs: 130, endMs: 140 },
    { id: 4, parent: null, kind: 'call', node: 'api', from: 'users', edge: 'e1', attempt: 2, startMs: 140, endMs: 150, deliveredAtMs: 141, answeredAtMs: 149, returnedAtMs: 150, timedOutAtMs: null, outcome: 'ok' },
    { id: 5, parent: 4, kind: 'cache-hit', node: 'api', startMs: 145, endMs: 145 },
    { id: 6, parent: 4, kind: 'service', node: 'api', instance: 1, startMs: 141, endMs: 149 },
  ],
};

describe('the waterfall of a hand-made trace', () => {
  const w = layoutWaterfall(trace);

  it('reads as a call tree: each call followed by what happened inside it, in order of start', () => {
    expect(treeOrder(trace.spans).map((r) => [r.span.id, r.depth])).toEqual([
      [0, 0],
      [1, 1],
      [2, 1],
      [3, 0],
      [4, 0],
      [6, 1],
      [5, 1],
    ]);
  });

  it('spans the request from its creation to its end', () => {
    expect([w.startMs, w.endMs]).toEqual([100, 150]);
    expect(w.ticks.map((t) => t.ms)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(w.ticks[5].at).toBe(1);
  });

  it('draws the first attempt’s legs and where its caller gave up', () => {
    const first = w.rows[0];
    expect(first.label).toBe('users → api, attempt 1: timed out');
    expect(first.segments).toEqual([
      { kind: 'network', from: 0, to: 0.02 },
      { kind: 'remote', from: 0.02, to: 0.6 },
    ]);
    expect(first.markers).toEqual([{ kind: 'timeout', at: 0.6 }]);
    expect(first.duration).toBe('30.0 ms');
    expect(first.detail).toBe('sent +0.00 ms, reached api +1.00 ms, answered +35.0 ms, gave up +30.0 ms (timeout), timeout');
  });

  it('marks the callee’s work after the timeout as wasted', () => {
    expect(w.rows[1]).toMatchObject({ label: 'api #1: queue wait (wasted)', wasted: true, duration: '10.0 ms' });
    expect(w.rows[2].segments).toEqual([{ kind: 'service', from: 0.22, to: 0.7 }]);
    expect(w.rows[2].detail).toBe('+11.0 ms to +35.0 ms; wasted: its caller had already given up');
  });

  it('shows the backoff between the attempts and the second attempt’s round trip', () => {
    expect(w.rows[3]).toMatchObject({ label: 'users: backoff before attempt 2', duration: '10.0 ms', segments: [{ kind: 'backoff', from: 0.6, to: 0.8 }] });
    expect(w.rows[4].label).toBe('users → api, attempt 2');
    expect(w.rows[4].segments.map((s) => s.kind)).toEqual(['network', 'remote', 'network']);
    expect(w.rows[6]).toMatchObject({ label: 'api: cache hit', duration: 'hit', markers: [{ kind: 'cache-hit', at: 0.9 }] });
  });

  it('summarises it for the list', () => {
    expect(summarize(trace)).toEqual({ retried: true, timedOut: true, wasted: true, refused: false, path: ['users', 'api'] });
  });
});

describe('the waterfall of an engine trace', () => {
  const doc = {
    seed: 3,
    durationMs: 5000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 30 } },
      { id: 'lb', kind: 'loadBalancer' },
      { id: 'api', kind: 'server', config: { concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 25 } } },
      { id: 'db', kind: 'database', config: { connections: 1 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'api', config: { timeoutMs: 60, retry: { maxAttempts: 3, baseDelayMs: 10, jitter: 'none' } } },
      { id: 'e3', from: 'api', to: 'db' },
    ],
  };
  const sim = createSimulation(scenario(doc), { traces: {} });
  sim.runToEnd();
  const set = sim.traces()!;
  const retried = slowestFirst(set).find((t) => summarize(t).retried && summarize(t).timedOut)!;

  it('has one row per span, every one inside the axis, children under their parent', () => {
    expect(retried).toBeDefined();
    const w = layoutWaterfall(retried);
    expect(w.rows).toHaveLength(retried.spans.length);
    const place = new Map(w.rows.map((r, i) => [r.span.id, i]));
    for (const r of w.rows) {
      for (const s of r.segments) {
        expect(s.from).toBeGreaterThanOrEqual(0);
        expect(s.to).toBeLessThanOrEqual(1);
        expect(s.to).toBeGreaterThanOrEqual(s.from);
      }
      if (r.span.parent !== null) {
        expect(place.get(r.span.parent)!).toBeLessThan(place.get(r.span.id)!);
        expect(r.depth).toBe(w.rows[place.get(r.span.parent)!].depth + 1);
      }
    }
    expect(w.rows.some((r) => r.span.kind === 'backoff')).toBe(true);
    expect(w.rows.some((r) => r.wasted && r.span.kind === 'service' && r.span.node === 'api')).toBe(true);
  });

  it('the list puts the slowest first, each request once', () => {
    const list = slowestFirst(set);
    expect(new Set(list.map((t) => t.requestId)).size).toBe(list.length);
    for (let i = 1; i < list.length; i++) expect(list[i - 1].latencyMs ?? -1).toBeGreaterThanOrEqual(list[i].latencyMs ?? -1);
  });
});

describe('the request behind a point of the p99 line', () => {
  const t = (id: number, finished: number, latency: number): RequestTrace => ({ ...trace, requestId: id, finishedAtMs: finished, latencyMs: latency, createdAtMs: finished - latency });
  const set: TraceSet = {
    options: { sampleEvery: 100, slowestPerWindowMs: 1000, maxTraces: 100, spanPool: 1024, maxSpansPerTrace: 64 },
    sampled: [t(1, 950, 40), t(2, 1020, 90), t(3, 1090, 20)],
    slowest: [t(2, 1020, 90), t(4, 2500, 70)],
    untraced: 0,
    spansLost: 0,
  };

  it('is the slowest that finished in the point’s window', () => {
    expect(traceNear(set, 1100, 100)?.requestId).toBe(2);
    expect(traceNear(set, 1000, 100)?.requestId).toBe(1);
  });

  it('else the one that finished nearest', () => {
    expect(traceNear(set, 2300, 100)?.requestId).toBe(4);
    expect(traceNear({ ...set, sampled: [], slowest: [] }, 10, 100)).toBeNull();
  });
});
