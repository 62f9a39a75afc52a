/** The engine's primitives: event order, random streams, distributions, the histogram, tallies. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDuration } from '../../src/engine/core/distributions';
import { EventQueue, type EventHandler } from '../../src/engine/core/eventQueue';
import { keySampler, zipfWeights } from '../../src/engine/core/keyDistribution';
import { streamFor } from '../../src/engine/core/rng';
import { LatencyHistogram } from '../../src/engine/metrics/histogram';
import { TimeAverage } from '../../src/engine/metrics/timeAverage';

describe('EventQueue', () => {
  function drain(times: number[]): { t: number; i: number }[] {
    const q = new EventQueue(2); // tiny, so the test also exercises growth
    const log: { t: number; i: number }[] = [];
    const h: EventHandler = { handleEvent: (_c, obj, i) => log.push({ t: obj as number, i }) };
    times.forEach((t, i) => q.schedule(t, h, 0, t, i));
    while (q.length > 0) q.dispatchNext();
    return log;
  }

  it('pops by time, and first-in-first-out among equal times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const got = drain(times);
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
        expect(got).toEqual(expected);
      }),
    );
  });

  it('interleaves scheduling and dispatch correctly', () => {
    const q = new EventQueue(4);
    const log: string[] = [];
    const h: EventHandler = {
      handleEvent(code, obj) {
        log.push(obj as string);
        if (code === 1) q.schedule(5, h, 0, 'child@5', 0);
      },
    };
    q.schedule(5, h, 0, 'a@5', 0);
    q.schedule(1, h, 1, 'b@1', 0);
    q.schedule(5, h, 0, 'c@5', 0);
    while (q.length > 0) q.dispatchNext();
    expect(log).toEqual(['b@1', 'a@5', 'c@5', 'child@5']);
  });
});

describe('random streams', () => {
  it('are reproducible from (seed, owner, purpose)', () => {
    const a = streamFor(42, 'web', 'service');
    const b = streamFor(42, 'web', 'service');
    for (let i = 0; i < 100; i++) expect(a.nextU32()).toBe(b.nextU32());
  });

  it('differ between owners, purposes and seeds', () => {
    const first = (seed: number, owner: string, purpose: string) => {
      const r = streamFor(seed, owner, purpose);
      return [r.nextU32(), r.nextU32(), r.nextU32()].join();
    };
    const base = first(42, 'web', 'service');
    expect(first(42, 'web2', 'service')).not.toBe(base);
    expect(first(42, 'web', 'errors')).not.toBe(base);
    expect(first(43, 'web', 'service')).not.toBe(base);
    expect(first(42 + 2 ** 32, 'web', 'service')).not.toBe(base);
  });

  it('are uniform: a chi-square test over 64 cells', () => {
    const r = streamFor(7, 'x', 'y');
    const cells = new Array(64).fill(0);
    const n = 640_000;
    for (let i = 0; i < n; i++) cells[Math.floor(r.next() * 64)]++;
    const e = n / 64;
    const chi2 = cells.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    // 63 degrees of freedom: the 99.9th percentile is 103.4.
    expect(chi2).toBeLessThan(103.4);
  });
});

describe('duration distributions', () => {
  const n = 200_000;
  const cases: [string, unknown, number][] = [
    ['constant (plain number)', 7, 7],
    ['constant', { dist: 'constant', ms: 3 }, 3],
    ['exponential', { dist: 'exponential', meanMs: 10 }, 10],
    ['uniform', { dist: 'uniform', minMs: 1, maxMs: 9 }, 5],
    ['lognormal', { dist: 'lognormal', medianMs: 8, sigma: 0.6 }, 8 * Math.exp(0.18)],
    ['erlang', { dist: 'erlang', meanMs: 10, k: 4 }, 10],
  ];
  for (const [name, d, mean] of cases) {
    it(`${name} has mean ${mean.toFixed(3)} and the right second moment`, () => {
      const s = compileDuration(d as never);
      expect(s.meanMs).toBeCloseTo(mean, 9);
      const rng = streamFor(1, name, 'test');
      let sum = 0;
      let sum2 = 0;
      for (let i = 0; i < n; i++) {
        const x = s.sample(rng);
        expect(x).toBeGreaterThanOrEqual(0);
        sum += x;
        sum2 += x * x;
      }
      const m = sum / n;
      const variance = s.secondMoment - s.meanMs ** 2;
      // 5 standard errors of the sample mean (0 for constants).
      expect(Math.abs(m - mean)).toBeLessThanOrEqual(5 * Math.sqrt(variance / n) + 1e-12);
      expect(sum2 / n).toBeCloseTo(s.secondMoment, variance > 0 ? -Math.floor(Math.log10(s.secondMoment * 0.05)) : 6);
    });
  }
});

describe('key distributions', () => {
  it('zipf draws key i with probability ∝ 1/(i+1)^s', () => {
    const count = 50;
    const w = zipfWeights(count, 1);
    const total = w.reduce((a, b) => a + b, 0);
    const s = keySampler(count, 'zipf', 1);
    const rng = streamFor(3, 'k', 'k');
    const n = 200_000;
    const hits = new Array(count).fill(0);
    for (let i = 0; i < n; i++) hits[s.sample(rng)]++;
    for (const i of [0, 1, 9, 49]) {
      const p = w[i] / total;
      expect(Math.abs(hits[i] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });
});

describe('LatencyHistogram', () => {
  it('answers every quantile within 1% of the exact order statistic', () => {
    const rng = streamFor(9, 'h', 'h');
    const exp = compileDuration({ dist: 'lognormal', medianMs: 20, sigma: 1.5 });
    const values: number[] = [];
    const h = new LatencyHistogram();
    for (let i = 0; i < 100_000; i++) {
      const v = exp.sample(rng);
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.001, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
      const exact = values[Math.ceil(q * values.length) - 1];
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    expect(h.max).toBe(values[values.length - 1]);
    expect(h.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
  });

  it('handles zeros and empty histograms', () => {
    const h = new LatencyHistogram();
    expect(h.summary()).toEqual({ mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });
    h.record(0);
    h.record(0);
    h.record(4);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.quantile(1)).toBeCloseTo(4, 1);
  });
});

describe('TimeAverage', () => {
  it('integrates a piecewise-constant value and averages it after warm-up and per window', () => {
    const t = new TimeAverage();
    t.set(0, 2); // 2 on [0, 10)
    t.set(10, 4); // 4 on [10, 30)
    t.markWarmup(20);
    t.add(30, -3); // 1 on [30, 40]
    expect(t.integral(40)).toBe(2 * 10 + 4 * 20 + 1 * 10);
    expect(t.meanSinceWarmup(40)).toBeCloseTo((4 * 10 + 1 * 10) / 20, 12);
  });

  it('gives each frame the mean over its own window', () => {
    const t = new TimeAverage();
    t.set(0, 2);
    t.set(10, 4);
    expect(t.takeWindowMean(20, 20)).toBeCloseTo((2 * 10 + 4 * 10) / 20, 12);
    t.set(30, 1);
    expect(t.takeWindowMean(40, 20)).toBeCloseTo((4 * 10 + 1 * 10) / 20, 12);
  });
});
