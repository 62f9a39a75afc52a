/**
 * `npm run fuzz`: at least 10,000 hostile documents through the parser, the cost model and,
 * for the runnable ones under budget, the engine, each under a wall-clock guard. Prints the
 * counts and exits non-zero on any crash, hang, budget breach or broken promise; each finding's
 * document is saved under fuzz-findings/ with what went wrong.
 *   npm run fuzz                              10,000 cases, seed 1
 *   npm run fuzz -- --cases 50000 --seed 7
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { formatSummary, runFuzz } from '../test/fuzz/harness';
import { hostileCase } from '../test/fuzz/hostile';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`${name}: must be a positive integer`);
    process.exit(2);
  }
  return n;
}

const cases = flag('--cases', 10_000);
const seed = flag('--seed', 1);
const workers = flag('--workers', 2);
console.log(`archsim fuzz — ${cases} hostile documents, seed ${seed}, ${workers} worker processes`);
let shown = 0;
const summary = await runFuzz({
  cases,
  seed,
  workers,
  onProgress: (done) => {
    const tenth = Math.floor((done * 10) / cases);
    if (tenth > shown) {
      shown = tenth;
      process.stdout.write(`  ${done} done\n`);
    }
  },
});
console.log(formatSummary(summary));

if (summary.findings.length > 0) {
  mkdirSync('fuzz-findings', { recursive: true });
  for (const f of summary.findings) {
    console.log(`\n${f.what} — case ${f.index} (${f.kind})\n${f.detail.split('\n').slice(0, 12).join('\n')}`);
    if (f.index >= 0) {
      const c = hostileCase(seed, f.index);
      writeFileSync(`fuzz-findings/case-${f.index}.json`, c.text.length < 2_000_000 ? c.text : `${c.text.slice(0, 2_000_000)}…`);
      writeFileSync(`fuzz-findings/case-${f.index}.txt`, `${f.what} (${c.kind}: ${c.label})\n\n${f.detail}\n`);
    }
  }
  console.log(`\nthe documents are in fuzz-findings/`);
}
const failed = summary.crashes + summary.hangs + summary.budgetBreaches + summary.violations + summary.generatorErrors;
process.exitCode = failed > 0 ? 1 : 0;
