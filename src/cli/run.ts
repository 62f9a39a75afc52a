/**
 * The CLI's logic, apart from the process: arguments in, text and an exit code out.
 * Exit codes: 0 ran, 2 bad arguments or an invalid, unrunnable or over-budget document,
 * 1 internal error.
 */
import { createSimulation, NotRunnableError } from '../engine';
import { ExperimentCollector, planExperiment, type PlanFailure } from '../engine/experiments';
import { checkBudget, escapeInvisible, estimateCost, formatErrors, formatCount, parseScenarioText, type BudgetCheck, type Scenario } from '../model';
import { parseArgs, type CliArgs } from './args';
import { formatExperiment } from './experimentSummary';
import { JobFailure, runHere, type ExperimentRunner } from './experimentRunner';
import { InputTooLargeError, MAX_INPUT_BYTES } from './readInput';
import { formatSummary } from './summary';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file's text; throws {@link InputTooLargeError} when it holds more than `maxBytes`. */
  readFile(path: string, maxBytes: number): string;
  /** Wall clock for the report's wallMs: the CLI may read one, the engine never does. */
  clock(): number;
  /** Runs replications and sweeps (default: in this thread, one run after another). */
  runner?: ExperimentRunner;
  /** Threads when `--threads` is not given (default 1). */
  defaultThreads?: number;
}

/** At most this many field errors are printed; the rest are counted. */
const MAX_ERROR_LINES = 100;

function tooLarge(file: string): string {
  return `${file}: the file is larger than ${MAX_INPUT_BYTES / 2 ** 20} MB, the most a scenario document may be\n`;
}

/**
 * Runs the CLI. A single run answers at once; replications and sweeps, which may use
 * worker threads, answer with a promise.
 */
export function runCli(argv: readonly string[], io: CliIo): number | Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      io.stdout(`${parsed.message}\n`);
      return 0;
    }
    io.stderr(`${parsed.message}\n`);
    return 2;
  }
  const { json, seed, durationMs, maxMemoryMb, maxEvents } = parsed.args;
  const file = escapeInvisible(parsed.args.file);
  let text: string;
  try {
    text = io.readFile(parsed.args.file, MAX_INPUT_BYTES);
  } catch (e) {
    if (e instanceof InputTooLargeError) {
      io.stderr(tooLarge(file));
      return 2;
    }
    io.stderr(`${file}: cannot read the file (${escapeInvisible(String((e as { code?: string }).code ?? e))})\n`);
    return 2;
  }
  if (text.length > MAX_INPUT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
    io.stderr(tooLarge(file));
    return 2;
  }
  const result = parseScenarioText(text);
  if (!result.ok) {
    io.stderr(`${file}: invalid scenario document\n${formatErrors(result.errors, MAX_ERROR_LINES)}\n`);
    return 2;
  }
  const scenario = result.scenario;
  if (parsed.args.replications !== undefined || parsed.args.sweep !== undefined) {
    return runExperimentCli(file, scenario, parsed.args, io);
  }
  if (durationMs !== undefined && durationMs <= scenario.warmupMs) {
    // The same rule as `warmupMs: must be less than durationMs` in a document.
    io.stderr(`--duration: must be more than the document's warmupMs (${scenario.warmupMs}), got ${durationMs}\n`);
    return 2;
  }
  const budget = checkBudget(estimateCost(scenario, { durationMs }), {
    maxMemoryBytes: maxMemoryMb * 2 ** 20,
    maxEvents,
  });
  if (budget.memory.length > 0 || budget.events.length > 0) {
    io.stderr(budgetMessage(file, budget, maxEvents));
    return 2;
  }
  let sim;
  try {
    sim = createSimulation(scenario, { seed, durationMs });
  } catch (e) {
    if (!(e instanceof NotRunnableError)) throw e;
    io.stderr(`${file}: ${escapeInvisible(e.message)}\n`);
    return 2;
  }
  const t0 = io.clock();
  sim.runToEnd();
  const report = sim.report(Math.round(io.clock() - t0));
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report)}\n`);
  return 0;
}

function budgetMessage(who: string, budget: BudgetCheck, maxEvents: number): string {
  let message = '';
  if (budget.memory.length > 0) {
    message += `${who}: the run would need more memory than allowed (raise the limit with --max-memory-mb)\n${formatErrors(budget.memory)}\n`;
  }
  if (budget.events.length > 0) {
    message += `${who}: the run would take more than ${formatCount(maxEvents)} events (raise the limit with --max-events, or shorten it with --duration)\n${formatErrors(budget.events)}\n`;
  }
  return message;
}

/** Why a point of an experiment is refused, named by its number and value. */
function planFailureMessage(file: string, sweepPath: string | undefined, f: PlanFailure, maxEvents: number): string {
  const who = f.point === null ? file : `${file}: --sweep point ${f.point} (${escapeInvisible(sweepPath ?? '')} = ${f.value})`;
  const p = f.problem;
  switch (p.kind) {
    case 'invalid':
      return `${who}: invalid scenario document\n${formatErrors(p.errors, MAX_ERROR_LINES)}\n`;
    case 'not-runnable':
      return `${who}: ${escapeInvisible(`The scenario cannot run:\n${p.problems.map((x) => `- ${x}`).join('\n')}`)}\n`;
    case 'over-budget':
      return budgetMessage(who, p.check, maxEvents);
    case 'seed':
      return `${who}: --replications: ${p.message}\n`;
  }
}

/** `--replications` and `--sweep`: plan every run, refuse any bad point, run, print in order. */
async function runExperimentCli(file: string, scenario: Scenario, args: CliArgs, io: CliIo): Promise<number> {
  const planned = planExperiment(scenario, {
    replications: args.replications,
    sweep: args.sweep,
    seed: args.seed,
    durationMs: args.durationMs,
    budget: { maxMemoryBytes: args.maxMemoryMb * 2 ** 20, maxEvents: args.maxEvents },
  });
  if (!planned.ok) {
    io.stderr(planned.failures.map((f) => planFailureMessage(file, args.sweep?.path, f, args.maxEvents)).join(''));
    return 2;
  }
  const plan = planned.plan;
  const threads = args.threads ?? io.defaultThreads ?? 1;
  const collector = new ExperimentCollector(plan);
  const t0 = io.clock();
  try {
    await (io.runner ?? runHere)(plan, threads, (job, report) => collector.add(job, report));
  } catch (e) {
    if (!(e instanceof JobFailure)) throw e;
    io.stderr(`${file}: ${escapeInvisible(e.where)}: the run failed\n${escapeInvisible(e.detail)}\n`);
    return 1;
  }
  const result = collector.result();
  const wallMs = io.clock() - t0;
  io.stdout(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatExperiment(result, plan, { threads: Math.min(threads, plan.jobs.length), wallMs })}\n`);
  return 0;
}
