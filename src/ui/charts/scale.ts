/** A round top for the value axis: 1, 2, 2.5 or 5 times a power of ten, a little above the data. */
export function niceTop(max: number | null): number {
  if (max === null || !(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max * 1.05) return m * p;
  return 10 * p;
}
