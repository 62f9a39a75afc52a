/**
 * Document migrations. Every version of the document that was ever
 * published keeps loading: each migration lifts a document one version, and
 * `migrateDocument` runs them in order from the document's own version.
 */
import { cloneJson } from './cloneJson';
import type { FieldError } from './errors';
import { CURRENT_VERSION } from './scenario';

export { CURRENT_VERSION };

/** A raw (not yet validated) JSON document. */
export type RawDocument = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  /** Says what changed, e.g. "rename server.workers to concurrency". */
  name: string;
  /** Returns the document in the `to` format. Need not set `version`; the runner does. */
  up(doc: RawDocument): RawDocument;
}

/**
 * The published migrations, oldest first. Empty: version 1 is the first
 * published format. To change the format, bump CURRENT_VERSION and append a
 * migration `{ from: n, to: n + 1, ... }`; never edit one already published.
 */
export const MIGRATIONS: readonly Migration[] = [];

export type MigrationResult =
  | { ok: true; doc: RawDocument; fromVersion: number; applied: string[] }
  | { ok: false; error: FieldError };

function isObject(value: unknown): value is RawDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings `doc` to `currentVersion` by running, in order, every migration
 * from its version on. The input is not modified. Refuses a document without
 * a version, or one made by a newer app.
 */
export function migrateDocument(
  doc: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
  currentVersion: number = CURRENT_VERSION,
): MigrationResult {
  if (!isObject(doc)) {
    return { ok: false, error: { path: '(document)', message: 'must be a JSON object' } };
  }
  const version = doc.version;
  if (version === undefined) return { ok: false, error: { path: 'version', message: 'is required' } };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: { path: 'version', message: 'must be an integer ≥ 1' } };
  }
  if (version > currentVersion) {
    return {
      ok: false,
      error: {
        path: 'version',
        message: `made by a newer archsim (version ${version}); this app reads up to version ${currentVersion}`,
      },
    };
  }
  let current: RawDocument = doc;
  const applied: string[] = [];
  for (let v = version; v < currentVersion; ) {
    const step = migrations.find((m) => m.from === v);
    if (!step || step.to <= v) {
      return { ok: false, error: { path: 'version', message: `version ${v} cannot be read by this app` } };
    }
    current = { ...step.up(cloneJson(current)), version: step.to };
    applied.push(step.name);
    v = step.to;
  }
  return { ok: true, doc: current, fromVersion: version, applied };
}
