/**
 * `--sweep PATH=FROM:TO:STEP` (SPEC §4.1): one numeric field of the document, named by a
 * dotted path (`nodes.web.config.replicas`, `edges.e2.config.timeoutMs`, `durationMs`),
 * takes each value of a range. Nodes and edges are named by id, other lists by index
 * (`faults.0.atMs`). Each point is a whole document, validated like any other.
 */
import { parseScenario, quote, type FieldError, type Scenario } from '../../model';
import { cloneJson } from '../../model/cloneJson';

export interface SweepSpec {
  path: string;
  from: number;
  to: number;
  step: number;
}

/** The most points one sweep may have. */
export const MAX_SWEEP_POINTS = 1000;

export type SweepParse = { ok: true; spec: SweepSpec } | { ok: false; message: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Reads `PATH=FROM:TO:STEP`. */
export function parseSweep(text: string): SweepParse {
  const fail = (why: string): SweepParse => ({ ok: false, message: `--sweep: ${why}, got ${quote(text, 200)}` });
  const eq = text.lastIndexOf('=');
  if (eq <= 0) return fail('must be PATH=FROM:TO:STEP (for example nodes.users.config.rps=100:900:100)');
  const path = text.slice(0, eq);
  const parts = text.slice(eq + 1).split(':');
  if (parts.length !== 3 || !parts.every((p) => NUMBER.test(p.trim()))) return fail('FROM:TO:STEP must be three numbers');
  const [from, to, step] = parts.map(Number);
  if (![from, to, step].every(Number.isFinite)) return fail('FROM:TO:STEP must be finite numbers');
  if (path.split('.').some((s) => s === '')) return fail('PATH is a dotted path of names (nodes.web.config.replicas)');
  if (step === 0) return fail('STEP must not be 0');
  if ((to - from) * step < 0) return fail(`STEP must go from FROM towards TO (${step > 0 ? 'FROM ≤ TO' : 'FROM ≥ TO'})`);
  const spec = { path, from, to, step };
  const count = pointCount(spec);
  if (count > MAX_SWEEP_POINTS) return fail(`at most ${MAX_SWEEP_POINTS} points, this range has ${count}`);
  return { ok: true, spec };
}

function pointCount(spec: SweepSpec): number {
  // A hair of slack so 0.1:0.3:0.1 has its last point despite binary fractions.
  return Math.floor((spec.to - spec.from) / spec.step + 1e-9) + 1;
}

/** The values of a sweep, FROM first, TO included when the steps land on it. */
export function sweepValues(spec: SweepSpec): number[] {
  const n = pointCount(spec);
  const values: number[] = [];
  // from + k·step, rounded to 12 significant digits: 0.1 + 2 × 0.1 is 0.3, not 0.30000000000000004.
  for (let k = 0; k < n; k++) values.push(Number((spec.from + k * spec.step).toPrecision(12)));
  return values;
}

/** Lists whose elements are named by their `id` in a path; other lists by index. */
const BY_ID = new Set(['nodes', 'edges']);

/**
 * Sets the number at `path` in `doc` (a JSON tree, changed in place); an error message when
 * the path leads nowhere or names something other than a number (null counts: an unset
 * `timeoutMs` is a number to be).
 */
export function setAtPath(doc: unknown, path: string, value: number): string | null {
  const segments = path.split('.');
  let cur: unknown = doc;
  let where = '';
  for (let i = 0; i < segments.length - 1; i++) {
    const s = segments[i];
    where = where ? `${where}.${s}` : s;
    const parent = where.includes('.') ? where.slice(0, where.lastIndexOf('.')) : '';
    if (Array.isArray(cur)) {
      const list = cur as unknown[];
      const byId = BY_ID.has(parent);
      const next = byId
        ? list.find((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === s)
        : /^\d+$/.test(s) && Number(s) < list.length
          ? list[Number(s)]
          : undefined;
      if (next === undefined) {
        return byId ? `${quote(parent || s)} has no element with id ${quote(s)}` : `${quote(parent)} has no element ${quote(s)} (name list elements by index)`;
      }
      cur = next;
    } else if (typeof cur === 'object' && cur !== null && Object.prototype.hasOwnProperty.call(cur, s)) {
      cur = (cur as Record<string, unknown>)[s];
    } else {
      return `the document has no ${quote(where)}`;
    }
    if (typeof cur !== 'object' || cur === null) {
      return `${quote(where)} is ${JSON.stringify(cur)}, not an object with fields (the path goes on past it)`;
    }
  }
  const last = segments[segments.length - 1];
  if (Array.isArray(cur)) return `${quote(where)} is a list; name one of its elements`;
  const holder = cur as Record<string, unknown>;
  const current = Object.prototype.hasOwnProperty.call(holder, last) ? holder[last] : undefined;
  if (current !== undefined && current !== null && typeof current !== 'number') {
    const hint = typeof current === 'object' && !Array.isArray(current) ? ` (name a number inside it, e.g. ${path}.${Object.keys(current).find((k) => typeof (current as Record<string, unknown>)[k] === 'number') ?? '…'})` : '';
    return `${quote(path)} is not a number but ${JSON.stringify(current).slice(0, 80)}${hint}`;
  }
  Object.defineProperty(holder, last, { value, writable: true, enumerable: true, configurable: true });
  return null;
}

export type PointResult = { ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] };

/**
 * The document of one sweep point: `scenario` (with its defaults filled in, so every field
 * has a value to vary) with `path` set to `value`, validated like any document
 */
export function sweepPoint(scenario: Scenario, path: string, value: number): PointResult {
  const doc = cloneJson(scenario) as unknown;
  const wrong = setAtPath(doc, path, value);
  if (wrong !== null) return { ok: false, errors: [{ path, message: wrong }] };
  const parsed = parseScenario(doc);
  return parsed.ok ? { ok: true, scenario: parsed.scenario } : { ok: false, errors: parsed.errors };
}
