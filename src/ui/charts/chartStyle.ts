export const CHART_MARGIN = { top: 4, right: 8, bottom: 0, left: 0 };
export const TICK_STYLE = { fontSize: 11, fill: '#5b6470' };

export function axisSeconds(t: number): string {
  return `${Number(t.toFixed(1))} s`;
}
