/**
 * Building blocks for the scenario schema. Every field is built here so that
 * its error message is a short human sentence ("must be an integer ≥ 1"),
 * the same wherever the field appears, and so that a missing required value
 * always reads "is required".
 */
import { z } from 'zod';

/** The longest simulated run, and the cap on every time value: 24 hours in ms. */
export const MAX_DURATION_MS = 86_400_000;

/**
 * Caps on sizes the engine may allocate per item (per-user session tables,
 * Zipf tables, queues): generous for teaching. They stop a typo, not a big
 * design: what a whole document may hold is the cost model's job
 * (`cost/`), which adds every structure up against a memory budget.
 */
export const MAX_USERS = 1_000_000;
export const MAX_ENTRIES = 10_000_000;

/**
 * The highest rate of any source or limiter, per second. Far above what a
 * teaching scenario needs, and it keeps the simulated clock moving: at
 * 1,000,000/s the mean gap between two arrivals is 1 µs, a million times the
 * precision of a double at 24 h in ms (~1.5e-8 ms). (At 1e15 the gap rounds
 * to nothing and the clock stops.)
 */
export const MAX_RATE_PER_SEC = 1_000_000;

/**
 * The shortest period of a timer that repeats (health checks, autoscale
 * evaluations, window resets, write-back flushes): 1 ms. A real system
 * probes every 100 ms at the fastest; below 1 ms the timer, not the
 * traffic, would be the simulation.
 */
export const MIN_TIMER_INTERVAL_MS = 1;

/**
 * The largest relative weight (edges for weighted round robin, client
 * paths). Sums of weights stay exact integers far below 2^53 even over
 * a million targets, so no policy can overflow or lose a weight.
 */
export const MAX_WEIGHT = 1_000_000;

/** The most steps in one schedule (rateSchedule, scaleSchedule): a day at one step every 10 s fits. */
export const MAX_SCHEDULE_STEPS = 10_000;

/** Counters that are not sizes (attempts before a trip, trial calls, …): any real value fits. */
export const MAX_COUNT = 10_000_000;

/** A canvas position, in px either way from the origin. */
export const MAX_COORDINATE = 1_000_000;

/** Ids: 1–64 characters of `[A-Za-z0-9_-]` (SPEC §2). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

type IssueLike = { input?: unknown };

/** An error function that says "is required" for a missing value and `message` otherwise. */
export function messageFor(message: string) {
  return (issue: IssueLike) => (issue.input === undefined ? 'is required' : message);
}

/**
 * Options for a cross-field refinement: run it only when the fields it
 * compares are valid. (zod would otherwise run it after recoverable errors
 * too, and compare values that are already reported as wrong.)
 */
export const ifValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** An object that refuses unknown fields (they are typos). */
export function strict<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.strictObject(shape);
}

/**
 * An integer in `[min, max]`. Wrong type or not a whole number: the full
 * rule ("must be an integer ≥ 1"); out of range: the bound that was crossed.
 *
 * Built from a number and a refinement, not `z.int()`: zod marks a
 * non-integer as aborting the whole parse, which would hide the
 * document-wide reference checks that run after it.
 */
export function integer(min: number, max?: number) {
  const rule =
    max === undefined ? `must be an integer ≥ ${min}` : `must be an integer from ${min} to ${max}`;
  const schema = z
    .number({ error: messageFor(rule) })
    .min(min, { error: `must be an integer ≥ ${min}` })
    .refine(Number.isSafeInteger, { error: rule });
  return max === undefined ? schema : schema.max(max, { error: `must be an integer ≤ ${max}` });
}

/** Any whole number in the safe range (for seeds). */
export function wholeNumber() {
  const error = messageFor('must be an integer');
  return z.number({ error }).refine(Number.isSafeInteger, { error });
}

interface NumberRange {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
}

function bound(value: number): string {
  return value === MAX_DURATION_MS ? `${value} (24 h)` : String(value);
}

function describeRange({ min, above, max }: NumberRange): string {
  if (min !== undefined && max !== undefined) return `must be a number from ${min} to ${bound(max)}`;
  if (above !== undefined && max !== undefined) return `must be a number > ${above} and ≤ ${bound(max)}`;
  if (min !== undefined) return `must be a number ≥ ${min}`;
  if (above !== undefined) return `must be a number > ${above}`;
  if (max !== undefined) return `must be a number ≤ ${bound(max)}`;
  return 'must be a number';
}

/**
 * A finite number in the given range. Wrong type: the full rule; out of
 * range: the bound that was crossed ("must be a number ≥ 0").
 */
export function number(range: NumberRange = {}) {
  let schema = z.number({ error: messageFor(describeRange(range)) });
  if (range.min !== undefined) schema = schema.min(range.min, { error: `must be a number ≥ ${range.min}` });
  if (range.above !== undefined) schema = schema.gt(range.above, { error: `must be a number > ${range.above}` });
  if (range.max !== undefined) schema = schema.max(range.max, { error: `must be a number ≤ ${bound(range.max)}` });
  return schema;
}

/** A time in ms: `≥ 0` (or `> 0` with `positive`), at most 24 h. */
export function millis(options: { positive?: boolean } = {}) {
  return options.positive
    ? number({ above: 0, max: MAX_DURATION_MS })
    : number({ min: 0, max: MAX_DURATION_MS });
}

/** The period of a timer that repeats: from {@link MIN_TIMER_INTERVAL_MS} to 24 h. */
export function interval() {
  return number({ min: MIN_TIMER_INTERVAL_MS, max: MAX_DURATION_MS });
}

/** A rate per second: from 0 to {@link MAX_RATE_PER_SEC}. */
export function rate() {
  return number({ min: 0, max: MAX_RATE_PER_SEC });
}

/** A relative weight: above 0, at most {@link MAX_WEIGHT}. */
export function weight() {
  return number({ above: 0, max: MAX_WEIGHT });
}

/** A probability or fraction in `[0, 1]`. */
export function fraction() {
  return number({ min: 0, max: 1 });
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: messageFor(`must be one of: ${values.join(', ')}`) });
}

export function boolean() {
  return z.boolean({ error: messageFor('must be true or false') });
}

/** A string of at most `maxLength` characters (non-empty with `nonEmpty`). */
export function text(maxLength: number, options: { nonEmpty?: boolean } = {}) {
  const message = options.nonEmpty
    ? `must be a non-empty string of at most ${maxLength} characters`
    : `must be a string of at most ${maxLength} characters`;
  const error = messageFor(message);
  const schema = z.string({ error }).max(maxLength, { error });
  return options.nonEmpty ? schema.min(1, { error }) : schema;
}

/** A node or edge id, or a reference to one. */
export function id() {
  const error = messageFor('must be 1–64 characters, each a letter, digit, "_" or "-"');
  return z.string({ error }).regex(ID_PATTERN, { error });
}

/**
 * A list of `{atMs, ...}` steps in strictly increasing `atMs` order, so a
 * schedule reads top to bottom as it happens.
 */
export function schedule<Shape extends z.core.$ZodLooseShape & { atMs: z.ZodType<number> }>(
  shape: Shape,
) {
  return list(strict(shape), MAX_SCHEDULE_STEPS).superRefine((steps, ctx) => {
    for (let i = 1; i < steps.length; i++) {
      const previous = (steps[i - 1] as { atMs: number }).atMs;
      if ((steps[i] as { atMs: number }).atMs <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'atMs'],
          message: `must be later than the previous step's atMs (${previous})`,
        });
      }
    }
  }, ifValid);
}

/** A list of at most `maxLength` entries ("must have at most 10000 entries"). */
export function list<T extends z.ZodType>(item: T, maxLength: number) {
  return z.array(item, { error: messageFor('must be a list') }).max(maxLength, {
    error: `must have at most ${maxLength} entries`,
  });
}
