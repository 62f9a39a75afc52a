/**
 * A sample of the fuzz target (`npm run fuzz` runs 10,000): hostile documents through the
 * parser, the cost model and the engine, each in a worker process under a wall-clock guard.
 * Any crash, hang, budget breach or broken promise fails the test and is listed.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary, runFuzz } from './harness';

describe('fuzz sample', () => {
  it('1,000 hostile documents: no crash, no hang, no budget breach, every promise kept', async () => {
    const summary = await runFuzz({ cases: 1000, seed: 20261127, workers: 2 });
    console.log(formatSummary(summary));
    expect(summary.findings.map((f) => `${f.what} — case ${f.index} (${f.kind}): ${f.detail.slice(0, 400)}`)).toEqual([]);
    expect(summary.tried).toBe(1000);
    // The sample reaches every stage: refusals of each sort, and real runs.
    expect(summary.refused.invalid).toBeGreaterThan(100);
    expect(summary.refused.notRunnable).toBeGreaterThan(10);
    expect(summary.run).toBeGreaterThan(100);
    for (const kind of ['mutant', 'extreme', 'syntax', 'proto', 'control', 'deep', 'numbers', 'bomb']) {
      expect(summary.byKind[kind]?.tried ?? 0).toBeGreaterThan(10);
    }
  }, 240_000);
});
