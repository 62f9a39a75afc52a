/** How the explainer writes numbers: round, with separators, and the unit beside. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function rps(n: number): string {
  return `${n >= 10 ? count(n) : Number(n.toPrecision(2)).toString()} rps`;
}

export function pct(fraction: number): string {
  const p = fraction * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)}%`;
}

export function ms(n: number): string {
  if (n >= 1000) return `${Number((n / 1000).toPrecision(3))} s`;
  return `${n >= 10 ? Math.round(n) : Number(n.toPrecision(2))} ms`;
}

export function seconds(simMs: number): string {
  return `${(simMs / 1000).toFixed(1)} s`;
}

/** "double", "triple", "quadruple", then "multiply by 5.2". */
export function times(factor: number): string {
  const r = Math.round(factor * 10) / 10;
  if (r === 2) return 'double';
  if (r === 3) return 'triple';
  if (r === 4) return 'quadruple';
  return `multiply by ${r.toFixed(1)}`;
}
