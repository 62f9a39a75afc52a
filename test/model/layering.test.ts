import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file of the model. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the model stands alone', () => {
  // The engine (Node and Web Worker), the CLI and the UI all load the model,
  // so it may depend on nothing but zod, fflate (the share-link codec) and itself.
  it('imports only zod, fflate and its own files', () => {
    const files = sources(join(__dirname, '../../src/model'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) {
        const allowed = spec === 'zod' || spec === 'fflate' || (spec.startsWith('.') && !/\.\.\/(\.\.\/)?(engine|ui|worker|cli)/.test(spec));
        expect(allowed, `${file} imports ${spec}`).toBe(true);
      }
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/(?<![\w-])(window|document|localStorage|navigator)\s*[.[]/);
    }
  });
});
