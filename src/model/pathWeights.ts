/**
 * A client's `paths`: request path → relative weight. Built by hand rather than with
 * `z.record`, which writes each key into a plain object and so silently drops a path named
 * "__proto__" (the assignment sets the prototype instead). Here every key becomes an own
 * property, whatever its name.
 */
import { z } from 'zod';
import { messageFor, weight } from './fields';

/** The most paths one client may name. */
export const MAX_PATHS = 1000;
/** The longest path. */
export const MAX_PATH_LENGTH = 1000;

const weightSchema = weight();
const NOT_AN_OBJECT = 'must be an object of path → weight';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"/api": 0.9, "/static": 0.1}`: 1 to 1,000 paths of 1 to 1,000 characters, each weight above 0 and at most 1,000,000. */
export function pathWeights() {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (!isPlainObject(input)) {
        ctx.addIssue({ code: 'custom', message: messageFor(NOT_AN_OBJECT)({ input }) });
        return;
      }
      const keys = Object.keys(input);
      if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'must name at least one path' });
      if (keys.length > MAX_PATHS) {
        ctx.addIssue({ code: 'custom', message: `must name at most ${MAX_PATHS} paths` });
        return;
      }
      for (const key of keys) {
        if (key.length === 0 || key.length > MAX_PATH_LENGTH) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `key must be a non-empty string of at most ${MAX_PATH_LENGTH} characters`,
          });
        }
        const value = weightSchema.safeParse(input[key]);
        if (!value.success) ctx.addIssue({ code: 'custom', path: [key], message: value.error.issues[0].message });
      }
    })
    .transform((input) => {
      const out: Record<string, number> = {};
      for (const [key, value] of Object.entries(input as Record<string, number>)) {
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    });
}
