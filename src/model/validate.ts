/**
 * The entry point for every document from outside: migrate it, validate it
 * against the schema, and report every invalid field at once.
 */
import { DOCUMENT_PATH, formatErrors, issueMessage, toFieldErrors, type FieldError } from './errors';
import { findForbiddenKeys } from './forbiddenKeys';
import { findJsonSyntaxError } from './jsonSyntax';
import { migrateDocument } from './migrations';
import { escapeInvisible } from './printable';
import { scenarioSchema, type Scenario } from './scenario';

export { formatErrors, type FieldError };

export type ParseResult =
  | { ok: true; scenario: Scenario; /** The version the document was migrated from, if it was. */ migratedFrom?: number }
  | { ok: false; errors: FieldError[] };

/** Validates a parsed JSON value as a scenario document of any published version. */
export function parseScenario(input: unknown): ParseResult {
  const forbidden = findForbiddenKeys(input);
  if (forbidden.length > 0) return { ok: false, errors: forbidden };
  const migrated = migrateDocument(input);
  if (!migrated.ok) {
    const { error } = migrated;
    // Without a usable version the document can still be checked as the
    // current version, so the user sees every other problem too.
    const versionless = error.path === 'version' && typeof (input as { version?: unknown }).version !== 'number';
    if (!versionless) return { ok: false, errors: [error] };
    const rest = validate(input);
    return { ok: false, errors: [error, ...(rest.ok ? [] : rest.errors.filter((e) => e.path !== 'version'))] };
  }
  const result = validate(migrated.doc);
  if (result.ok && migrated.applied.length > 0) return { ...result, migratedFrom: migrated.fromVersion };
  return result;
}

function validate(doc: unknown): ParseResult {
  const parsed = scenarioSchema.safeParse(doc, { error: issueMessage });
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return { ok: false, errors: inDocumentOrder(dedupe(toFieldErrors(parsed.error.issues))).map(asText) };
}

/**
 * Messages are text: user strings are quoted with `quote` where each message is made; this
 * is the net under every message, so no control character reaches a terminal or the page.
 */
function asText(e: FieldError): FieldError {
  return { path: escapeInvisible(e.path), message: escapeInvisible(e.message) };
}

/** One field can fail two checks with the same words (0.5 for an integer ≥ 1); say it once. */
function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SECTIONS = ['version', 'name', 'description', 'seed', 'durationMs', 'warmupMs', 'nodes', 'edges', 'faults'];

/**
 * Sorts errors by where they are in the document (top-level field, then
 * list index) so a list of problems reads top to bottom; the sort is stable,
 * so errors within one node keep the schema's order.
 */
function inDocumentOrder(errors: FieldError[]): FieldError[] {
  const rank = (e: FieldError): [number, number] => {
    const match = /^([A-Za-z_$][\w$]*)(?:\[(\d+)\])?/.exec(e.path);
    const section = match ? SECTIONS.indexOf(match[1]) : -1;
    return [section === -1 ? SECTIONS.length : section, match?.[2] === undefined ? -1 : Number(match[2])];
  };
  return errors
    .map((error, order) => ({ error, order, rank: rank(error) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.order - b.order)
    .map((entry) => entry.error);
}

/** Parses JSON text (a file, a paste) and validates it. */
export function parseScenarioText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = findJsonSyntaxError(text);
    const detail = text.trim() === ''
      ? 'the text is empty'
      : where
        ? `${where.reason} at line ${where.line}, column ${where.column}`
        : 'it cannot be read';
    return { ok: false, errors: [{ path: DOCUMENT_PATH, message: `is not valid JSON: ${detail}` }] };
  }
  return parseScenario(value);
}
