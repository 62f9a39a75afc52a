/**
 * The budget a run must fit in, and the messages for a document that does not: each names
 * the field that drives the cost and what it costs
 * (`nodes[2].config.queueCapacity: up to 10,000,000 queued requests ≈ 6.1 GB; the limit is 256 MB`).
 * The CLI refuses such a document; the app shows the same lines as a warning before Play.
 */
import type { FieldError } from '../errors';
import { formatBytes, formatCount } from '../numberText';
import type { CostEstimate } from './estimate';

export interface Budget {
  /** Memory every structure of a run may hold together, bytes. */
  maxMemoryBytes: number;
  /** Events (and equivalent work) a whole run may take: the bound on its time. */
  maxEvents: number;
}

/** The default memory budget, MB (raise it with `npm run sim -- --max-memory-mb N`). */
export const DEFAULT_MAX_MEMORY_MB = 256;
/** The most a budget may be raised to: 64 GB. Never unbounded. */
export const MAX_MEMORY_MB = 65_536;
/**
 * The default bound on a run's events: about 15–30 s of a CLI run on a 2-core laptop at 4–7
 * million events a second (raise it with `--max-events N`).
 */
export const DEFAULT_MAX_EVENTS = 100_000_000;
/** The most the event bound may be raised to. */
export const MAX_EVENTS = 1e12;

export const DEFAULT_BUDGET: Budget = {
  maxMemoryBytes: DEFAULT_MAX_MEMORY_MB * 2 ** 20,
  maxEvents: DEFAULT_MAX_EVENTS,
};

export interface BudgetCheck {
  /** The memory lines, empty when the document fits. */
  memory: FieldError[];
  /** The event (time) lines, empty when the document fits. */
  events: FieldError[];
}

/** Lines to show for the largest items: enough to cover most of the total, at most five. */
function largest<T>(items: readonly T[], size: (t: T) => number, total: number): T[] {
  const shown: T[] = [];
  let covered = 0;
  for (const item of items) {
    if (shown.length === 5 || covered >= 0.9 * total) break;
    shown.push(item);
    covered += size(item);
  }
  return shown;
}

export function checkBudget(estimate: CostEstimate, budget: Budget = DEFAULT_BUDGET): BudgetCheck {
  const result: BudgetCheck = { memory: [], events: [] };
  const memoryLimit = `the limit is ${formatBytes(budget.maxMemoryBytes)}`;
  if (estimate.memoryBytes > budget.maxMemoryBytes) {
    const alone = estimate.memory.filter((m) => m.bytes > budget.maxMemoryBytes);
    if (alone.length > 0) {
      for (const m of alone) result.memory.push({ path: m.path, message: `${m.what} ≈ ${formatBytes(m.bytes)}; ${memoryLimit}` });
    } else {
      for (const m of largest(estimate.memory, (x) => x.bytes, estimate.memoryBytes)) {
        result.memory.push({ path: m.path, message: `${m.what} ≈ ${formatBytes(m.bytes)}` });
      }
      result.memory.push({ path: '(document)', message: `≈ ${formatBytes(estimate.memoryBytes)} in all; ${memoryLimit}` });
    }
  }
  if (estimate.totalEvents > budget.maxEvents) {
    const seconds = formatCount(estimate.durationMs / 1000);
    for (const e of largest(estimate.events, (x) => x.events, estimate.totalEvents)) {
      const over = e.once ? '' : ` over ${seconds} s`;
      result.events.push({ path: e.path, message: `${e.what}${over} ≈ ${formatCount(e.events)} events` });
    }
    result.events.push({
      path: 'durationMs',
      message: `≈ ${formatCount(estimate.totalEvents)} events in all over ${seconds} s; the limit is ${formatCount(budget.maxEvents)} events`,
    });
  }
  return result;
}
