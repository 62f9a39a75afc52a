/** Service-time moments for the formulas, and the M/G/1 wait-tail bound. */
import { describe, expect, it } from 'vitest';
import { serviceLaw, sumLaw, mixtureLaw } from '../../src/predict/service';
import { mg1WaitTailBound } from '../../src/predict/stations';
import { mm1 } from '../../src/theory';

/** Moments by numerical integration of a density on [0, hi]. */
function moments(density: (x: number) => number, hi: number): [number, number, number] {
  const n = 200_000;
  const h = hi / n;
  const m = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = (i + 0.5) * h;
    const f = density(x) * h;
    m[0] += x * f;
    m[1] += x * x * f;
    m[2] += x * x * x * f;
  }
  return m as [number, number, number];
}

describe('serviceLaw', () => {
  it.each([
    [{ dist: 'exponential', meanMs: 2 } as const, (x: number) => Math.exp(-x / 2) / 2, 80],
    [{ dist: 'erlang', meanMs: 3, k: 3 } as const, (x: number) => x * x * Math.exp(-x) / 2, 80],
    [{ dist: 'uniform', minMs: 1, maxMs: 5 } as const, (x: number) => (x >= 1 && x <= 5 ? 0.25 : 0), 6],
    [{ dist: 'lognormal', medianMs: 2, sigma: 0.4 } as const, (x: number) => Math.exp(-((Math.log(x / 2) / 0.4) ** 2) / 2) / (x * 0.4 * Math.sqrt(2 * Math.PI)), 60],
  ])('has the first three moments of %o', (d, density, hi) => {
    const [m1, m2, m3] = moments(density, hi);
    const law = serviceLaw(d);
    expect(law.meanMs).toBeCloseTo(m1, 3);
    expect(law.secondMoment / m2).toBeCloseTo(1, 3);
    expect(law.thirdMoment / m3).toBeCloseTo(1, 3);
  });

  it('adds and mixes independent times', () => {
    const a = serviceLaw({ dist: 'exponential', meanMs: 1 });
    const b = serviceLaw(2);
    // E[(A + 2)²] = 2 + 4·1 + 4; E[(A + 2)³] = 6 + 3·2·2 + 3·1·4 + 8.
    expect(sumLaw(a, b)).toMatchObject({ meanMs: 3, secondMoment: 10, thirdMoment: 38, exponential: false });
    expect(mixtureLaw(a, serviceLaw({ dist: 'exponential', meanMs: 1 }), 0.3).exponential).toBe(true);
    expect(mixtureLaw(a, b, 0.5)).toMatchObject({ meanMs: 1.5, secondMoment: 3, exponential: false });
  });
});

describe('mg1WaitTailBound', () => {
  it('bounds the M/M/1 wait tail ρe^{−(μ−λ)t} from above', () => {
    const law = serviceLaw({ dist: 'exponential', meanMs: 1 });
    const { wq } = mm1(0.7, 1);
    for (const t of [5, 20, 100, 1000]) {
      const exact = 0.7 * Math.exp(-0.3 * t);
      expect(mg1WaitTailBound(0.7, law, wq, t)).toBeGreaterThanOrEqual(exact);
    }
    expect(mg1WaitTailBound(0.7, law, wq, 1000)).toBeLessThan(1e-3);
  });
});
