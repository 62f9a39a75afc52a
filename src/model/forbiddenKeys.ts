/**
 * Keys that cannot survive being read into a plain object. JSON.parse makes
 * `"__proto__"` an ordinary own key, but copying it into a new object (as
 * the schema does for a record such as a client's `paths`) calls the
 * prototype setter instead: the entry silently vanishes, or swaps the copy's
 * prototype. Such a document is refused up front with the field named.
 */
import { formatPath, type FieldError } from './errors';

const FORBIDDEN = new Set(['__proto__']);

interface Visit {
  value: unknown;
  key: PropertyKey | null;
  parent: Visit | null;
  forbidden?: boolean;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let v: Visit | null = visit; v !== null && v.key !== null; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * Every forbidden key in a parsed JSON value, at most `limit` of them.
 * Iterative (a hostile document may nest a million levels deep) and linear in
 * the size of the value.
 */
export function findForbiddenKeys(value: unknown, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length > 0 && errors.length < limit) {
    const visit = stack.pop()!;
    if (visit.forbidden) {
      errors.push({ path: formatPath(pathOf(visit)), message: `"${String(visit.key)}" is not allowed as a field or name` });
      continue;
    }
    const current = visit.value;
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: visit });
      continue;
    }
    // Pushed last to first, so they are met (and reported) in document order.
    const keys = Object.keys(current);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      stack.push({ value: (current as Record<string, unknown>)[key], key, parent: visit, forbidden: FORBIDDEN.has(key) });
    }
  }
  return errors;
}
