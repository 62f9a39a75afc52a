/**
 * `npm run sim -- scenario.json [--json] [--seed N] [--duration MS] [--max-memory-mb MB]
 * [--max-events N]`: runs a scenario headless with the same engine as the browser and prints
 * a summary or the report.
 */
import { performance } from 'node:perf_hooks';
import { readLimited } from './readInput';
import { runCli } from './run';

let code: number;
try {
  code = runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: (p, maxBytes) => readLimited(p, maxBytes),
    clock: () => performance.now(),
  });
} catch (e) {
  process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  code = 1;
}
process.exitCode = code;
