/**
 * A/B comparison on common random numbers. Designs A and B run over the same seeds; every
 * component draws from its own (seed, node id) stream, so the parts the designs share see
 * the same arrivals, keys and service draws in both, and the difference of each pair of runs
 * holds little but the effect of the change. The interval of the mean difference from those
 * pairs is then far narrower than from independent runs (Welch's interval, given beside it
 * for comparison).
 */
import type { Scenario } from '../../model';
import type { Report } from '../api';
import { runScenario } from './experiment';
import { figureOf, HEADLINE_FIGURES } from './figures';
import { meanInterval, studentTQuantile } from './studentT';

export interface FigureComparison {
  /** The figure's path (see figures.ts). */
  figure: string;
  a: { mean: number; halfWidth: number };
  b: { mean: number; halfWidth: number };
  /** mean(B) − mean(A). */
  difference: number;
  /** Half-width of the 95% interval of the difference from the paired runs (t with n − 1 df). */
  pairedHalfWidth: number;
  /** Half-width of the 95% interval of the difference had the runs been independent (Welch). */
  unpairedHalfWidth: number;
}

export interface PairedComparison {
  /** Pairs of runs (replications). */
  replications: number;
  /** The seeds, in order: pair i ran A and B with seeds[i]. */
  seeds: number[];
  figures: FigureComparison[];
}

/**
 * Welch's 95% half-width for the difference of two independent means: t(0.975, ν)·√(sA²/nA +
 * sB²/nB), ν by Welch–Satterthwaite. 0 when both samples are constant.
 */
export function welchHalfWidth(sdA: number, nA: number, sdB: number, nB: number): number {
  const va = (sdA * sdA) / nA;
  const vb = (sdB * sdB) / nB;
  const v = va + vb;
  if (v === 0) return 0;
  const df = (v * v) / ((va * va) / (nA - 1) + (vb * vb) / (nB - 1));
  return studentTQuantile(0.975, df) * Math.sqrt(v);
}

/** Compares two designs' reports pair by pair (reportsA[i] and reportsB[i] ran the same seed). */
export function pairedComparison(
  reportsA: readonly Report[],
  reportsB: readonly Report[],
  figures: readonly string[] = HEADLINE_FIGURES.map((f) => f.id),
): PairedComparison {
  const n = reportsA.length;
  if (n < 2 || reportsB.length !== n) throw new RangeError(`pairedComparison: ${n} and ${reportsB.length} reports; it needs two equal lists of at least 2`);
  for (let i = 0; i < n; i++) {
    if (reportsA[i].seed !== reportsB[i].seed) throw new Error(`pairedComparison: pair ${i + 1} ran seeds ${reportsA[i].seed} and ${reportsB[i].seed}`);
  }
  return {
    replications: n,
    seeds: reportsA.map((r) => r.seed),
    figures: figures.map((figure) => {
      const a = reportsA.map((r) => figureOf(r, figure));
      const b = reportsB.map((r) => figureOf(r, figure));
      const ma = meanInterval(a);
      const mb = meanInterval(b);
      const d = meanInterval(b.map((v, i) => v - a[i]));
      return {
        figure,
        a: { mean: ma.mean, halfWidth: ma.halfWidth },
        b: { mean: mb.mean, halfWidth: mb.halfWidth },
        difference: mb.mean - ma.mean,
        pairedHalfWidth: d.halfWidth,
        unpairedHalfWidth: welchHalfWidth(ma.sd, n, mb.sd, n),
      };
    }),
  };
}

export interface CompareOptions {
  /** Pairs of runs, at least 2. */
  replications: number;
  /** The first seed (default A's); B runs the very same seeds whatever its own says. */
  seed?: number;
  durationMs?: number;
  figures?: readonly string[];
}

/** Runs A and B here over the same seeds and compares them (a host may instead run the pairs in parallel and call {@link pairedComparison}). */
export function compareDesigns(a: Scenario, b: Scenario, options: CompareOptions): PairedComparison {
  const seed = options.seed ?? a.seed;
  const ra: Report[] = [];
  const rb: Report[] = [];
  for (let i = 0; i < options.replications; i++) {
    ra.push(runScenario(a, seed + i, options.durationMs));
    rb.push(runScenario(b, seed + i, options.durationMs));
  }
  return pairedComparison(ra, rb, options.figures);
}
