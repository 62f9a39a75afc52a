import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the theory stands alone', () => {
  // Tests, the CLI and the app may all show theory beside simulated numbers; it must not
  // drag the engine or anything else along.
  it('imports only its own files', () => {
    const dir = join(__dirname, '../../src/theory');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[\w]+$/);
      }
    }
  });
});
