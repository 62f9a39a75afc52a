import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS, migrateDocument, parseScenario, type Migration } from '../../src/model';
import { example } from './fixtures';

/**
 * A pretend history for testing the mechanism: v1 called the server's
 * worker count `workers`; v2 renamed it to `concurrency`; v3 added `name`.
 */
const pretend: Migration[] = [
  {
    from: 1,
    to: 2,
    name: 'rename server workers to concurrency',
    up: (doc) => ({
      ...doc,
      nodes: (doc.nodes as any[]).map((n) => {
        if (n.kind !== 'server' || !n.config || !('workers' in n.config)) return n;
        const { workers, ...config } = n.config;
        return { ...n, config: { ...config, concurrency: workers } };
      }),
    }),
  },
  { from: 2, to: 3, name: 'add a name', up: (doc) => ({ name: 'Untitled', ...doc }) },
];

describe('migrations', () => {
  it('the published list is a chain that ends at the current version', () => {
    expect(CURRENT_VERSION).toBe(1);
    let version = 1;
    for (const m of MIGRATIONS) {
      expect(m.from).toBe(version);
      expect(m.to).toBe(version + 1);
      version = m.to;
    }
    expect(version).toBe(CURRENT_VERSION);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('runs every migration in order from the document version, and says which ran', () => {
    const v1 = { version: 1, nodes: [{ id: 's', kind: 'server', config: { workers: 8 } }] };
    const result = migrateDocument(v1, pretend, 3);
    expect(result).toEqual({
      ok: true,
      fromVersion: 1,
      applied: ['rename server workers to concurrency', 'add a name'],
      doc: { version: 3, name: 'Untitled', nodes: [{ id: 's', kind: 'server', config: { concurrency: 8 } }] },
    });
  });

  it('starts from the document version', () => {
    const result = migrateDocument({ version: 2, name: 'mine', nodes: [] }, pretend, 3);
    expect(result).toMatchObject({ ok: true, fromVersion: 2, applied: ['add a name'], doc: { version: 3, name: 'mine' } });
  });

  it('runs nothing for a current document', () => {
    expect(migrateDocument({ version: 3 }, pretend, 3)).toEqual({ ok: true, fromVersion: 3, applied: [], doc: { version: 3 } });
  });

  it('does not modify the input', () => {
    const v1 = { version: 1, nodes: [{ id: 's', kind: 'server', config: { workers: 8 } }] };
    const copy = structuredClone(v1);
    migrateDocument(v1, pretend, 3);
    expect(v1).toEqual(copy);
  });

  it('refuses a document from a newer app', () => {
    expect(migrateDocument({ version: 3 })).toEqual({
      ok: false,
      error: { path: 'version', message: 'made by a newer archsim (version 3); this app reads up to version 1' },
    });
    expect(parseScenario({ ...example(), version: 3 })).toEqual({
      ok: false,
      errors: [{ path: 'version', message: 'made by a newer archsim (version 3); this app reads up to version 1' }],
    });
  });

  it('refuses a document without a version, or with a nonsense one', () => {
    expect(migrateDocument({ nodes: [] })).toEqual({ ok: false, error: { path: 'version', message: 'is required' } });
    expect(migrateDocument({ version: '1' })).toEqual({ ok: false, error: { path: 'version', message: 'must be an integer ≥ 1' } });
    expect(migrateDocument({ version: 0 })).toEqual({ ok: false, error: { path: 'version', message: 'must be an integer ≥ 1' } });
    expect(migrateDocument({ version: 1.5 })).toEqual({ ok: false, error: { path: 'version', message: 'must be an integer ≥ 1' } });
    expect(parseScenario({ nodes: [] })).toEqual({ ok: false, errors: [{ path: 'version', message: 'is required' }] });
  });

  it('refuses a version that no migration leads on from', () => {
    const gap: Migration[] = [{ from: 2, to: 3, name: 'x', up: (d) => d }];
    expect(migrateDocument({ version: 1 }, gap, 3)).toEqual({
      ok: false,
      error: { path: 'version', message: 'version 1 cannot be read by this app' },
    });
  });

  it('parseScenario reports migratedFrom only when a migration ran', () => {
    const result = parseScenario(example());
    expect(result.ok && result.migratedFrom).toBe(undefined);
  });
});
