/**
 * A/B on common random numbers: two designs that differ only in one server's service time,
 * run over the same seeds, give a paired interval for the difference far narrower than
 * independent runs would.
 */
import { describe, expect, it } from 'vitest';
import { compareDesigns, meanInterval, pairedComparison, welchHalfWidth } from '../../../src/engine/experiments';
import { mm1 } from '../../../src/theory';
import { run, scenario } from '../../helpers';

/** A web tier (M/M/4, async io) in front of a database-like server (M/M/1) whose service time we change. */
const design = (dbMeanMs: number) => ({
  seed: 1,
  durationMs: 30_000,
  warmupMs: 1_000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 400 } },
    { id: 'web', kind: 'server', config: { concurrency: 4, queueCapacity: 100_000, io: 'async', serviceTime: { dist: 'exponential', meanMs: 8 } } },
    { id: 'db', kind: 'server', config: { concurrency: 1, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: dbMeanMs } } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'web' },
    { id: 'e2', from: 'web', to: 'db' },
  ],
});

describe('compareDesigns', () => {
  const result = compareDesigns(scenario(design(1)), scenario(design(1.2)), { replications: 10 });
  const fig = (id: string) => result.figures.find((f) => f.figure === id)!;

  it('runs A and B over the same seeds', () => {
    expect(result.seeds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.replications).toBe(10);
  });

  it('gives a paired interval at least three times narrower than the unpaired one', () => {
    for (const id of ['latencyMs.mean', 'latencyMs.p99']) {
      const f = fig(id);
      expect(f.pairedHalfWidth, id).toBeGreaterThan(0);
      expect(f.unpairedHalfWidth / f.pairedHalfWidth, `${id}: paired ±${f.pairedHalfWidth} vs unpaired ±${f.unpairedHalfWidth}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('and the narrow interval is right: it covers the change in the database’s M/M/1 time, W(1.2 ms) − W(1 ms)', () => {
    // The web tier's departures are Poisson (Burke), so the database is an M/M/1 at 0.4 per ms.
    const expected = mm1(0.4, 1 / 1.2).w - mm1(0.4, 1).w;
    const f = fig('latencyMs.mean');
    expect(Math.abs(f.difference - expected), `${f.difference} ± ${f.pairedHalfWidth} vs ${expected}`).toBeLessThanOrEqual(f.pairedHalfWidth);
    // Ten pairs pin the effect within 5%.
    expect(f.pairedHalfWidth).toBeLessThan(0.05 * expected);
  });

  it('is the same as comparing independently run reports pair by pair', () => {
    const a = [1, 2, 3].map((seed) => run(design(1), { seed }));
    const b = [1, 2, 3].map((seed) => run(design(1.2), { seed }));
    const f = pairedComparison(a, b, ['latencyMs.mean', 'errorRate']).figures[0];
    const d = b.map((r, i) => r.latencyMs.mean - a[i].latencyMs.mean);
    expect(f.difference).toBeCloseTo(d.reduce((x, y) => x + y, 0) / 3, 12);
    expect(f.pairedHalfWidth).toBeCloseTo(meanInterval(d).halfWidth, 12);
    expect(f.a.mean).toBeCloseTo((a[0].latencyMs.mean + a[1].latencyMs.mean + a[2].latencyMs.mean) / 3, 12);
  });

  it('refuses reports that are not pairs of the same seeds', () => {
    const a = [1, 2].map((seed) => run(design(1), { seed, durationMs: 2000 }));
    const b = [2, 3].map((seed) => run(design(1.2), { seed, durationMs: 2000 }));
    expect(() => pairedComparison(a, b)).toThrow(/seeds 1 and 2/);
    expect(() => pairedComparison(a.slice(0, 1), b.slice(0, 1))).toThrow(RangeError);
  });
});

describe('welchHalfWidth', () => {
  it('uses the Welch–Satterthwaite degrees of freedom', () => {
    // sA = 2, sB = 1, n = 5 each: v = 0.8 + 0.2 = 1, ν = 1 / (0.64/4 + 0.04/4) = 5.882…
    // scipy.stats.t.ppf(0.975, 1 / 0.17) = 2.458823709699146, times √v = 1
    expect(welchHalfWidth(2, 5, 1, 5)).toBeCloseTo(2.458823709699146, 11);
    expect(welchHalfWidth(0, 5, 0, 5)).toBe(0);
  });
});
