/**
 * The time axis: ticks at round values of simulated time (0.5 s, 1 s, 5 s, 30 s, 2 min, 1 h…),
 * labelled in the unit their spacing calls for.
 */

/** Tick spacings the axis may choose from, seconds. */
export const TIME_INCREMENTS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** A tick's label, given the spacing between ticks (both in seconds). */
export function timeTick(t: number, step: number): string {
  if (step >= 3600 && t % 3600 === 0) return `${t / 3600} h`;
  if (step >= 60 && t % 60 === 0) return `${t / 60} min`;
  const decimals = step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
  return `${t.toFixed(decimals)} s`;
}

/** A time for a tooltip or a CSV cell: seconds with a tenth, or ms below a second of spacing. */
export function timeLabel(t: number): string {
  return `t = ${t.toFixed(t < 10 ? 2 : 1)} s`;
}
