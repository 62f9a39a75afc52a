/**
 * The CLI's logic, apart from the process: arguments in, text and an exit code out.
 * Exit codes: 0 ran, 2 bad arguments or an invalid or unrunnable document, 1 internal error.
 */
import { createSimulation, NotRunnableError } from '../engine';
import { formatErrors, parseScenarioText } from '../model';
import { parseArgs } from './args';
import { formatSummary } from './summary';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  /** Wall clock for the report's wallMs: the CLI may read one, the engine never does. */
  clock(): number;
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
  const { file, json, seed, durationMs } = parsed.args;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.stderr(`${file}: cannot read the file (${(e as { code?: string }).code ?? String(e)})\n`);
    return 2;
  }
  const result = parseScenarioText(text);
  if (!result.ok) {
    io.stderr(`${file}: invalid scenario document\n${formatErrors(result.errors)}\n`);
    return 2;
  }
  let sim;
  try {
    sim = createSimulation(result.scenario, { seed, durationMs });
  } catch (e) {
    if (!(e instanceof NotRunnableError)) throw e;
    io.stderr(`${file}: ${e.message}\n`);
    return 2;
  }
  const t0 = io.clock();
  sim.runToEnd();
  const report = sim.report(Math.round(io.clock() - t0));
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report)}\n`);
  return 0;
}
