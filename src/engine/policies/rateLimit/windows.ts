/**
 * Fixed time windows [k·W, (k+1)·W) for the window algorithms. The index is corrected after
 * the division so that every boundary comparison agrees with the boundary value k·W as it is
 * computed everywhere else: ⌊now / W⌋ alone can land one off next to a boundary when W is
 * not a power of two, and then a retry computed to land exactly on the boundary would still
 * find itself in the old window
 */
export function windowIndex(now: number, windowMs: number): number {
  let k = Math.floor(now / windowMs);
  if ((k + 1) * windowMs <= now) k++;
  else if (k * windowMs > now) k--;
  return k;
}

/** The start of window k. */
export function windowStart(k: number, windowMs: number): number {
  return k * windowMs;
}
