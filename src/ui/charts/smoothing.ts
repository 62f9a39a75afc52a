/** An optional smoothing of the plotted series: a trailing moving average over a time window. */

export const SMOOTHING_CHOICES = [
  { label: 'off', seconds: 0 },
  { label: '1 s', seconds: 1 },
  { label: '5 s', seconds: 5 },
  { label: '30 s', seconds: 30 },
] as const;

/**
 * The mean of each point with the points before it within `windowS` seconds (nulls skipped).
 * O(n): a running sum over a sliding window.
 */
export function movingAverage(t: readonly (number | null)[], ys: readonly (number | null)[], windowS: number): (number | null)[] {
  if (windowS <= 0) return ys.slice();
  const out = new Array<number | null>(ys.length);
  let start = 0;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i];
    if (v !== null) {
      sum += v;
      n++;
    }
    const ti = t[i] ?? 0;
    while (start < i && ti - (t[start] ?? 0) >= windowS) {
      const w = ys[start];
      if (w !== null) {
        sum -= w;
        n--;
      }
      start++;
    }
    out[i] = v === null ? null : n > 0 ? sum / n : null;
  }
  return out;
}
