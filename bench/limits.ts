/**
 * `npm run bench:limits`: runs test/fixtures/limits.json (every bound at its limit, written by
 * scripts/limitsDocument.ts) through the CLI under `/usr/bin/time -v`, and prints its wall
 * time, CPU time and peak RSS. Issue 11 asks for under 30 s and under 1 GB.
 */
import { spawnSync } from 'node:child_process';

const p = spawnSync('/usr/bin/time', ['-v', 'npm', 'run', '--silent', 'sim', '--', 'test/fixtures/limits.json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
const field = (name: string) => new RegExp(`${name}: (.*)`).exec(p.stderr)?.[1]?.trim() ?? '?';
console.log(p.stdout.split('\n').slice(1, 4).join('\n'));
console.log(`exit ${p.status}`);
console.log(`wall ${field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')} · user ${field('User time \\(seconds\\)')} s · system ${field('System time \\(seconds\\)')} s · CPU ${field('Percent of CPU this job got')}`);
console.log(`peak RSS ${(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024).toFixed(0)} MB`);
