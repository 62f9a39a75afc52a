/** Run controls for a demo: 1× by default, Space toggles play, continue after the end, no silent restart. */
import { expect, test } from '@playwright/test';
import { simTime, clickCanvasBackground } from './helpers';

test('Space toggles play at the default 1×; nodes keep their size when the run starts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('speed')).toHaveValue('1');
  const sizes = () =>
    page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-id')} ${el.getBoundingClientRect().width}×${el.getBoundingClientRect().height}`));
  const before = await sizes();
  await clickCanvasBackground(page);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-state')).toHaveText('Running');
  const start = Date.now();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('node-live-web')).toBeVisible();
  expect(await sizes()).toEqual(before);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  // 1×: about one simulated second per wall second (generous bounds on a busy machine).
  const elapsed = Date.now() - start;
  expect(await simTime(page)).toBeGreaterThan(300);
  expect(await simTime(page)).toBeLessThan(elapsed + 500);
});

test('a finished run continues past its end without a reset', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('field-durationMs').fill('5000');
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished');
  const points = Number(await page.getByTestId('latency-chart').getAttribute('data-points'));
  await expect(page.getByTestId('play')).toHaveText(/Continue/);
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(6000);
  await expect(page.getByTestId('sim-time')).toContainText('/ 10.0 s');
  // The chart kept the first part of the run: it went on, it did not start over.
  expect(Number(await page.getByTestId('latency-chart').getAttribute('data-points'))).toBeGreaterThan(points);
  await page.getByTestId('pause').click();
});

test('the stale notice goes when the design is back as it was, and Play never restarts silently', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(2000);
  await page.getByTestId('pause').click();
  await page.getByTestId('speed').selectOption('1');
  const pausedAt = await simTime(page);

  await page.getByTestId('node-web').click();
  await page.getByTestId('field-concurrency').fill('8');
  await expect(page.getByTestId('stale')).toBeVisible();
  // Play goes on with the run as it started (the notice says so); it does not restart.
  await page.getByTestId('play').click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(pausedAt + 500);
  await expect(page.getByTestId('stale')).toBeVisible();

  // Typing the old value back, or undo, makes the notice go.
  // Leaving the field ends a burst of typing, so the undo below takes back only the 6,
  // however quickly it follows (a burst is otherwise grouped by time).
  await page.getByTestId('field-concurrency').fill('4');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await clickCanvasBackground(page);
  await page.getByTestId('node-web').click();
  await page.getByTestId('field-concurrency').fill('6');
  await expect(page.getByTestId('stale')).toBeVisible();
  await clickCanvasBackground(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  expect(await simTime(page)).toBeGreaterThan(pausedAt);

  // Restarting is an explicit choice.
  await page.getByTestId('node-web').click();
  await page.getByTestId('field-concurrency').fill('8');
  await page.getByTestId('stale-reset').click();
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
});
