import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the theory predictions stand on the model and the formulas', () => {
  // The app shows them on the page as well as in a worker: they must not pull the engine in
  // (types of its report excepted), nor React, the DOM or Node.
  it('import only the model, the theory, their own files, and the engine’s types', () => {
    const dir = join(__dirname, '../../src/predict');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) {
        const [, , typeOnly, spec] = m;
        const ok = /^\.\/\w+$/.test(spec) || spec === '../model' || spec === '../theory' || (spec === '../engine' && typeOnly !== undefined);
        expect(ok, `${file}: ${m[0]}`).toBe(true);
      }
    }
  });
});
