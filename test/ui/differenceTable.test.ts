/** The A/B difference table's words: rounding to the interval, signs, units, the ratio of widths. */
import { describe, expect, it } from 'vitest';
import { decimalsFor, differenceRows, pairingSentence, ratioText, withInterval } from '../../src/ui/compare/differenceTable';
import type { FigureComparison, PairedComparison } from '../../src/worker/compareProtocol';

const fig = (figure: string, a: number, b: number, paired: number, unpaired: number, ha = 0.1, hb = 0.1): FigureComparison => ({
  figure,
  a: { mean: a, halfWidth: ha },
  b: { mean: b, halfWidth: hb },
  difference: b - a,
  pairedHalfWidth: paired,
  unpairedHalfWidth: unpaired,
});

const comparison: PairedComparison = {
  replications: 10,
  seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  figures: [
    fig('latencyMs.mean', 12.3456, 13.5678, 0.0432, 0.6123, 0.41, 0.5),
    fig('latencyMs.p50', 9, 9.5, 0.1, 0.2),
    fig('latencyMs.p99', 60.12, 58.01, 3.3, 4.1, 2, 3),
    fig('throughputRps', 399.87, 399.87, 0, 2.34, 1.7, 1.7),
    fig('errorRate', 0, 0, 0, 0, 0, 0),
  ],
};

describe('rounding to the interval', () => {
  it('keeps two significant digits of the half-width', () => {
    expect(decimalsFor(0.0432)).toBe(3);
    expect(decimalsFor(0.61)).toBe(2);
    expect(decimalsFor(3.3)).toBe(1);
    expect(decimalsFor(41)).toBe(0);
    expect(decimalsFor(1234)).toBe(0);
    expect(decimalsFor(0)).toBe(2);
  });

  it('writes a value and its interval with a unit, signed for differences', () => {
    expect(withInterval(12.3456, 0.41, 'ms')).toBe('12.35 ± 0.41 ms');
    expect(withInterval(1.2222, 0.0432, 'ms', { sign: true, difference: true })).toBe('+1.222 ± 0.043 ms');
    expect(withInterval(-2.11, 3.3, 'ms', { sign: true, difference: true })).toBe('−2.1 ± 3.3 ms');
    expect(withInterval(1234.5, 12, 'rps')).toBe('1,235 ± 12 rps');
    // The error rate is a fraction, shown as a percentage; a difference of rates in points.
    expect(withInterval(0.0123, 0.0011, '%')).toBe('1.23 ± 0.11%');
    expect(withInterval(-0.004, 0.001, '%', { sign: true, difference: true })).toBe('−0.40 ± 0.10 pp');
  });
});

describe('the difference table', () => {
  const rows = differenceRows(comparison);

  it('has the headline figures in order, p50 left to the charts', () => {
    expect(rows.map((r) => r.label)).toEqual(['Mean latency', 'p99 latency', 'Throughput', 'Error rate']);
  });

  it('gives B − A with its paired interval, and the unpaired width beside it', () => {
    const mean = rows[0];
    expect(mean.a).toBe('12.35 ± 0.41 ms');
    expect(mean.b).toBe('13.57 ± 0.50 ms');
    expect(mean.difference).toBe('+1.222 ± 0.043 ms');
    expect(mean.paired).toBe('± 0.043 ms');
    expect(mean.unpaired).toBe('± 0.612 ms');
    expect(mean.ratio).toBeCloseTo(0.6123 / 0.0432, 12);
    expect(mean.narrower).toBe('14× narrower');
    expect(mean.verdict).toBe('higher');
    expect(rows[1].verdict).toBe('same');
    expect(rows[1].narrower).toBe('1.2× narrower');
  });

  it('says why there is no ratio when the paired interval has no width', () => {
    expect(rows[2].ratio).toBeNull();
    expect(rows[2].narrower).toBe('exact: every pair moved by the same amount');
    expect(rows[3].narrower).toBe('no spread in any run');
    expect(rows[3].difference).toBe('0.00 ± 0.00 pp');
  });

  it('says when pairing made it wider', () => {
    expect(ratioText(2, 1)).toEqual({ ratio: 0.5, text: '2.0× wider' });
  });

  it('puts pairing’s gain in a sentence with both widths', () => {
    expect(pairingSentence(rows, 10)).toBe(
      'A and B ran the same 10 seeds, so each pair saw the same arrivals and service draws wherever the designs agree: ' +
        'the interval of B − A for mean latency from the pairs is ± 0.043 ms, 14× narrower than the ± 0.612 ms that as many independent runs would give.',
    );
  });
});
