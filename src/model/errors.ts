/**
 * Field-level errors: the one form in which every invalid input is reported
 * (`nodes[3].config.replicas: must be an integer ≥ 1`).
 */
import type { z } from 'zod';
import { QUOTE_LIMIT, quote } from './printable';

export interface FieldError {
  /** `nodes[3].config.replicas` style; "(document)" for the document as a whole. */
  path: string;
  message: string;
}

export const DOCUMENT_PATH = '(document)';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `["nodes", 3, "config", "paths", "/api"]` → `nodes[3].config.paths["/api"]`. A key that is
 * not a plain name is quoted as text (escaped, and cut when long).
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && segment.length <= QUOTE_LIMIT && IDENTIFIER.test(segment)) {
      out += out ? `.${segment}` : segment;
    }
    else out += `[${quote(segment)}]`;
  }
  return out || DOCUMENT_PATH;
}

/**
 * One line per error; with a `limit`, the first `limit` lines and then how many more there
 * are (a document of a million broken nodes gives a readable answer).
 */
export function formatErrors(errors: readonly FieldError[], limit = Infinity): string {
  const shown = errors.length > limit ? errors.slice(0, limit) : errors;
  const lines = shown.map((e) => `${e.path}: ${e.message}`);
  if (shown.length < errors.length) lines.push(`… and ${errors.length - shown.length} more`);
  return lines.join('\n');
}

type RawIssue = z.core.$ZodRawIssue;

/**
 * The error map used when parsing: messages for the issues that no field
 * schema words itself (missing objects, unknown fields, unknown kinds).
 * Field schemas built in `fields.ts` carry their own messages, which win.
 */
export function issueMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return TYPE_NAMES[issue.expected] ?? `must be ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys': {
      // Remember the fields this object does know, so the message can suggest one.
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      if (shape) Object.assign(issue, { knownFields: Object.keys(shape) });
      return 'unknown field';
    }
    case 'invalid_union':
      if (issue.discriminator !== undefined) {
        const input = issue.input as Record<string, unknown> | undefined;
        if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'must be an object';
        if (input[issue.discriminator] === undefined) return 'is required';
        return `must be one of: ${((issue.options as unknown[] | undefined) ?? []).map(String).join(', ')}`;
      }
      return 'is not valid here';
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${issue.minimum} entries` : `must be ≥ ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${issue.maximum} entries` : `must be ≤ ${issue.maximum}`;
    default:
      return undefined;
  }
}

const TYPE_NAMES: Record<string, string> = {
  object: 'must be an object',
  array: 'must be a list',
  string: 'must be a string',
  number: 'must be a number',
  int: 'must be an integer',
  boolean: 'must be true or false',
  record: 'must be an object',
  null: 'must be null',
};

/** Converts zod issues (with messages from `issueMessage`) into field errors. */
export function toFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): FieldError[] {
  const errors: FieldError[] = [];
  // A hint helps the first typos a person reads, not the 100,000th unknown key of a bomb.
  let hintsLeft = MAX_HINTS;
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = (issue as { knownFields?: string[] }).knownFields ?? [];
        for (const key of issue.keys) {
          const suggestion = hintsLeft-- > 0 ? closest(key, known) : undefined;
          errors.push({
            path: formatPath([...path, key]),
            message: `unknown field ${quote(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          });
        }
        break;
      }
      case 'invalid_union': {
        // A duration is a number or a distribution object: report the errors
        // of the alternative whose type matched, not of both.
        const matched = issue.errors.filter(
          (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
        );
        if (matched.length === 1) errors.push(...toFieldErrors(matched[0], path));
        else errors.push({ path: formatPath(path), message: issue.message });
        break;
      }
      case 'invalid_key':
        errors.push({ path: formatPath(path), message: `key ${issue.issues[0]?.message ?? 'is not valid'}` });
        break;
      default:
        errors.push({ path: formatPath(path), message: issue.message });
    }
  }
  return errors;
}

/** Keys longer than this get no "did you mean": no field name is near, and it keeps the hint's cost fixed. */
const HINT_MAX_LENGTH = 40;
/** Unknown keys that get a "did you mean", per call. */
const MAX_HINTS = 1000;

/**
 * The known name nearest to a typo, if it is near enough to be what was
 * meant: a few edits away, or the same name without its unit ("timeout" for
 * "timeoutMs"). Only short keys are compared, with a cutoff, so the cost is
 * bounded whatever the input (a 10 MB key gets no hint, at once).
 */
function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > HINT_MAX_LENGTH) return undefined;
  const lower = word.toLowerCase();
  const withUnit = candidates.find((c) => c.toLowerCase() === `${lower}ms`);
  if (withUnit) return withUnit;
  const cutoff = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = cutoff + 1;
  for (const candidate of candidates) {
    if (candidate.length > HINT_MAX_LENGTH) continue;
    const d = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, or
 * `limit + 1` as soon as it is certain to be more than `limit`. Three rows of the matrix,
 * not the matrix.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const m = b.length;
  let before = new Int32Array(m + 1);
  let previous = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j;
  let current = new Int32Array(m + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[m] > limit ? limit + 1 : previous[m];
}
