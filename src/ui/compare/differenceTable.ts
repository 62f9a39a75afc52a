/**
 * The A/B difference table in words: each headline figure's A and B with their intervals, the
 * difference B − A with its interval from the paired runs, the interval independent runs would
 * have given, and how much narrower pairing made it. Numbers are rounded to what their
 * interval supports: two significant digits of the half-width, the value to the same place.
 */
import type { FigureComparison, PairedComparison } from '../../worker/compareProtocol';

/** The figures the comparison shows, in order. */
export const COMPARED_FIGURES = [
  { id: 'latencyMs.mean', label: 'Mean latency', unit: 'ms' },
  { id: 'latencyMs.p99', label: 'p99 latency', unit: 'ms' },
  { id: 'throughputRps', label: 'Throughput', unit: 'rps' },
  { id: 'errorRate', label: 'Error rate', unit: '%' },
] as const;

export type ComparedUnit = (typeof COMPARED_FIGURES)[number]['unit'];

export interface DifferenceRow {
  figure: string;
  label: string;
  unit: ComparedUnit;
  /** "12.35 ± 0.41 ms", and the same in two parts for a narrow cell. */
  a: string;
  b: string;
  aParts: { value: string; interval: string };
  bParts: { value: string; interval: string };
  /** B − A with its paired interval: "+1.23 ± 0.05 ms". */
  difference: string;
  /** "± 0.05 ms" from the paired runs, and "± 0.61 ms" had they been independent. */
  paired: string;
  unpaired: string;
  /** Unpaired half-width ÷ paired; null when it means nothing (a paired width of 0). */
  ratio: number | null;
  /** "12× narrower", or why there is no ratio. */
  narrower: string;
  /** What the interval says: B is higher, lower, or no different to within the noise. */
  verdict: 'higher' | 'lower' | 'same';
  /** The raw numbers, for data attributes and tests (in the figure's own unit: fractions for the error rate). */
  raw: FigureComparison;
}

/** Decimal places that keep two significant digits of `halfWidth` (0 to 6). */
export function decimalsFor(halfWidth: number): number {
  if (!(halfWidth > 0) || !Number.isFinite(halfWidth)) return 2;
  const d = 1 - Math.floor(Math.log10(halfWidth));
  return Math.max(0, Math.min(6, d));
}

/** The figure in the unit it is shown in (the error rate as a percentage). */
const shown = (unit: ComparedUnit, v: number) => (unit === '%' ? v * 100 : v);

function number(v: number, decimals: number, sign = false): string {
  if (!Number.isFinite(v)) return '—';
  const text = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const zero = Number(text.replace(/,/g, '')) === 0;
  if (v < 0 && !zero) return `−${text}`;
  return sign && !zero ? `+${text}` : text;
}

function unitSuffix(unit: ComparedUnit, difference: boolean): string {
  if (unit === '%') return difference ? ' pp' : '%';
  return ` ${unit}`;
}

/** A value and its interval, apart: "12.35 ms" and "± 0.41 ms". */
export function intervalParts(value: number, halfWidth: number, unit: ComparedUnit, options: { sign?: boolean; difference?: boolean } = {}) {
  const v = shown(unit, value);
  const h = shown(unit, halfWidth);
  const d = decimalsFor(h > 0 ? h : Math.abs(v) / 100);
  const suffix = unitSuffix(unit, options.difference ?? false);
  return { value: `${number(v, d, options.sign)}${suffix}`, interval: Number.isFinite(h) ? `± ${number(h, d)}${suffix}` : '' };
}

/** "12.35 ± 0.41 ms" */
export function withInterval(value: number, halfWidth: number, unit: ComparedUnit, options: { sign?: boolean; difference?: boolean } = {}): string {
  const v = shown(unit, value);
  const h = shown(unit, halfWidth);
  const d = decimalsFor(h > 0 ? h : Math.abs(v) / 100);
  const suffix = unitSuffix(unit, options.difference ?? false);
  if (!Number.isFinite(h)) return `${number(v, d, options.sign)}${suffix}`;
  return `${number(v, d, options.sign)} ± ${number(h, d)}${suffix}`;
}

export function ratioText(paired: number, unpaired: number): { ratio: number | null; text: string } {
  if (!(paired > 0)) return { ratio: null, text: unpaired > 0 ? 'exact: every pair moved by the same amount' : 'no spread in any run' };
  const ratio = unpaired / paired;
  const digits = ratio >= 10 ? 0 : 1;
  if (ratio >= 1) return { ratio, text: `${ratio.toFixed(digits)}× narrower` };
  return { ratio, text: `${(1 / ratio).toFixed(digits)}× wider` };
}

export function differenceRows(comparison: PairedComparison): DifferenceRow[] {
  return COMPARED_FIGURES.flatMap(({ id, label, unit }) => {
    const f = comparison.figures.find((x) => x.figure === id);
    if (f === undefined) return [];
    const h = shown(unit, f.pairedHalfWidth);
    const d = decimalsFor(h > 0 ? h : Math.abs(shown(unit, f.difference)) / 100);
    const suffix = unitSuffix(unit, true);
    const { ratio, text } = ratioText(f.pairedHalfWidth, f.unpairedHalfWidth);
    const verdict = f.difference - f.pairedHalfWidth > 0 ? 'higher' : f.difference + f.pairedHalfWidth < 0 ? 'lower' : 'same';
    return [
      {
        figure: id,
        label,
        unit,
        a: withInterval(f.a.mean, f.a.halfWidth, unit),
        b: withInterval(f.b.mean, f.b.halfWidth, unit),
        aParts: intervalParts(f.a.mean, f.a.halfWidth, unit),
        bParts: intervalParts(f.b.mean, f.b.halfWidth, unit),
        difference: withInterval(f.difference, f.pairedHalfWidth, unit, { sign: true, difference: true }),
        paired: `± ${number(h, d)}${suffix}`,
        unpaired: `± ${number(shown(unit, f.unpairedHalfWidth), d)}${suffix}`,
        ratio,
        narrower: text,
        verdict,
        raw: f,
      },
    ];
  });
}

/** The sentence under the table: pairing's gain on the first figure that has one. */
export function pairingSentence(rows: readonly DifferenceRow[], pairs: number): string {
  const row = rows.find((r) => r.ratio !== null);
  if (row === undefined) return `${pairs} pairs of runs on common random numbers.`;
  const how = row.ratio! >= 1 ? `${row.narrower}` : `${row.narrower} (pairing did not help here)`;
  return (
    `A and B ran the same ${pairs} seeds, so each pair saw the same arrivals and service draws wherever the designs agree: ` +
    `the interval of B − A for ${row.label.toLowerCase()} from the pairs is ${row.paired}, ${how} than the ${row.unpaired} ` +
    `that as many independent runs would give.`
  );
}
