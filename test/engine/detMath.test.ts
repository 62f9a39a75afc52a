/**
 * The engine's own log and exp are fdlibm's: on Node, whose V8 implements Math.log and
 * Math.exp with the same fdlibm ports, they agree bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { exp, log, pow } from '../../src/engine/core/detMath';
import { streamFor } from '../../src/engine/core/rng';

describe('deterministic math', () => {
  const rng = streamFor(1, 'math', 'test');
  const samples = (n: number, f: () => number) => Array.from({ length: n }, f);

  it('log matches fdlibm bit for bit over many magnitudes', () => {
    const xs = [
      ...samples(200_000, () => rng.next()),
      ...samples(100_000, () => Math.exp((rng.next() - 0.5) * 1400)),
      ...samples(50_000, () => 1 + (rng.next() - 0.5) * 1e-6),
      1, 2, 0.5, 1e-310, 5e-324, Number.MAX_VALUE, Math.E,
    ];
    let mismatches = 0;
    for (const x of xs) if (!Object.is(log(x), Math.log(x))) mismatches++;
    expect(mismatches).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
  });

  it('exp matches fdlibm bit for bit, including the edges of its range', () => {
    const xs = [
      ...samples(200_000, () => (rng.next() - 0.5) * 40),
      ...samples(100_000, () => (rng.next() - 0.5) * 1490),
      ...samples(20_000, () => (rng.next() - 0.5) * 1e-9),
      0, -0, 1, -1, 0.3465, 1.03972, 709.7, -745, -744.4, -708.5, 709.79, 800, -800,
    ];
    let mismatches = 0;
    for (const x of xs) if (!Object.is(exp(x), Math.exp(x))) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('pow is within a few ulp of Math.pow', () => {
    for (let i = 0; i < 10_000; i++) {
      const x = 1 + rng.next() * 1e5;
      const y = (rng.next() - 0.5) * 6;
      expect(Math.abs(pow(x, y) / Math.pow(x, y) - 1)).toBeLessThan(1e-12);
    }
  });
});
