/**
 * The Theory panel (issue 12), in the browser: an M/M/4 design shows Erlang C's wait beside the
 * simulated one (the prediction checked against Erlang C computed here, the simulation against
 * the prediction within the interval its replications give); a design whose retries feed back
 * into a station names the assumption that fails instead of showing a number.
 */
import { expect, test } from '@playwright/test';
import { studentTQuantile } from '../src/engine/experiments';
import { openWith } from './helpers';

/** 300 requests/s into one instance with 4 workers of exponential 10 ms: a = 3, ρ = 0.75. */
const MM4 = {
  version: 1,
  name: 'M/M/4',
  seed: 11,
  durationMs: 60_000,
  warmupMs: 3_000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, config: { rps: 300 } },
    { id: 'web', kind: 'server', label: 'Web', position: { x: 300, y: 0 }, config: { replicas: 1, concurrency: 4, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: 10 } } },
  ],
  edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0 } }],
};

/** Erlang C, written out here from its definition (THEORY.md), not taken from the app. */
function erlangCWaitMs(lambdaPerSec: number, serviceMs: number, c: number): number {
  const a = (lambdaPerSec * serviceMs) / 1000;
  const rho = a / c;
  let sum = 0;
  let factorial = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) factorial *= k;
    sum += a ** k / factorial;
  }
  const top = (a ** c / (factorial * c)) * (1 / (1 - rho));
  const pWait = top / (sum + top);
  const muPerMs = 1 / serviceMs;
  return pWait / (c * muPerMs - lambdaPerSec / 1000);
}

test('an M/M/4 design shows Erlang C’s wait beside the simulated one, within its interval', async ({ page }) => {
  test.setTimeout(120_000);
  const wq = erlangCWaitMs(300, 10, 4);
  // C(4, 3) = 0.5094…: Wq = 0.5094 / (0.4 − 0.3) per ms ≈ 5.09 ms.
  expect(wq).toBeCloseTo(5.094, 3);
  await openWith(page, MM4);
  await page.getByTestId('open-theory').click();
  const station = page.getByTestId('theory-station-web');
  await expect(station).toHaveAttribute('data-model', 'M/M/4');
  const row = page.getByTestId('theory-web-meanWaitMs');
  // The prediction, before any run: Erlang C's number, and no simulated one yet.
  expect(Number(await row.getAttribute('data-predicted'))).toBeCloseTo(wq, 9);
  await expect(row).toContainText('5.1 ms');
  await expect(row).not.toHaveAttribute('data-simulated', /./);
  // Replications give the simulated value its interval.
  await page.getByTestId('theory-replications').fill('10');
  await page.getByTestId('theory-run').click();
  await expect(page.getByTestId('theory-replications-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const simulated = Number(await row.getAttribute('data-simulated'));
  const half = Number(await row.getAttribute('data-half'));
  expect(half).toBeGreaterThan(0);
  // Narrow enough to mean something, and covering the theory at 99.9% (t with 9 degrees of freedom).
  expect(half).toBeLessThan(0.1 * wq);
  expect(Math.abs(simulated - wq), `${simulated} ± ${half} vs Erlang C ${wq}`).toBeLessThanOrEqual((half * studentTQuantile(0.9995, 9)) / studentTQuantile(0.975, 9));
  await expect(row).toContainText('±');
  // Utilisation beside ρ = 0.75, and Little's law on the run's own numbers.
  const util = page.getByTestId('theory-web-utilization');
  expect(Number(await util.getAttribute('data-predicted'))).toBeCloseTo(0.75, 12);
  expect(Math.abs(Number(await util.getAttribute('data-simulated')) - 0.75)).toBeLessThan(0.02);
  await expect(page.getByTestId('theory-web-little-meanQueueLength')).toBeVisible();
});

test('the panel reads the current run when there are no replications', async ({ page }) => {
  await openWith(page, { ...MM4, durationMs: 20_000 });
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('report')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('open-theory').click();
  const row = page.getByTestId('theory-web-meanWaitMs');
  await expect(row).toHaveAttribute('data-simulated', /\d/);
  // One run has no interval: the value stands alone.
  await expect(row).not.toHaveAttribute('data-half', /./);
  expect(Math.abs(Number(await row.getAttribute('data-simulated')) - erlangCWaitMs(300, 10, 4))).toBeLessThan(2);
});

test('a design with retries feeding back names the assumption that fails, not a number', async ({ page }) => {
  const doc = {
    ...MM4,
    name: 'Retries feed back',
    edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0, timeoutMs: 30, retry: { maxAttempts: 3, baseDelayMs: 10 } } }],
  };
  await openWith(page, doc);
  await page.getByTestId('open-theory').click();
  const station = page.getByTestId('theory-station-web');
  await expect(station).toHaveAttribute('data-model', '');
  await expect(station).toContainText('no closed form');
  const failed = page.getByTestId('theory-web-failed');
  await expect(failed.locator('li[data-assumption="no-feedback"]')).toContainText('Assumption that fails: no feedback');
  await expect(failed).toContainText('edge e1 retries failed calls (retry.maxAttempts 3)');
  // No prediction is shown for the station: not the wait, not the utilisation.
  await expect(page.getByTestId('theory-web-meanWaitMs')).toHaveCount(0);
  await expect(page.getByTestId('theory-web-utilization')).toHaveCount(0);
  await expect(station.locator('td')).toHaveCount(0);
});

test('while a run plays, the panel follows it', async ({ page }) => {
  await openWith(page, { ...MM4, durationMs: 600_000 });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('Running');
  await page.getByTestId('open-theory').click();
  const row = page.getByTestId('theory-web-utilization');
  await expect(row).toHaveAttribute('data-simulated', /\d/);
  const first = Number(await row.getAttribute('data-simulated'));
  expect(first).toBeGreaterThan(0.3);
  // The run goes on behind the panel, and the simulated value is refreshed from it.
  await expect(page.getByTestId('theory-dialog')).toContainText(/simulated \(this run at \d+ s\)/);
  const at = async () => Number((await page.getByTestId('theory-dialog').textContent())!.match(/this run at (\d+) s/)![1]);
  const t0 = await at();
  await expect.poll(at, { timeout: 15_000 }).toBeGreaterThan(t0);
});
