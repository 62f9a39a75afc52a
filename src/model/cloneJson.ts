/**
 * A deep copy of parsed JSON (objects, arrays, strings, numbers, booleans, null), with an
 * explicit stack instead of recursion, so a deeply nested document cannot overflow the call
 * stack. Keys are copied as own properties, so `__proto__` stays a plain key. Pure language:
 * no host function (structuredClone is the browser's and Node's, not ECMAScript's).
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: [unknown, Record<string, unknown> | unknown[]][] = [[value, root as Record<string, unknown>]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    for (const key of Object.keys(from as object)) {
      const v = (from as Record<string, unknown>)[key];
      let copy: unknown = v;
      if (typeof v === 'object' && v !== null) {
        copy = Array.isArray(v) ? [] : {};
        stack.push([v, copy as Record<string, unknown>]);
      }
      Object.defineProperty(to, key, { value: copy, writable: true, enumerable: true, configurable: true });
    }
  }
  return root as T;
}
