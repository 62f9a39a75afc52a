/**
 * The engine runs headless: in Node, in a worker, in the CLI. It imports nothing from React,
 * the DOM or the worker, and never reads a wall clock.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('react', () => {
  throw new Error('the engine must not load React');
});
vi.mock('react-dom', () => {
  throw new Error('the engine must not load react-dom');
});

const root = resolve(__dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('the engine is headless', () => {
  it('imports only itself, the model, zod, fflate (the share-link codec) and example documents', () => {
    for (const dir of ['src/engine', 'src/model']) {
      for (const file of files(join(root, dir))) {
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
          const spec = m[1];
          const target = spec.startsWith('.') ? relative(root, resolve(file, '..', spec)) : spec;
          const allowed = target.startsWith('src/engine') || target.startsWith('src/model') || target === 'zod' || target === 'fflate' ||
            // Data, not code: the gallery imports the example documents.
            /^examples\/[\w-]+\.json$/.test(target);
          expect(allowed, `${relative(root, file)} imports ${spec}`).toBe(true);
        }
      }
    }
  });

  it('never reads a wall clock or touches the DOM', () => {
    for (const file of files(join(root, 'src/engine'))) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, relative(root, file)).not.toMatch(/Date\.now|performance\.now|new Date\(|setTimeout|setInterval|requestAnimationFrame|\bwindow\.|\bdocument\./);
    }
  });

  it('runs with React unavailable and no DOM', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const { createSimulation } = await import('../../src/engine');
    const { parseScenario } = await import('../../src/model');
    const parsed = parseScenario({
      version: 1,
      durationMs: 1000,
      nodes: [
        { id: 'c', kind: 'client' },
        { id: 's', kind: 'server' },
      ],
      edges: [{ id: 'e', from: 'c', to: 's' }],
    });
    if (!parsed.ok) throw new Error('fixture invalid');
    const sim = createSimulation(parsed.scenario);
    sim.runToEnd();
    expect(sim.report().requests.generated).toBeGreaterThan(50);
  });
});

describe('the engine is deterministic across JavaScript engines', () => {
  it('uses no implementation-approximated Math function (they differ between V8 builds)', () => {
    for (const file of files(join(root, 'src/engine'))) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, relative(root, file)).not.toMatch(/Math\.(log|log1p|log2|log10|exp|expm1|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|cbrt|hypot|random)\b/);
    }
  });
});
