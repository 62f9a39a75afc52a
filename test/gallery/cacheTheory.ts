/**
 * Cache hit rates for the lessons, beyond src/theory's: Che's approximation when writes
 * delete their key (cache-aside), and the hits a real cache loses while a miss is refilled.
 */
import { cheCharacteristicTime, lruHitRate } from '../../src/theory';

/** Che's approximation for LRU when a share `w` of the requests are writes that delete their key. */
export function lruWithInvalidations(p: Float64Array, capacity: number, w: number) {
  // A key is held iff its last request was a read within Che's time T: occupancy
  // Σ (1 − w)(1 − e^{−p_i T}) = C, hit rate Σ p_i (1 − w)(1 − e^{−p_i T}).
  return (1 - w) * lruHitRate(p, capacity / (1 - w));
}

/**
 * The hits a cache loses to its refills: after a miss, the reads of that key that arrive
 * before the value is back (`refillMs`) miss too. Each miss of key i opens such a window, in
 * which p_i · λ_reads · refillMs reads arrive; as a share of all reads that is
 * Σ p_i² (1 − h_i) λ_reads · refillMs, with h_i the key's hit probability by the theory.
 */
export function refillLoss(p: Float64Array, capacity: number, w: number, readsPerMs: number, refillMs: number) {
  // h_i = (1 − w)(1 − e^{−p_i T}), T from the occupancy above.
  const t = cheCharacteristicTime(p, capacity / (1 - w));
  let loss = 0;
  for (const pi of p) loss += pi * pi * (1 - (1 - w) * (1 - Math.exp(-pi * t)));
  return loss * readsPerMs * refillMs;
}
