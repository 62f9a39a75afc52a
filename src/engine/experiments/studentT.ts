/**
 * Student's t distribution: its tail and quantiles, for confidence intervals across
 * replications. Plain IEEE arithmetic and the engine's own log and exp (core/detMath.ts), so
 * an interval is the same number in Node, in a browser worker and in every thread of the CLI.
 */
import { exp, log } from '../core/detMath';

// Lanczos approximation of ln Γ (Numerical Recipes, 3rd ed., `gammln`): relative error < 1e-15.
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma: ${x} is not positive`);
  let y = x;
  const t = x + 5.2421875;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return (x + 0.5) * log(t) - t + log((2.5066282746310005 * ser) / x);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b), for a, b > 0 and x in [0, 1]. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * log(x) + b * log(1 - x));
  // The fraction converges fast below the mean of the beta law; above, use the symmetry.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(|T| > t) for T with `df` degrees of freedom (any real df > 0): I_{df/(df+t²)}(df/2, 1/2). */
export function studentTTwoSidedTail(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentT: ${df} degrees of freedom`);
  if (t === 0) return 1;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

const quantileCache = new Map<string, number>();

/**
 * The p-quantile of Student's t with `df` degrees of freedom, p in (0.5, 1): the t with
 * P(T ≤ t) = p. By bisection on the tail, to the last bits (the tail falls monotonically).
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new RangeError(`studentTQuantile: p = ${p} is not in (0.5, 1)`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: ${df} degrees of freedom`);
  const key = `${p}/${df}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;
  const tail = 2 * (1 - p);
  let lo = 0;
  let hi = 2;
  while (studentTTwoSidedTail(hi, df) > tail) hi *= 2;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (studentTTwoSidedTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  const q = (lo + hi) / 2;
  if (quantileCache.size < 4096) quantileCache.set(key, q);
  return q;
}

/** The mean of `values`, and the half-width of its 95% Student-t confidence interval. */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for one value. */
  sd: number;
  /** t(0.975, n − 1) · sd / √n; NaN for fewer than two values. */
  halfWidth: number;
}

/**
 * Mean and 95% interval of independent samples (replications). Two passes (the mean, then
 * the squared deviations) for accuracy; values that are all equal give exactly that value
 * and a half-width of 0.
 */
export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, halfWidth: NaN };
  const first = values[0];
  let allEqual = true;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    if (values[i] !== first) allEqual = false;
  }
  if (allEqual) return { n, mean: first, sd: 0, halfWidth: n > 1 ? 0 : NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { n, mean, sd, halfWidth: n > 1 ? (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : NaN };
}
