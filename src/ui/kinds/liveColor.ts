/** Utilisation as a colour: calm green at 0, amber around 0.7, saturated red at 1 and beyond. */
export function utilizationColor(utilization: number): string {
  const u = Math.min(1, Math.max(0, utilization));
  const hue = 140 * (1 - u * u * 0.6 - u * 0.4);
  return `hsl(${hue.toFixed(0)} 70% 42%)`;
}
