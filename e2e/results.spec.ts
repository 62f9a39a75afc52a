/** The selected node's results: every figure its kind reports, the ones no chart shows included. */
import { expect, test } from '@playwright/test';
import { reportOfCurrent } from './helpers';

test('after a run, a node shows what its kind reports: the write-back cache its lost writes, the database its shards', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await page.getByTestId('new').click();
  await page.getByTestId('gallery-open-write-back-loss').click();
  await expect(page.getByTestId('node-cache')).toBeVisible();
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });

  // The same document run in a fresh worker gives the report to check the words against.
  const report = (await reportOfCurrent(page)) as { nodes: Record<string, Record<string, unknown>> };
  const lost = report.nodes.cache.lostWrites as number;
  expect(lost).toBeGreaterThan(0);

  await page.getByTestId('node-cache').click();
  const results = page.getByTestId('node-results');
  await expect(results).toBeVisible();
  await expect(results.locator('[data-result="lostWrites"] dt')).toHaveText('lost writes');
  await expect(results.locator('[data-result="lostWrites"] dd')).toHaveText(lost.toLocaleString('en-US'));
  await expect(results.locator('[data-result="utilization"]')).toHaveCount(0);

  await page.getByTestId('node-db').click();
  const shards = page.getByTestId('node-results').locator('[data-result-table="shards"]');
  await expect(shards).toBeVisible();
  await expect(shards.locator('tbody tr')).toHaveCount((report.nodes.db.shards as unknown[]).length);
  await page.getByTestId('node-results').screenshot({ path: 'test-results/node-results.png' });
});
