/**
 * `npm run bench:browser`: the same scenarios in Chromium's Web Worker, through the app's own
 * worker path (pacing slices, frames every 100 ms of wall time). Builds first; prints figures.
 * The engine's time comes from the worker's report (`wallMs`: time spent inside the engine).
 */
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { lb4, mm1 } from './scenarios';

interface BrowserReport {
  wallMs: number;
  events: number;
  requests: { generated: number };
}

const server = await preview({ preview: { port: 4174, host: '127.0.0.1', strictPort: true } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto('http://127.0.0.1:4174/');
  await page.waitForFunction(() => '__archsim' in window);
  const runInWorker = (doc: unknown) =>
    page.evaluate((d) => (window as unknown as { __archsim: { runScenarioToEnd(d: unknown): Promise<BrowserReport> } }).__archsim.runScenarioToEnd(d), doc);

  console.log(`archsim engine benchmark in Chromium's Web Worker (${browser.version()})`);
  await runInWorker(mm1(60_000)); // let the JIT warm up
  for (const [name, doc] of [
    ['M/M/1 (800 rps, exponential service 1 ms), 3,600 simulated s', mm1(3_600_000)],
    ['client → load balancer → 4 servers, 10,000 rps, 600 simulated s', lb4(600_000)],
  ] as const) {
    const r = await runInWorker(doc);
    const s = r.wallMs / 1000;
    console.log(`\n${name}`);
    console.log(`  ${(r.requests.generated / s / 1e6).toFixed(2)} M simulated requests/s, ${(r.events / s / 1e6).toFixed(2)} M events/s (${s.toFixed(2)} s in the engine)`);
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
