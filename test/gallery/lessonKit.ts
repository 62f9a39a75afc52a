/**
 * What the lesson checks share: a comparison that names what it compares, statistics over
 * replications of an entry's document, typed access to the report, and the node figures of
 * a stretch of simulated time as the canvas shows them.
 */
import { expect } from 'vitest';
import { nodeReport, type NodeFrame } from '../../src/engine';
import type { ScenarioInput } from '../../src/model';
import type { GalleryEntry } from '../../src/model/gallery';
import { replicate, seeds } from '../helpers';
import { observe, type Observation } from './observe';

export type Lesson = (entry: GalleryEntry) => void;

export const within = (actual: number, expected: number, tolerance: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);

export const REPLICATIONS = 8;

const seedOf = (document: ScenarioInput) => (typeof document.seed === 'number' ? document.seed : 1);

/**
 * A run of a document, observed once per seed: checks that read several statistics of the
 * same replications share them (the documents are constants, and nothing mutates a run).
 */
const runs = new WeakMap<ScenarioInput, Map<number, Observation>>();
export function observed(document: ScenarioInput, seed = seedOf(document)): Observation {
  let bySeed = runs.get(document);
  if (bySeed === undefined) runs.set(document, (bySeed = new Map()));
  let o = bySeed.get(seed);
  if (o === undefined) bySeed.set(seed, (o = observe(document, { seed })));
  return o;
}

/** A statistic over replications of a document (seeds from the entry's own). */
export function replicated(entry: GalleryEntry, stat: (o: Observation) => number, document = entry.document, n = REPLICATIONS) {
  return replicate(seeds(n, seedOf(document)), (seed) => stat(observed(document, seed)));
}

export const node = (o: Observation, id: string) => o.report.nodes[id];
export const server = (o: Observation, id: string) => nodeReport(o.report, id, 'server');
export const edge = (o: Observation, id: string) => o.report.edges[id];

type Figure = Exclude<{ [K in keyof NodeFrame]: NodeFrame[K] extends number | undefined ? K : never }[keyof NodeFrame], undefined>;

const binsIn = (o: Observation, fromMs: number, toMs: number) => o.bins.filter((b) => b.fromMs >= fromMs && b.toMs <= toMs);

/** A node's figure summed over the bins of [fromMs, toMs) (counts: arrivals, hits, misses). */
export function nodeSum(o: Observation, id: string, figure: Figure, fromMs: number, toMs: number): number {
  return binsIn(o, fromMs, toMs).reduce((sum, b) => sum + (b.nodes[id][figure] ?? 0), 0);
}

/** A node's figure averaged over the bins of [fromMs, toMs) (utilisation). */
export function nodeMean(o: Observation, id: string, figure: Figure, fromMs: number, toMs: number): number {
  const bins = binsIn(o, fromMs, toMs);
  return bins.reduce((sum, b) => sum + (b.nodes[id][figure] ?? 0), 0) / bins.length;
}

/** A node's figure at its largest over the bins of [fromMs, toMs) (queue length, depth). */
export function nodeMax(o: Observation, id: string, figure: Figure, fromMs = 0, toMs = Infinity): number {
  return Math.max(...binsIn(o, fromMs, toMs).map((b) => b.nodes[id][figure] ?? 0));
}

/** The most of a count a node saw in any `spanBins` consecutive bins. */
export function maxOverSpan(o: Observation, id: string, figure: Figure, spanBins: number): number {
  const counts = o.bins.map((b) => b.nodes[id][figure] ?? 0);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < counts.length; i++) {
    sum += counts[i];
    if (i >= spanBins) sum -= counts[i - spanBins];
    max = Math.max(max, sum);
  }
  return max;
}
