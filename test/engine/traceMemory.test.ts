/**
 * Memory stays flat over an hour of simulated time with tracing on (SPEC §1 "Bounded"):
 * the heap, measured after full collections in a Node of its own, does not grow after the
 * first twelfth of the run, when the rings of kept traces have filled.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('tracing over an hour-long run', () => {
  it('keeps the heap flat', () => {
    const root = resolve(__dirname, '../..');
    const p = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/engine/traceMemoryRun.ts', '1000'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(p.stderr).toBe('');
    const out = JSON.parse(p.stdout) as { heapMB: number[]; requests: number; sampled: number; slowest: number };
    expect(out.requests).toBeGreaterThan(3_500_000);
    expect(out.sampled).toBe(100);
    expect(out.slowest).toBe(101); // the ring's 100 and the current window's
    const settled = out.heapMB.slice(1);
    const growth = Math.max(...settled) - Math.min(...settled);
    expect(growth, `heap after each twelfth of the hour: ${out.heapMB.map((m) => m.toFixed(1)).join(' ')} MB`).toBeLessThan(2);
  }, 300_000);
});
