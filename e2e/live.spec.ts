import { expect, test } from '@playwright/test';

const points = (page: import('@playwright/test').Page) =>
  page.getByTestId('latency-chart').getAttribute('data-points').then(Number);

test('a live rps change takes effect without a restart', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('node-users').click();
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(() => points(page)).toBeGreaterThan(20);
  const before = Number(await page.getByTestId('progress').getAttribute('value'));

  await page.getByTestId('field-rps').fill('100');
  // The run goes on (no reset, no stale notice) and the client now sends ~100 rps.
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect.poll(async () => Number(await page.getByTestId('progress').getAttribute('value'))).toBeGreaterThan(before);
  await expect(page.getByTestId('node-live-users').locator('[data-figure="rate"]')).toHaveText(/^1\d\d rps$|^\d\d rps$/, { timeout: 15_000 });
  // A client shows its rate and how its calls fare, not a utilisation it does not have.
  await expect(page.getByTestId('node-live-users').locator('[data-figure="outcomes"]')).toHaveText(/^ok \d+%$/);
  await page.getByTestId('pause').click();
});

test('a structural change while running asks for a reset', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('play').click();
  await expect.poll(() => points(page)).toBeGreaterThan(3);
  await page.getByTestId('node-web').click();
  await page.getByTestId('field-concurrency').fill('8');
  await expect(page.getByTestId('stale')).toBeVisible();
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
});

test('run to end fills the progress bar and finishes', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('progress')).toHaveAttribute('value', '60000');
  expect(await points(page)).toBeGreaterThan(500);
});
