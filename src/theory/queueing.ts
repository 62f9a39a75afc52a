/**
 * Single-station queueing results (THEORY.md). Rates are per unit time (per ms when times
 * are in ms): λ arrivals, μ service rate of one worker, c workers, ρ = λ / (cμ) < 1. W is
 * the time in system, Wq the wait in queue, L and Lq the matching mean numbers (Little's
 * law: L = λW, Lq = λWq). Unstable inputs (ρ ≥ 1) give Infinity for the waits and lengths.
 */

export interface StationMetrics {
  /** ρ: the fraction of time a worker is busy. */
  utilization: number;
  /** The probability that an arrival has to wait. */
  waitProbability: number;
  wq: number;
  w: number;
  lq: number;
  l: number;
}

function metrics(lambda: number, rho: number, waitProbability: number, wq: number, serviceMean: number): StationMetrics {
  if (rho >= 1) return { utilization: rho, waitProbability: 1, wq: Infinity, w: Infinity, lq: Infinity, l: Infinity };
  const w = wq + serviceMean;
  return { utilization: rho, waitProbability, wq, w, lq: lambda * wq, l: lambda * w };
}

/**
 * Erlang B: the fraction of arrivals turned away by c workers with no queue, offered load
 * a = λ/μ. B(c, a) = (a^c/c!) / Σ_{k=0}^{c} a^k/k!, by the recurrence
 * B(k) = a·B(k−1) / (k + a·B(k−1)), which never overflows.
 */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue with offered load
 * a = λ/μ < c: C(c, a) = [a^c/c! · 1/(1−ρ)] / [Σ_{k<c} a^k/k! + a^c/c! · 1/(1−ρ)],
 * computed from Erlang B as C = B / (1 − ρ(1 − B)).
 */
export function erlangC(c: number, a: number): number {
  const rho = a / c;
  if (rho >= 1) return 1;
  const b = erlangB(c, a);
  return b / (1 - rho * (1 - b));
}

/** M/M/1: W = 1/(μ − λ), L = ρ/(1 − ρ). */
export function mm1(lambda: number, mu: number): StationMetrics {
  const rho = lambda / mu;
  return metrics(lambda, rho, rho, rho / (mu - lambda), 1 / mu);
}

/** The p-quantile of M/M/1 time in system, exponential with rate μ − λ: −ln(1 − p)/(μ − λ). */
export function mm1TimeQuantile(lambda: number, mu: number, p: number): number {
  return lambda >= mu ? Infinity : -Math.log(1 - p) / (mu - lambda);
}

/** M/M/c (Erlang C): Wq = C(c, a) / (cμ − λ). */
export function mmc(lambda: number, mu: number, c: number): StationMetrics {
  const a = lambda / mu;
  const pw = erlangC(c, a);
  return metrics(lambda, a / c, pw, pw / (c * mu - lambda), 1 / mu);
}

/** M/M/c: P(Wq > t) = C(c, a) · e^{−(cμ − λ)t}. */
export function mmcWaitTail(lambda: number, mu: number, c: number, t: number): number {
  if (lambda >= c * mu) return 1;
  return erlangC(c, lambda / mu) * Math.exp(-(c * mu - lambda) * t);
}

/**
 * M/M/c FCFS: P(T > t) for the time in system T = Wq + S. With probability 1 − C an arrival
 * is served at once (T = S ~ Exp(μ)); otherwise it waits Exp(θ), θ = cμ − λ, then is
 * served, and the tail of that sum is (θe^{−μt} − μe^{−θt}) / (θ − μ) (e^{−μt}(1 + μt) when
 * θ = μ).
 */
export function mmcTimeTail(lambda: number, mu: number, c: number, t: number): number {
  if (lambda >= c * mu) return 1;
  const pw = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  const served = Math.exp(-mu * t);
  const waited = Math.abs(theta - mu) < 1e-12 * mu ? served * (1 + mu * t) : (theta * served - mu * Math.exp(-theta * t)) / (theta - mu);
  return (1 - pw) * served + pw * waited;
}

/** The p-quantile of M/M/c time in system: the t with P(T > t) = 1 − p, by bisection. */
export function mmcTimeQuantile(lambda: number, mu: number, c: number, p: number): number {
  if (lambda >= c * mu) return Infinity;
  let lo = 0;
  let hi = 1 / mu;
  while (mmcTimeTail(lambda, mu, c, hi) > 1 - p) hi *= 2;
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (mmcTimeTail(lambda, mu, c, mid) > 1 - p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * M/G/1 (Pollaczek–Khinchine): Wq = λ E[S²] / (2(1 − ρ)), with E[S] the mean and E[S²] the
 * second moment of the service time.
 */
export function mg1(lambda: number, serviceMean: number, serviceSecondMoment: number): StationMetrics {
  const rho = lambda * serviceMean;
  return metrics(lambda, rho, rho, (lambda * serviceSecondMoment) / (2 * (1 - rho)), serviceMean);
}

/** M/D/1: constant service S, so E[S²] = S² and W = S + ρS / (2(1 − ρ)). */
export function md1(lambda: number, service: number): StationMetrics {
  return mg1(lambda, service, service * service);
}

/** E[S²] of an Erlang-k service time with mean S: (1 + 1/k) S² (k = 1 exponential, k → ∞ constant). */
export function erlangKSecondMoment(mean: number, k: number): number {
  return (1 + 1 / k) * mean * mean;
}

/** A queue fed at λ and served at cμ < λ grows at λ − cμ (until its capacity), else 0. */
export function overloadGrowthRate(lambda: number, mu: number, c: number): number {
  return Math.max(0, lambda - c * mu);
}
