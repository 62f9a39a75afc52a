/**
 * The README's screenshot: the default scenario mid-run, one web instance crashed live from its
 * context menu. Every run takes it into test-results/; with ARCHSIM_SCREENSHOT=1 it refreshes
 * docs/screenshot.png instead.
 */
import { expect, test } from '@playwright/test';

const points = (page: import('@playwright/test').Page) => page.getByTestId('latency-chart').getAttribute('data-points').then(Number);

test('screenshot of the app mid-run for the README', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('node-web').click();
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(() => points(page), { timeout: 30_000 }).toBeGreaterThan(150);
  await page.getByTestId('node-web').click({ button: 'right' });
  await page.getByTestId('menu-crash-0').click();
  await expect(page.getByTestId('fault-marker-live-0')).toBeVisible();
  await expect.poll(() => points(page), { timeout: 30_000 }).toBeGreaterThan(300);
  const path = process.env.ARCHSIM_SCREENSHOT ? 'docs/screenshot.png' : 'test-results/readme-screenshot.png';
  const png = await page.screenshot({ path });
  expect(png.byteLength).toBeGreaterThan(20_000); // a real, drawn page, not a blank one
});
