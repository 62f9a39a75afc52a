/**
 * Cache hit rates under the independent reference model (keys drawn i.i.d. from a fixed
 * law), THEORY.md. Each function takes the key probabilities `p` (summing to 1) and returns
 * a hit rate in [0, 1]. Closed forms and one-dimensional root finding only: these run in
 * tests and next to the simulated numbers in the app, never inside the engine.
 *
 * Times are measured in requests (the law's total rate is 1 per unit), so a characteristic
 * time T means "T requests"; multiply by the request rate for time.
 */

/** Zipf law over n keys: p_i ∝ 1 / i^s for i = 1..n (index 0 is the most popular key). */
export function zipfProbabilities(n: number, exponent: number): Float64Array {
  const p = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    p[i] = 1 / Math.pow(i + 1, exponent);
    total += p[i];
  }
  for (let i = 0; i < n; i++) p[i] /= total;
  return p;
}

/**
 * The root T ≥ 0 of occupancy(T) = capacity for an occupancy that is increasing and concave
 * in T (both caches' are): Newton's method from T = 0 then climbs monotonically to the root,
 * because the tangent of a concave function lies above it. Infinity when the capacity holds
 * every key.
 */
function solveOccupancy(
  p: Float64Array,
  capacity: number,
  occupancy: (pi: number, t: number) => number,
  slope: (pi: number, t: number) => number,
): number {
  let positive = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) positive++;
  if (capacity >= positive) return Infinity;
  let t = 0;
  for (let iter = 0; iter < 500; iter++) {
    let f = -capacity;
    let df = 0;
    for (let i = 0; i < p.length; i++) {
      f += occupancy(p[i], t);
      df += slope(p[i], t);
    }
    const next = t - f / df;
    if (!(next > t) || (next - t) <= 1e-13 * next) return next > t ? next : t;
    t = next;
  }
  return t;
}

const lruOccupancy = (pi: number, t: number) => 1 - Math.exp(-pi * t);
const lruSlope = (pi: number, t: number) => pi * Math.exp(-pi * t);
const fifoOccupancy = (pi: number, t: number) => (pi * t) / (1 + pi * t);
const fifoSlope = (pi: number, t: number) => pi / ((1 + pi * t) * (1 + pi * t));

/** LRU's characteristic time (Che): the T with Σ (1 − e^{−p_i T}) = capacity. */
export function cheCharacteristicTime(p: Float64Array, capacity: number): number {
  return solveOccupancy(p, capacity, lruOccupancy, lruSlope);
}

/** LRU's hit rate by the Che approximation: Σ p_i (1 − e^{−p_i T}). */
export function lruHitRate(p: Float64Array, capacity: number): number {
  const t = cheCharacteristicTime(p, capacity);
  if (t === Infinity) return 1;
  let h = 0;
  for (let i = 0; i < p.length; i++) h += p[i] * lruOccupancy(p[i], t);
  return h;
}

/** FIFO's (and random replacement's) characteristic time: Σ p_i T / (1 + p_i T) = capacity. */
export function fifoCharacteristicTime(p: Float64Array, capacity: number): number {
  return solveOccupancy(p, capacity, fifoOccupancy, fifoSlope);
}

/** FIFO's and random replacement's hit rate: Σ p_i · p_i T / (1 + p_i T). */
export function fifoHitRate(p: Float64Array, capacity: number): number {
  const t = fifoCharacteristicTime(p, capacity);
  if (t === Infinity) return 1;
  let h = 0;
  for (let i = 0; i < p.length; i++) h += p[i] * fifoOccupancy(p[i], t);
  return h;
}

/** Random replacement hits exactly as often as FIFO under independent references. */
export const randomHitRate = fifoHitRate;

/** LFU with perfect counts holds the `capacity` most popular keys: their total probability. */
export function lfuHitRate(p: Float64Array, capacity: number): number {
  const sorted = Float64Array.from(p).sort().reverse();
  let h = 0;
  for (let i = 0; i < Math.min(capacity, sorted.length); i++) h += sorted[i];
  return h;
}

/**
 * A TTL cache with no capacity limit: a miss fills the entry, which then serves every
 * request for `ttlMs` and expires. With Poisson requests at `requestsPerMs` in all, key i
 * sees a renewal cycle of one miss and, on average, p_i λ T hits, so its hit rate is
 * p_i λ T / (1 + p_i λ T); the total is that weighted by p_i.
 */
export function ttlHitRate(p: Float64Array, requestsPerMs: number, ttlMs: number): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const x = p[i] * requestsPerMs * ttlMs;
    h += (p[i] * x) / (1 + x);
  }
  return h;
}

/**
 * LRU with a TTL, as the cache store keeps them (src/engine/policies/cacheStore.ts): an
 * entry is served for `ttlMs` after its fill, and an expired entry is dropped when next
 * requested, which refills it as the most recent key — the very move a hit makes — so the
 * keys held are exactly plain LRU's and Che's characteristic time T still applies. A TTL
 * only turns some of LRU's hits into misses. Derivation, for Poisson requests:
 *
 * Key i is requested at rate q = p_i λ; in time, LRU keeps it while requests come less than
 * τ = T/λ apart. From a fill (a miss) at time 0, a request at t is a hit iff t < θ (the TTL)
 * and no gap between its requests since 0 exceeded τ. The probability u(t) that a Poisson
 * process with points at 0 and t has no gap above τ is, summing the uniform-spacings law
 * over the number of points,
 *     u(t) = Σ_{j ≥ 0, jτ < t} (−1)^j e^{−jqτ} [x^j/j! + x^{j−1}/(j−1)!],   x = q(t − jτ)
 * (the second term from j = 1), and the expected hits per fill are H = q ∫₀^θ u(t) dt:
 *     H = Σ_{j ≥ 0, jτ < θ} (−1)^j e^{−jα} [X^{j+1}/(j+1)! + X^j/j!],   X = β − jα,
 * with α = qτ = p_i T and β = qθ = p_i λ θ (no X^j term at j = 0, so H = β when θ ≤ τ).
 * Each fill starts a renewal cycle of one miss and H hits, so key i hits with probability
 * H / (1 + H). Checks: θ → ∞ gives H = e^α − 1 and Che's 1 − e^{−α}; τ → ∞ (no capacity
 * limit) gives H = β, the TTL formula above.
 *
 * The alternating sum's terms reach e^{βe^{−α}}, so it cancels badly when βe^{−α} is large;
 * but then the TTL spans many in-cache lifetimes (u(t) decays at a rate of at least
 * q e^{−α}) and H is Che's e^α − 1 to within a relative e^{−βe^{−α}}. Past βe^{−α} = 12
 * that is used: a relative error below 10⁻⁵ either way.
 */
export function lruTtlHitRate(p: Float64Array, capacity: number, requestsPerMs: number, ttlMs: number): number {
  const t = cheCharacteristicTime(p, capacity);
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const hits = lruTtlHitsPerFill(p[i] * t, p[i] * requestsPerMs * ttlMs);
    h += (p[i] * hits) / (1 + hits);
  }
  return h;
}

/** H(α, β) of `lruTtlHitRate`: expected hits per fill, α = qτ, β = qθ. */
export function lruTtlHitsPerFill(alpha: number, beta: number): number {
  if (beta <= alpha) return beta;
  const reach = beta * Math.exp(-alpha);
  if (reach > 12) return Math.expm1(alpha);
  let sum = beta;
  let logFactorial = 0; // ln j!
  for (let j = 1; j * alpha < beta; j++) {
    logFactorial += Math.log(j);
    const x = beta - j * alpha;
    const lx = Math.log(x);
    const a = Math.exp(-j * alpha + (j + 1) * lx - logFactorial - Math.log(j + 1));
    const b = Math.exp(-j * alpha + j * lx - logFactorial);
    sum += j % 2 === 1 ? -(a + b) : a + b;
    // Past j ≈ e·reach the terms shrink faster than geometrically: stop when negligible.
    if (j > 2 * reach + 10 && a + b < 1e-17 * Math.abs(sum)) break;
  }
  return Math.min(sum, Math.expm1(alpha));
}
