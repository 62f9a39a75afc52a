/**
 * `npm run sim -- scenario.json [--json] [--seed N] [--duration MS]`: runs a scenario
 * headless with the same engine as the browser and prints a summary or the report.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createSimulation, NotRunnableError } from '../engine';
import { formatErrors, parseScenarioText } from '../model';
import { parseArgs } from './args';
import { formatSummary } from './summary';

function fail(message: string, code = 2): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${parsed.message}\n`);
      return;
    }
    fail(parsed.message);
  }
  const { file, json, seed, durationMs } = parsed.args;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const result = parseScenarioText(text);
  if (!result.ok) fail(`${file}: invalid scenario document\n${formatErrors(result.errors)}`);

  let sim;
  try {
    sim = createSimulation(result.scenario, { seed, durationMs });
  } catch (e) {
    if (e instanceof NotRunnableError) fail(`${file}: ${e.message}`);
    throw e;
  }
  const t0 = performance.now();
  sim.runToEnd();
  const report = sim.report(Math.round(performance.now() - t0));
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  fail(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 1);
}
