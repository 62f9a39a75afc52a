/**
 * The CLI's logic, apart from the process: arguments in, text and an exit code out.
 * Exit codes: 0 ran, 2 bad arguments or an invalid, unrunnable or over-budget document,
 * 1 internal error.
 */
import { createSimulation, NotRunnableError } from '../engine';
import { checkBudget, escapeInvisible, estimateCost, formatErrors, formatCount, parseScenarioText } from '../model';
import { parseArgs } from './args';
import { InputTooLargeError, MAX_INPUT_BYTES } from './readInput';
import { formatSummary } from './summary';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file's text; throws {@link InputTooLargeError} when it holds more than `maxBytes`. */
  readFile(path: string, maxBytes: number): string;
  /** Wall clock for the report's wallMs: the CLI may read one, the engine never does. */
  clock(): number;
}

/** At most this many field errors are printed; the rest are counted. */
const MAX_ERROR_LINES = 100;

function tooLarge(file: string): string {
  return `${file}: the file is larger than ${MAX_INPUT_BYTES / 2 ** 20} MB, the most a scenario document may be\n`;
}

export function runCli(argv: readonly string[], io: CliIo): number {
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
    let message = '';
    if (budget.memory.length > 0) {
      message += `${file}: the run would need more memory than allowed (raise the limit with --max-memory-mb)\n${formatErrors(budget.memory)}\n`;
    }
    if (budget.events.length > 0) {
      message += `${file}: the run would take more than ${formatCount(maxEvents)} events (raise the limit with --max-events, or shorten it with --duration)\n${formatErrors(budget.events)}\n`;
    }
    io.stderr(message);
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
