/** The visible series of a chart as CSV: a header of names with units, one row per point. */
export function toCsv(headers: readonly string[], columns: readonly (readonly (number | null)[])[]): string {
  const rows = [headers.map(quote).join(',')];
  const n = columns.length > 0 ? columns[0].length : 0;
  for (let i = 0; i < n; i++) rows.push(columns.map((c) => (c[i] === null || c[i] === undefined ? '' : String(round(c[i] as number)))).join(','));
  return `${rows.join('\n')}\n`;
}

function quote(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Six significant digits: enough for any chart, without float noise. */
function round(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}
