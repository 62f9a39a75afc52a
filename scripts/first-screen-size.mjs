#!/usr/bin/env node
/**
 * Prints the JavaScript the first screen loads, gzipped, from the build's manifest, and fails
 * above 250 kB: the entry with everything it imports, plus the lazy chunks the first render
 * asks for at once (the charts panel). The worker runs on its own thread and is listed apart.
 * The browser measures the same in e2e/firstScreen.spec.ts, from what the page really loads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 250_000;
/** Lazy modules the first render loads at once (App renders the charts panel under Suspense). */
const FIRST_RENDER_LAZY = ['src/ui/charts/ChartsPanel.tsx'];

const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).byteLength;

const files = new Set();
function take(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) take(dep);
}
take('index.html');
for (const key of FIRST_RENDER_LAZY) take(key);

let total = 0;
const rows = [...files].filter((f) => f.endsWith('.js')).map((f) => [f, gz(f)]).sort((a, b) => b[1] - a[1]);
console.log('first screen JavaScript, gzip -9:');
for (const [f, size] of rows) {
  total += size;
  console.log(`${(size / 1000).toFixed(1).padStart(8)} kB  ${f}`);
}
console.log(`${(total / 1000).toFixed(1).padStart(8)} kB  total (limit ${LIMIT / 1000} kB)`);
const workerFile = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`).find((f) => /simWorker.*\.js$/.test(f));
if (workerFile) console.log(`${(gz(workerFile) / 1000).toFixed(1).padStart(8)} kB  ${workerFile} (the simulation worker, its own thread)`);
if (total > LIMIT) {
  console.error(`The first screen loads ${(total / 1000).toFixed(1)} kB of gzipped JavaScript, over the ${LIMIT / 1000} kB limit: split what it does not need.`);
  process.exit(1);
}
