/** Traffic control in the app (issue 7): a rate limiter and an autoscaled server from the palette, running. */
import { expect, test } from '@playwright/test';
import { chartColumn, connect } from './helpers';

const column = (page: import('@playwright/test').Page, name: string) => chartColumn(page, name);

test('a rate limiter and an autoscaled server from the palette, a run that shows `limited` on the limiter\'s node and the replicas chart rising', async ({ page }) => {
  await page.goto('/');
  // users → limiter → lb → web, and an autoscaled server behind the balancer too.
  await page.locator('.react-flow__edge[data-id="e1"]').click({ force: true });
  await expect(page.getByTestId('inspector-edge')).toHaveAttribute('data-edge-id', 'e1');
  await page.getByTestId('delete-selection').click();
  await page.getByTestId('palette-rateLimiter').click();
  await expect(page.getByTestId('node-rateLimiter-1')).toBeVisible();
  await page.getByTestId('field-ratePerSec').fill('600');
  await connect(page, 'users', 'rateLimiter-1');
  await connect(page, 'rateLimiter-1', 'lb');

  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await page.getByTestId('field-concurrency').fill('1');
  await page.getByTestId('field-autoscale-on').check();
  await page.getByTestId('field-autoscale-evaluateEveryMs').fill('1000');
  await page.getByTestId('field-autoscale-cooldownMs').fill('2000');
  await page.getByTestId('field-autoscale-startupMs').fill('2000');
  await connect(page, 'lb', 'server-1');
  await expect(page.getByTestId('replicas-chart')).toBeVisible();

  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  // 800 rps offered to 600/s: about a quarter limited, on the limiter's node.
  await expect(page.getByTestId('node-live-rateLimiter-1').locator('[data-figure="limited"]')).toHaveText(/^limited (1\d|2\d|3\d)%$/, { timeout: 20_000 });
  await expect(page.getByTestId('node-live-rateLimiter-1').locator('[data-figure="level"]')).toHaveText(/^tokens \d+\/100$/);
  // server-1 (1 worker, ~200 rps for ~100 rps of capacity) scales out: replicas rise over time.
  await expect.poll(async () => Math.max(...(await column(page, 'server-1:replicas'))), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  const replicas = await column(page, 'server-1:replicas');
  expect(replicas[0]).toBe(1);
  await expect.poll(() => page.getByTestId('replicas-chart').getAttribute('data-points').then(Number)).toBeGreaterThan(10);
  await expect(page.getByTestId('replicas-chart-values')).toContainText(/server-1 in rotation \d+ replicas/);
  // The explainer says why the limiter refuses, in its own numbers.
  await expect(page.getByTestId('finding-rateLimited-rateLimiter-1')).toContainText(/limiting \d+% of requests: [\d,]+ rps offered, [\d,]+ rps let through \(token bucket 600\/s, burst 100\)/);
  await page.getByTestId('pause').click();
});
