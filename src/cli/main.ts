/**
 * `npm run sim -- scenario.json [--json] [--seed N] [--duration MS] [--max-memory-mb MB]
 * [--max-events N] [--replications N] [--sweep PATH=FROM:TO:STEP] [--threads T]`: runs a scenario headless with the same engine as the browser and prints
 * a summary or the report.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runOnThreads } from './experimentRunner';
import { readLimited } from './readInput';
import { runCli } from './run';

let code: number;
try {
  code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: (p, maxBytes) => readLimited(p, maxBytes),
    clock: () => performance.now(),
    runner: runOnThreads,
    defaultThreads: availableParallelism(),
  });
} catch (e) {
  process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  code = 1;
}
process.exitCode = code;
