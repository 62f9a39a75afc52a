/**
 * What the fuzzer does with one document, inside a worker process: parse it, estimate its
 * cost, and run the ones that are runnable and under budget for a bounded slice of wall time,
 * checking the promises every document is owed along the way. An exception escaping from here
 * is a crash; a broken promise is a violation; the parent's timer catches a hang.
 */
import { performance } from 'node:perf_hooks';
import { checkRunnable, createSimulation, type Report } from '../../src/engine';
import { checkBudget, DEFAULT_BUDGET, estimateCost, parseScenario, parseScenarioText, type FieldError } from '../../src/model';

export type Outcome = 'invalid' | 'overBudget' | 'notRunnable' | 'run';

export interface CaseResult {
  outcome: Outcome;
  parseMs: number;
  /** Wall time spent in the engine (0 when not run). */
  runMs: number;
  /** Events the engine processed (0 when not run). */
  events: number;
  /** Whether the run reached the end of its simulated duration within the wall cap. */
  finished: boolean;
  /** The largest heap growth seen while the case was handled, bytes. */
  heapGrowth: number;
  /** Promises broken: messages that are not text, a report that does not balance, … */
  violations: string[];
  /** Set when the heap grew past the budget the document was admitted under. */
  budgetBreach?: string;
}

export interface CheckOptions {
  /** Wall time a run may take before it is stopped (it is not a hang: it is cut). */
  runWallMs: number;
}

/** Characters that must never appear raw in a message (they are escaped where made). */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).join(',');

function messageViolations(where: string, errors: readonly FieldError[]): string[] {
  const out: string[] = [];
  for (const e of errors) {
    if (typeof e.path !== 'string' || e.path === '') out.push(`${where}: an error without a path`);
    if (typeof e.message !== 'string' || e.message === '') out.push(`${where}: an error without a message at ${e.path}`);
    if (INVISIBLE.test(e.path) || INVISIBLE.test(e.message)) out.push(`${where}: an unescaped control character at ${JSON.stringify(e.path.slice(0, 80))}`);
    if (e.path.length + e.message.length > 2000) out.push(`${where}: a message of ${e.path.length + e.message.length} characters`);
    if (out.length > 5) break;
  }
  return out;
}

/** Every number in the report is finite (walked with a stack, not recursion). */
function nonFinite(report: Report): string | null {
  const stack: [string, unknown][] = [['report', report]];
  while (stack.length > 0) {
    const [path, v] = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return `${path} = ${v}`;
    if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push([`${path}.${k}`, x]);
  }
  return null;
}

function reportViolations(report: Report, ids: { nodes: string[]; edges: string[] }): string[] {
  const out: string[] = [];
  const q = report.requests;
  if (q.generated !== q.ok + q.error + q.rejected + q.timeout + q.inFlight) out.push(`requests do not balance: ${JSON.stringify(q)}`);
  const bad = nonFinite(report);
  if (bad) out.push(`a number that is not finite: ${bad}`);
  for (const id of ids.nodes) if (!Object.hasOwn(report.nodes, id)) out.push(`node ${JSON.stringify(id)} is missing from the report`);
  for (const id of ids.edges) if (!Object.hasOwn(report.edges, id)) out.push(`edge ${JSON.stringify(id)} is missing from the report`);
  return out;
}

export function checkCase(text: string, options: CheckOptions): CaseResult {
  const heap0 = process.memoryUsage().heapUsed;
  let heapPeak = heap0;
  const sampleHeap = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > heapPeak) heapPeak = h;
  };
  const result = (r: Omit<CaseResult, 'heapGrowth'>): CaseResult => {
    sampleHeap();
    return { ...r, heapGrowth: heapPeak - heap0 };
  };

  const t0 = performance.now();
  const parsed = parseScenarioText(text);
  const parseMs = performance.now() - t0;
  sampleHeap();
  const violations: string[] = [];
  if (Object.getOwnPropertyNames(Object.prototype).join(',') !== PROTOTYPE_NAMES || ({} as { polluted?: unknown }).polluted !== undefined) {
    violations.push('Object.prototype was changed');
  }
  const base = { parseMs, runMs: 0, events: 0, finished: false, violations };
  if (!parsed.ok) {
    violations.push(...messageViolations('parse', parsed.errors));
    if (parsed.errors.length === 0) violations.push('refused with no error');
    return result({ outcome: 'invalid', ...base });
  }
  const scenario = parsed.scenario;
  // What the app saves is the parsed document as JSON; it must load back the same.
  if (text.length < 1_000_000) {
    const again = parseScenario(JSON.parse(JSON.stringify(scenario)));
    if (!again.ok) violations.push(`the saved document does not load back: ${again.errors[0].path}: ${again.errors[0].message}`);
  }

  const estimate = estimateCost(scenario);
  if (Number.isNaN(estimate.memoryBytes) || Number.isNaN(estimate.totalEvents) || estimate.memoryBytes < 0 || estimate.totalEvents < 0) {
    violations.push(`the cost model gave ${estimate.memoryBytes} bytes and ${estimate.totalEvents} events`);
  }
  for (const m of estimate.memory) if (!(m.bytes >= 0)) violations.push(`the cost model gave ${m.bytes} bytes for ${m.path}`);
  for (const e of estimate.events) if (!(e.events >= 0)) violations.push(`the cost model gave ${e.events} events for ${e.path}`);
  const budget = checkBudget(estimate, DEFAULT_BUDGET);
  if (budget.memory.length > 0 || budget.events.length > 0) {
    violations.push(...messageViolations('budget', [...budget.memory, ...budget.events]));
    return result({ outcome: 'overBudget', ...base });
  }

  const problems = checkRunnable(scenario);
  if (problems.length > 0) {
    for (const p of problems) if (INVISIBLE.test(p)) violations.push(`an unescaped control character in a runnable problem: ${JSON.stringify(p.slice(0, 80))}`);
    return result({ outcome: 'notRunnable', ...base });
  }

  // Run in slices of simulated time sized to a few ms of wall time each, up to the wall cap.
  const t1 = performance.now();
  const sim = createSimulation(scenario);
  let slice = 1;
  let budgetBreach: string | undefined;
  while (!sim.finished && performance.now() - t1 < options.runWallMs) {
    const s0 = performance.now();
    sim.runUntil(Math.min(sim.nowMs + slice, sim.durationMs));
    const took = performance.now() - s0;
    slice = took < 5 ? slice * 2 : took > 40 ? Math.max(slice / 4, 1e-3) : slice;
    sim.takeFrame();
    sampleHeap();
    if (heapPeak - heap0 > DEFAULT_BUDGET.maxMemoryBytes) {
      budgetBreach = `the heap grew by ${Math.round((heapPeak - heap0) / 2 ** 20)} MB; the budget is ${DEFAULT_BUDGET.maxMemoryBytes / 2 ** 20} MB and the estimate was ${Math.round(estimate.memoryBytes / 2 ** 20)} MB`;
      break;
    }
  }
  const runMs = performance.now() - t1;
  const report = sim.report(runMs);
  violations.push(...reportViolations(report, { nodes: scenario.nodes.map((n) => n.id), edges: scenario.edges.map((e) => e.id) }));
  return result({ outcome: 'run', parseMs, runMs, events: sim.events, finished: sim.finished, violations, budgetBreach });
}
