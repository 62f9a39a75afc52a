import { describe, expect, it } from 'vitest';
import { nodeReport } from '../../src/engine';
import { formatFigure, nodeResults, wordsOf } from '../../src/ui/inspector/nodeResults';
import { build } from '../helpers';

describe('a node\'s results in words', () => {
  it('names fields in words and formats them by their unit', () => {
    expect(wordsOf('staleReads')).toBe('stale reads');
    expect(wordsOf('poolWaitMs')).toBe('pool wait');
    expect(formatFigure('poolWaitMs', 12.345)).toBe('12.3 ms');
    expect(formatFigure('hitRate', 0.5561)).toBe('55.6%');
    expect(formatFigure('lostWrites', 12345)).toBe('12,345');
  });

  it('shows every figure a cache and a database report, lists as tables, station figures only where they mean something', () => {
    const sim = build({
      seed: 2,
      durationMs: 3000,
      warmupMs: 0,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 300, writeFraction: 0.2, keys: { count: 500, distribution: 'zipf', exponent: 0.9 } } },
        { id: 'redis', kind: 'cache', config: { capacity: 100, strategy: 'write-back', flushDelayMs: 5000 } },
        { id: 'pg', kind: 'database', config: { shards: 2, readReplicas: 1 } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'redis' },
        { id: 'e2', from: 'redis', to: 'pg' },
      ],
    });
    sim.runToEnd();
    const report = sim.report();
    const cache = nodeReport(report, 'redis', 'cache');
    const shown = nodeResults(cache as unknown as Record<string, unknown>, { station: false });
    const byKey = new Map(shown.rows.map((r) => [r.key, r.text]));
    for (const key of ['hits', 'misses', 'evictions', 'staleReads', 'lostWrites']) {
      expect(byKey.get(key), key).toBe(formatFigure(key, cache[key as keyof typeof cache] as number));
    }
    expect(byKey.get('hitRate')).toBe(`${(cache.hitRate * 100).toFixed(1)}%`);
    expect(byKey.has('utilization')).toBe(false);
    expect(cache.hits).toBeGreaterThan(0);

    const db = nodeReport(report, 'pg', 'database');
    const dbShown = nodeResults(db as unknown as Record<string, unknown>, { station: true });
    const shards = dbShown.tables.find((t) => t.key === 'shards')!;
    expect(shards.rows).toHaveLength(2);
    expect(shards.columns).toContain('reads');
    expect(shards.rows[0][shards.columns.indexOf('reads')]).toBe(formatFigure('reads', db.shards[0].reads));
  });

  it('caps a long list and says how many more', () => {
    const instances = Array.from({ length: 40 }, (_, i) => ({ served: i, up: true }));
    const t = nodeResults({ kind: 'server', instances }, { station: true }).tables[0];
    expect(t.rows).toHaveLength(12);
    expect(t.more).toBe(28);
  });
});
