/**
 * The charts' data: columns from frames, the recent window and the whole run downsampled,
 * smoothing, time ticks at round values, CSV export, and the live state's smoothing.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine';
import { toCsv } from '../../src/ui/charts/csv';
import { niceTop } from '../../src/ui/charts/scale';
import { movingAverage } from '../../src/ui/charts/smoothing';
import { TIME_INCREMENTS, timeTick } from '../../src/ui/charts/timeAxis';
import { rowOf } from '../../src/ui/series/columns';
import { mergeRows, RunHistory } from '../../src/ui/series/history';
import { smoothEdges, smoothNodes, smoothingWeight } from '../../src/ui/store/liveState';

function frame(i: number, over: Partial<Frame> = {}): Frame {
  return {
    simTimeMs: (i + 1) * 100,
    windowMs: 100,
    events: 0,
    throughputRps: 10 * i,
    errorRate: 0.1,
    completed: 10,
    latencyMs: { p50: i, p95: 2 * i, p99: 3 * i, mean: i },
    outcomes: { ok: 9, error: 1, rejected: 0, timeout: 0 },
    nodes: {
      web: { utilization: 0.5, queueLength: i, arrivals: 20, instancesUp: 2, instancesTotal: 2 },
      c: { utilization: 0, queueLength: 0, arrivals: 10, instancesUp: 1, instancesTotal: 1, hits: 3, misses: 1, hitRate: 0.75 },
    },
    edges: {},
    ...over,
  };
}

describe('chart columns', () => {
  it('a window in which no request succeeded has no latency (a gap), not 0 ms', () => {
    const failing = rowOf(frame(4, { latencyMs: null, outcomes: { ok: 0, error: 7, rejected: 2, timeout: 1 } }));
    expect(failing.p50).toBeNull();
    expect(failing.p95).toBeNull();
    expect(failing.p99).toBeNull();
    expect(failing.error).toBe(70);
    // One success is enough for its latency to show.
    expect(rowOf(frame(4, { outcomes: { ok: 1, error: 9, rejected: 0, timeout: 0 } })).p99).toBe(12);
  });

  it('a frame becomes rates per second, percentiles, and each node\'s figures', () => {
    const row = rowOf(frame(4));
    expect(row).toMatchObject({ t: 0.5, p50: 4, p95: 8, p99: 12, ok: 90, error: 10, rejected: 0, timeout: 0, errorPct: 10 });
    expect(row['web:rate']).toBe(200);
    expect(row['web:queue']).toBe(4);
    expect(row['c:hitRate']).toBe(0.75);
    expect(row.hitRate).toBe(0.75);
    expect('web:hitRate' in row).toBe(false);
    // No read in the window: the hit rate has no value (a gap, not a 0).
    const idle = frame(1);
    idle.nodes.c = { ...idle.nodes.c, hits: 0, misses: 0, hitRate: 0 };
    expect(rowOf(idle)['c:hitRate']).toBeNull();
  });
});

describe('run history', () => {
  it('keeps a bounded recent window and the whole run at halving resolution', () => {
    const h = new RunHistory(50, 40);
    for (let i = 0; i < 1000; i++) h.push(frame(i));
    expect(h.frames).toBe(1000);
    expect(h.recent.length).toBeLessThanOrEqual(55);
    expect(h.recent.column('t').at(-1)).toBe(100);
    const whole = h.wholeRun();
    expect(whole.length).toBeLessThan(40);
    expect(whole.length).toBeGreaterThan(15);
    const t = whole.column('t') as number[];
    // The whole run, first to last, evenly spaced.
    expect(t.at(-1)).toBe(100);
    expect(t[0]).toBeLessThan(5);
    const gaps = t.slice(1).map((x, i) => x - t[i]);
    expect(Math.max(...gaps.slice(0, -1)) - Math.min(...gaps.slice(0, -1))).toBeLessThan(1e-9);
    // A merged point is the mean of its frames: p50 = i, so the mean over a run of frames is the middle i.
    const p50 = whole.column('p50') as number[];
    for (let k = 0; k < whole.length - 1; k++) {
      const step = gaps[0] * 10; // frames per point
      expect(p50[k]).toBeCloseTo(t[k] * 10 - 1 - (step - 1) / 2, 6);
    }
  });

  it('mergeRows averages what has a value and keeps the last time', () => {
    expect(mergeRows([{ t: 1, a: 2, b: null }, { t: 2, a: 4, b: 6 }])).toEqual({ t: 2, a: 3, b: 6 });
  });
});

describe('chart helpers', () => {
  it('time ticks at round values, labelled in the unit of their spacing', () => {
    expect(TIME_INCREMENTS).toContain(15);
    expect(timeTick(30, 15)).toBe('30 s');
    expect(timeTick(120, 60)).toBe('2 min');
    expect(timeTick(7200, 3600)).toBe('2 h');
    expect(timeTick(1.5, 0.5)).toBe('1.5 s');
    expect(timeTick(0.25, 0.05)).toBe('0.25 s');
  });

  it('a trailing moving average over a time window, skipping gaps', () => {
    const t = [0, 1, 2, 3, 4];
    expect(movingAverage(t, [1, 2, 3, 4, 5], 0)).toEqual([1, 2, 3, 4, 5]);
    expect(movingAverage(t, [1, 2, 3, 4, 5], 2)).toEqual([1, 1.5, 2.5, 3.5, 4.5]);
    expect(movingAverage(t, [1, null, 3, 4, 5], 3)).toEqual([1, null, 2, 3.5, 4]);
  });

  it('CSV: a header with units, one row per point, empty cells for gaps', () => {
    expect(toCsv(['t (s)', 'p50 (ms)', 'a, "b"'], [[0.1, 0.2], [1.23456789, null], [1, 2]])).toBe('t (s),p50 (ms),"a, ""b"""\n0.1,1.23457,1\n0.2,,2\n');
  });

  it('the value axis tops out at a round number above the data', () => {
    expect(niceTop(0)).toBe(1);
    expect(niceTop(93)).toBe(100);
    expect(niceTop(101)).toBe(200);
    expect(niceTop(1800)).toBe(2000);
    expect(niceTop(2)).toBe(2.5);
  });
});

describe('live state smoothing', () => {
  it('edges: rates per second eased over about a second; fail rate of the answers', () => {
    const f = frame(0, {
      edges: {
        e1: { calls: 50, retries: 5, ok: 30, error: 10, rejected: 5, timeout: 5, shortCircuited: 0, bulkheadRejected: 0, dropped: 0, circuitState: 'closed', circuitOpenedAtMs: null },
      },
    });
    const first = smoothEdges({}, f, smoothingWeight(100));
    expect(first.e1.callsPerSec).toBe(500);
    expect(first.e1.failRate).toBeCloseTo(0.4);
    const quiet = { ...f, edges: { e1: { ...f.edges.e1, calls: 0, retries: 0, ok: 0, error: 0, rejected: 0, timeout: 0 } } };
    const second = smoothEdges(first, quiet, smoothingWeight(100));
    // One 100 ms frame of silence moves the rate by 1 − e^(−0.1) ≈ 9.5% towards 0.
    expect(second.e1.callsPerSec).toBeCloseTo(500 * Math.exp(-0.1), 6);
  });

  it('nodes: a client sees the answers to its own calls', () => {
    const f = frame(0, {
      edges: { e1: { calls: 10, retries: 0, ok: 8, error: 2, rejected: 0, timeout: 0, shortCircuited: 0, bulkheadRejected: 0, dropped: 0, circuitState: null, circuitOpenedAtMs: null } },
    });
    const w = smoothingWeight(100);
    const edges = smoothEdges({}, f, w);
    const nodes = smoothNodes({}, f, edges, new Map([['e1', 'c']]), w);
    expect(nodes.c.callsOkRps).toBe(80);
    expect(nodes.c.callsFailedRps).toBe(20);
    expect(nodes.c.hitRateSmoothed).toBe(0.75);
    expect(nodes.web.rateRps).toBe(200);
  });
});
