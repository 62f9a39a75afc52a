/**
 * What to show for a config field: the kind descriptor's line for it (`kinds/<kind>.ts`,
 * `fields`), the edge's table below, or failing those a label and unit made from the field's
 * name and its schema `.describe()` text, so a field new to a schema still shows.
 * `test/ui/inspectorSchema.test.ts` lists any field without a line.
 */
import type { NodeKind } from '../../../model';
import { uiKinds } from '../../kinds';
import { info, type FieldInfo, type FieldTexts } from '../../kinds/fieldText';

export type { FieldInfo } from '../../kinds/fieldText';

export type Scope = NodeKind | 'edge';

/** An edge's fields (an edge is not a kind, so its table lives here). */
export const EDGE_FIELDS: FieldTexts = {
  latency: info('Network latency', 'Time on the wire, each way.'),
  timeoutMs: info('Timeout', 'The caller gives up after this; the callee keeps working (wasted work is real).', 'ms', { onValue: 1000 }),
  retry: info('Retries', 'Failed or timed-out calls are tried again, with exponential backoff.'),
  'retry.maxAttempts': info('Max attempts', 'Tries per call, the first one included.', 'attempts'),
  'retry.baseDelayMs': info('Base delay', 'Wait before the first retry.', 'ms'),
  'retry.multiplier': info('Multiplier', 'Each further wait is this many times the previous one.', '×'),
  'retry.maxDelayMs': info('Max delay', 'No wait is longer than this.', 'ms'),
  'retry.jitter': info('Jitter', 'Randomises the waits so retries do not come in waves (full: 0 to the delay; equal: half to the delay).'),
  'retry.respectRetryAfter': info('Respect Retry-After', 'Wait at least as long as a rate limiter asks.'),
  'retry.budgetRatio': info('Retry budget', 'Retries may add at most this share of the calls of the last 10 s (off: no budget).'),
  circuitBreaker: info('Circuit breaker', 'Stops calling a failing callee for a while; open calls fail fast.'),
  'circuitBreaker.failureRateThreshold': info('Failure threshold', 'Opens when this share of the calls in the window failed (0 to 1).'),
  'circuitBreaker.minimumCalls': info('Minimum calls', 'Calls in the window before the breaker may open.', 'calls'),
  'circuitBreaker.windowMs': info('Window', 'The span of recent calls the failure rate is measured over.', 'ms'),
  'circuitBreaker.openMs': info('Open for', 'How long the breaker stays open before it tries again.', 'ms'),
  'circuitBreaker.halfOpenCalls': info('Half-open calls', 'Trial calls let through to decide between closing and opening again.', 'calls'),
  bulkhead: info('Bulkhead', 'Caps the calls in flight on this edge; more are rejected at once.'),
  'bulkhead.maxConcurrent': info('Max concurrent', 'Calls in flight at most.', 'calls'),
  callsPerRequest: info('Calls per request', 'Sequential calls the caller makes for each request (the N+1 query pattern).', 'calls'),
  weight: info('Weight', 'Share of traffic under weighted round robin.'),
  fallback: info('Fallback', 'What an open breaker answers: an error, or a cheap degraded success.'),
  idempotencyKeys: info('Idempotency keys', 'Requests carry their id as a key from here on; the database that applies a write remembers it, so a retried write is applied once.'),
};

export function fieldTexts(scope: Scope): FieldTexts {
  return scope === 'edge' ? EDGE_FIELDS : uiKinds[scope].fields;
}

/** Units a field's name implies when the table gives none. */
function unitFromName(name: string): string | undefined {
  if (/Ms$/.test(name)) return 'ms';
  if (/PerSec$/.test(name)) return '/s';
  return undefined;
}

/** "budgetRatio" → "Budget ratio". */
function labelFromName(name: string): string {
  const words = name.replace(/Ms$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The table key of a field path: `['rateSchedule', '[]', 'atMs']` → `rateSchedule[].atMs`. */
export function infoKey(path: readonly string[]): string {
  return path.join('.').replace(/\.(\[\]|\{\})/g, '$1');
}

/** What to show for a field: the table's entry, or one made from its name and description. */
export function fieldInfo(scope: Scope, path: readonly string[], description?: string): FieldInfo & { known: boolean } {
  const entry = fieldTexts(scope)[infoKey(path)];
  if (entry) return { ...entry, known: true };
  const name = [...path].reverse().find((p) => p !== '[]' && p !== '{}') ?? '';
  return { label: labelFromName(name), help: description ?? '', unit: unitFromName(name), known: false };
}
