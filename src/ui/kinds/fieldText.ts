/**
 * What the schema cannot say about a config field: its name for people, its unit, a one-line
 * explanation, and the value an optional field takes when switched on. Each kind's descriptor
 * keeps a table of these for its own fields, keyed by the field's dotted path in the config
 * (`keys.count`, `rateSchedule[].atMs`).
 */

export interface FieldInfo {
  label: string;
  /** One line: what the field does, in the domain's words. */
  help: string;
  unit?: string;
  /** The value an optional field (null when off) takes when switched on. */
  onValue?: unknown;
  /** A text field that names a node: offered as a choice of the node's downstream nodes. */
  ref?: 'downstream';
}

/** Field path (`retry.maxAttempts`, `rateSchedule[].atMs`) → what to show for it. */
export type FieldTexts = Readonly<Record<string, FieldInfo>>;

export const info = (label: string, help: string, unit?: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({ label, help, unit, ...extra });

/** The rate limiter's fields, also an API gateway's built-in `rateLimit` (under `prefix`). */
export function rateLimitTexts(prefix: string): FieldTexts {
  return {
    [`${prefix}algorithm`]: info('Algorithm', 'Token bucket allows bursts; leaky bucket smooths them; the window algorithms count per window.'),
    [`${prefix}ratePerSec`]: info('Rate', 'Token and leaky bucket: requests let through per second, on average.', '/s'),
    [`${prefix}burst`]: info('Burst', 'Token bucket: how many requests can pass at once after a quiet spell.', 'requests'),
    [`${prefix}queueSize`]: info('Queue size', 'Leaky bucket: requests that may wait to be let through; more are rejected.', 'requests'),
    [`${prefix}limit`]: info('Limit per window', 'Window algorithms: requests allowed in each window.', 'requests'),
    [`${prefix}windowMs`]: info('Window', 'Window algorithms: the length of one counting window.', 'ms'),
    [`${prefix}scope`]: info('Scope', 'Global: one limit for everyone; per user: each user has their own.'),
  };
}
