/**
 * Samplers over a finite set of outcomes: request keys (uniform or Zipf) and weighted
 * choices (paths). Zipf uses the inverse of a cumulative table and a binary search: exact,
 * O(log n) per draw, and built once per client.
 */
import type { Rng } from './rng';
import { pow } from './detMath';

export interface IndexSampler {
  sample(rng: Rng): number;
}

class UniformIndex implements IndexSampler {
  constructor(private readonly n: number) {}
  sample(rng: Rng): number {
    return Math.floor(rng.next() * this.n);
  }
}

/** Draws index i with probability weights[i] / Σ weights. */
export class WeightedIndex implements IndexSampler {
  private readonly cdf: Float64Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += weights[i];
      this.cdf[i] = total;
    }
    for (let i = 0; i < n; i++) this.cdf[i] /= total;
    this.cdf[n - 1] = 1;
  }

  sample(rng: Rng): number {
    const u = rng.next();
    const cdf = this.cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf weights p(i) ∝ 1 / (i + 1)^s over keys 0..n-1 (key 0 is the most popular). */
export function zipfWeights(n: number, exponent: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / pow(i + 1, exponent);
  return w;
}

export function keySampler(count: number, distribution: 'uniform' | 'zipf', exponent: number): IndexSampler {
  if (distribution === 'uniform' || count === 1) return new UniformIndex(count);
  return new WeightedIndex(zipfWeights(count, exponent));
}
