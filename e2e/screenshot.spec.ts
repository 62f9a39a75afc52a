/**
 * The README's screenshot: the default scenario mid-run. Writes docs/screenshot.png only when
 * asked (ARCHSIM_SCREENSHOT=1), so ordinary test runs leave the tree clean.
 */
import { expect, test } from '@playwright/test';

test('screenshot of the app mid-run for the README', async ({ page }) => {
  test.skip(!process.env.ARCHSIM_SCREENSHOT, 'set ARCHSIM_SCREENSHOT=1 to refresh docs/screenshot.png');
  await page.goto('/');
  await page.getByTestId('node-web').click();
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await page.getByTestId('latency-chart').getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(250);
  await page.screenshot({ path: 'docs/screenshot.png' });
});
