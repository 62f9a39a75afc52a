/**
 * The lesson of "Retried writes apply twice, until idempotency keys" (one row of LESSONS in
 * lessons.test.ts). While the database is five times slower, an attempt outlasts the 150 ms
 * timeout when the API's service S (exponential, 2 ms) and the write W (exponential, 75 ms)
 * take more than 150 − 4 ms of network: p = P(S + W > 146) = (75e^(−146/75) − 2e^(−146/2)) / 73.
 * Nothing waits for a connection (15 of 30 busy), so every attempt commits: the ~2,000 orders
 * of the slow spell are written 1 + p + p² times on average.
 */
import { expect } from 'vitest';
import { nodeReport } from '../../src/engine';
import type { GalleryEntry } from '../../src/model/gallery';
import { replicate, seeds } from '../helpers';
import { observe, tried } from './observe';

const within = (actual: number, expected: number, tolerance: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);

export function duplicateWritesLesson(entry: GalleryEntry): void {
  const db = (document = entry.document, durationMs?: number) => {
    const o = observe(document, { durationMs });
    return { ...nodeReport(o.report, 'db', 'database'), report: o.report };
  };
  // Until the slow spell, nothing times out and nothing is written twice.
  const before = db(entry.document, 19_000);
  expect(before.report.edges.orders.timeouts).toBe(0);
  expect(before.duplicateWrites).toBe(0);

  const plain = db();
  const retries = plain.report.edges.orders.retries;
  expect(plain.duplicateWrites).toBeGreaterThan(200);
  // Every retried order had its first attempt applied (none ever waits in the pool); only a
  // retry still running at the end is not a duplicate yet.
  expect(plain.poolTimeouts).toBe(0);
  expect(plain.duplicateWrites).toBeLessThanOrEqual(retries);
  expect(plain.duplicateWrites).toBeGreaterThanOrEqual(retries - 5);
  // Every shopper got an answer, and nearly all an ok: the duplicates are silent.
  expect(plain.report.requests.ok).toBeGreaterThan(0.999 * plain.report.requests.generated);

  const p = (75 * Math.exp(-146 / 75) - 2 * Math.exp(-146 / 2)) / 73;
  const expected = 2000 * (p + p * p);
  const first = typeof entry.document.seed === 'number' ? entry.document.seed : 1;
  const dups = replicate(seeds(8, first), (seed) => nodeReport(observe(entry.document, { seed }).report, 'db', 'database').duplicateWrites);
  // Four standard errors, and 3% for the spell's edges (attempts that straddle 20 s or 30 s).
  within(dups.mean, expected, 4 * dups.se + 0.03 * expected, 'orders written twice during the slow spell');

  // With keys: the same run (same retries), nothing written twice, the repeats recognised.
  const keyed = db(tried(entry));
  expect(keyed.report.edges.orders.retries).toBe(retries);
  expect(keyed.duplicateWrites).toBe(0);
  expect(keyed.writesDeduplicated).toBe(plain.duplicateWrites);
  expect(plain.writesApplied - keyed.writesApplied).toBe(plain.duplicateWrites);
}
