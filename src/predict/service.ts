/** The law of a service time (SPEC §2 durations) as queueing formulas need it: moments and shape. */
import { meanMs, type Duration } from '../model';

export interface ServiceLaw {
  meanMs: number;
  /** E[S²], ms². */
  secondMoment: number;
  /** E[S³], ms³ (for the spread of an M/G/1's wait). */
  thirdMoment: number;
  exponential: boolean;
  constant: boolean;
}

export function serviceLaw(d: Duration): ServiceLaw {
  const mean = meanMs(d);
  const fixed = (ms: number): ServiceLaw => ({ meanMs: ms, secondMoment: ms * ms, thirdMoment: ms * ms * ms, exponential: false, constant: true });
  if (typeof d === 'number') return fixed(d);
  switch (d.dist) {
    case 'constant':
      return fixed(d.ms);
    case 'exponential': {
      const m = d.meanMs;
      return { meanMs: m, secondMoment: 2 * m * m, thirdMoment: 6 * m * m * m, exponential: true, constant: false };
    }
    case 'erlang': {
      // Gamma(k, θ = m/k): E[S^n] = θ^n k(k+1)…(k+n−1).
      const th = d.meanMs / d.k;
      return { meanMs: d.meanMs, secondMoment: th * th * d.k * (d.k + 1), thirdMoment: th * th * th * d.k * (d.k + 1) * (d.k + 2), exponential: d.k === 1, constant: false };
    }
    case 'uniform': {
      const [a, b] = [d.minMs, d.maxMs];
      return {
        meanMs: mean,
        secondMoment: (a * a + a * b + b * b) / 3,
        thirdMoment: ((a + b) * (a * a + b * b)) / 4,
        exponential: false,
        constant: a === b,
      };
    }
    case 'lognormal': {
      // E[S^n] = median^n e^{n²σ²/2}.
      const [m, s2] = [d.medianMs, d.sigma * d.sigma];
      return { meanMs: mean, secondMoment: m * m * Math.exp(2 * s2), thirdMoment: m * m * m * Math.exp(4.5 * s2), exponential: false, constant: d.sigma === 0 };
    }
  }
}

/** The law of the sum of two independent times. */
export function sumLaw(a: ServiceLaw, b: ServiceLaw): ServiceLaw {
  const zero = (l: ServiceLaw) => l.meanMs === 0;
  if (zero(a)) return b;
  if (zero(b)) return a;
  return {
    meanMs: a.meanMs + b.meanMs,
    secondMoment: a.secondMoment + 2 * a.meanMs * b.meanMs + b.secondMoment,
    thirdMoment: a.thirdMoment + 3 * a.secondMoment * b.meanMs + 3 * a.meanMs * b.secondMoment + b.thirdMoment,
    exponential: false,
    constant: a.constant && b.constant,
  };
}

/** The law of a time that is `a` with probability 1 − w and `b` with probability w. */
export function mixtureLaw(a: ServiceLaw, b: ServiceLaw, w: number): ServiceLaw {
  if (w === 0) return a;
  if (w === 1) return b;
  const same = a.meanMs === b.meanMs && a.secondMoment === b.secondMoment;
  return {
    meanMs: (1 - w) * a.meanMs + w * b.meanMs,
    secondMoment: (1 - w) * a.secondMoment + w * b.secondMoment,
    thirdMoment: (1 - w) * a.thirdMoment + w * b.thirdMoment,
    exponential: same && a.exponential && b.exponential,
    constant: same && a.constant && b.constant,
  };
}
