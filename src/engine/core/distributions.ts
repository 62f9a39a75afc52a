/**
 * Duration distributions of SPEC §2, compiled once into samplers so the hot path does not
 * inspect the document's shape per draw.
 */
import type { Duration } from '../../model';
import type { Rng } from './rng';
import { exp, log } from './detMath';
import { standardExponential } from './ziggurat';

export interface Sampler {
  /** The distribution's mean, ms (used for theory and for reporting). */
  readonly meanMs: number;
  /** E[S²], ms² (Pollaczek–Khinchine needs it). */
  readonly secondMoment: number;
  /** True when every draw is 0: callers skip scheduling an event. */
  readonly isZero: boolean;
  sample(rng: Rng): number;
}

class Constant implements Sampler {
  readonly secondMoment: number;
  readonly isZero: boolean;
  constructor(readonly meanMs: number) {
    this.secondMoment = meanMs * meanMs;
    this.isZero = meanMs === 0;
  }
  sample(_rng: Rng): number {
    return this.meanMs;
  }
}

class Exponential implements Sampler {
  readonly secondMoment: number;
  readonly isZero: boolean;
  constructor(readonly meanMs: number) {
    this.secondMoment = 2 * meanMs * meanMs;
    this.isZero = meanMs === 0;
  }
  sample(rng: Rng): number {
    return this.meanMs * standardExponential(rng);
  }
}

class Uniform implements Sampler {
  readonly meanMs: number;
  readonly secondMoment: number;
  readonly isZero: boolean;
  constructor(
    readonly minMs: number,
    readonly maxMs: number,
  ) {
    this.meanMs = (minMs + maxMs) / 2;
    const w = maxMs - minMs;
    this.secondMoment = (w * w) / 12 + this.meanMs * this.meanMs;
    this.isZero = maxMs === 0;
  }
  sample(rng: Rng): number {
    return this.minMs + (this.maxMs - this.minMs) * rng.next();
  }
}

class Lognormal implements Sampler {
  readonly meanMs: number;
  readonly secondMoment: number;
  readonly isZero: boolean;
  private readonly mu: number;
  constructor(
    readonly medianMs: number,
    readonly sigma: number,
  ) {
    this.mu = log(medianMs);
    this.meanMs = medianMs * exp((sigma * sigma) / 2);
    this.secondMoment = medianMs * medianMs * exp(2 * sigma * sigma);
    this.isZero = medianMs === 0;
  }
  sample(rng: Rng): number {
    if (this.isZero) return 0;
    // Marsaglia's polar method: a standard normal from log and sqrt alone (no cos, whose
    // last bit differs between JavaScript engines). The second normal is discarded.
    let u = 0;
    let s = 0;
    do {
      u = 2 * rng.next() - 1;
      const v = 2 * rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const z = u * Math.sqrt((-2 * log(s)) / s); // sqrt is correctly rounded everywhere
    return exp(this.mu + this.sigma * z);
  }
}

class Erlang implements Sampler {
  readonly secondMoment: number;
  readonly isZero: boolean;
  private readonly phaseMean: number;
  constructor(
    readonly meanMs: number,
    readonly k: number,
  ) {
    this.phaseMean = meanMs / k;
    this.secondMoment = meanMs * meanMs * (1 + 1 / k);
    this.isZero = meanMs === 0;
  }
  /**
   * The sum of k exponential phases. Multiplying k uniforms and taking one logarithm would
   * underflow to 0 (and give Infinity) for k beyond about 700; summing the phases cannot.
   */
  sample(rng: Rng): number {
    let sum = 0;
    for (let i = 0; i < this.k; i++) sum += standardExponential(rng);
    return this.phaseMean * sum;
  }
}

/** Compiles a document's duration (plain number = constant ms) into a sampler. */
export function compileDuration(d: Duration): Sampler {
  if (typeof d === 'number') return new Constant(d);
  switch (d.dist) {
    case 'constant':
      return new Constant(d.ms);
    case 'exponential':
      return new Exponential(d.meanMs);
    case 'uniform':
      return new Uniform(d.minMs, d.maxMs);
    case 'lognormal':
      return new Lognormal(d.medianMs, d.sigma);
    case 'erlang':
      return new Erlang(d.meanMs, d.k);
  }
}
