/** Student's t against reference values (SciPy's `t.ppf`), and the interval of a mean. */
import { describe, expect, it } from 'vitest';
import { lnGamma, meanInterval, studentTQuantile, studentTTwoSidedTail } from '../../../src/engine/experiments';

// scipy.stats.t.ppf(0.975, df)
const T975: [number, number][] = [
  [1, 12.706204736174694],
  [2, 4.302652729749462],
  [5, 2.5705818356363146],
  [10, 2.228138851986274],
  [19, 2.0930240544083087],
  [30, 2.0422724563012378],
  [100, 1.9839715185235518],
  [999, 1.9623414611334493],
  [7.5, 2.333039626864974],
];

describe("Student's t", () => {
  it.each(T975)('t(0.975, %f) is SciPy’s %f to 1e-12', (df, expected) => {
    expect(Math.abs(studentTQuantile(0.975, df) - expected) / expected).toBeLessThan(1e-12);
  });

  it('has the tails of the closed forms: df 1 is Cauchy, df 2 is 1 − t/√(2 + t²)', () => {
    for (const t of [0.1, 1, 3, 10]) {
      expect(studentTTwoSidedTail(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 13);
      expect(studentTTwoSidedTail(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 13);
    }
  });

  it('computes ln Γ: Γ(n) = (n − 1)!, Γ(1/2) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(6)).toBeCloseTo(Math.log(120), 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 10);
  });

  it('refuses what has no quantile', () => {
    expect(() => studentTQuantile(0.4, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('is t(0.975, n − 1) · s / √n with s the sample standard deviation', () => {
    const xs = [4.1, 5.3, 4.8, 5.9, 5.0];
    const mean = 25.1 / 5;
    const s2 = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / 4;
    const m = meanInterval(xs);
    expect(m.mean).toBeCloseTo(mean, 14);
    expect(m.sd).toBeCloseTo(Math.sqrt(s2), 14);
    expect(m.halfWidth).toBeCloseTo((2.7764451051977987 * Math.sqrt(s2)) / Math.sqrt(5), 12);
  });

  it('gives exactly the value and 0 for a constant sample, and no interval for one value', () => {
    expect(meanInterval([0.1, 0.1, 0.1])).toEqual({ n: 3, mean: 0.1, sd: 0, halfWidth: 0 });
    expect(meanInterval([3]).halfWidth).toBeNaN();
  });
});
