import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(__dirname, '../../src');

/** Every module `file` loads at run time (type-only imports left out), transitively, inside src. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) {
    if (m[1] !== undefined || !m[2].startsWith('.')) continue;
    const base = normalize(join(dirname(file), m[2]));
    const candidates = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
    const next = candidates.find((c) => {
      try {
        readFileSync(c);
        return true;
      } catch {
        return false;
      }
    });
    if (next !== undefined) runtimeImports(next, seen);
  }
  return seen;
}

describe('the page’s side of the experiment pool', () => {
  // The pool gathers reports on the page; the engine runs only in its workers. Its modules may
  // load the pure statistics (collector, aggregate, figures, threshold, Student t, sweep values)
  // but nothing that builds a simulation.
  it('loads no simulation, component or runtime of the engine', () => {
    for (const entry of ['worker/experimentPool.ts', 'worker/experimentFigures.ts', 'worker/connectExperiments.ts', 'ui/sweep/SweepDialog.tsx', 'ui/theory/TheoryDialog.tsx']) {
      const loaded = [...runtimeImports(join(src, entry))].map((f) => f.slice(src.length + 1));
      const engine = loaded.filter((f) => f.startsWith('engine/'));
      expect(engine.length, entry).toBeGreaterThan(0);
      for (const f of engine) expect(f, `${entry} loads ${f}`).toMatch(/^engine\/(experiments\/(collector|aggregate|figures|threshold|studentT|sweep)\.ts|core\/detMath\.ts)$/);
    }
  });
});
