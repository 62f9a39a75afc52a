/**
 * The first screen's JavaScript, gzipped: every script the page loads on the main thread until
 * the app is up and idle (the worker's own script runs on another thread and is not counted).
 * At most 250 kB; the figure is printed.
 */
import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';

export const FIRST_SCREEN_LIMIT_BYTES = 250_000;

test('the first screen loads at most 250 kB of gzipped JavaScript', async ({ page }) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    const url = response.url();
    if (!/\.m?js(\?|$)/.test(url) || /simWorker/.test(url)) return;
    scripts.set(url, response.body());
  });
  await page.goto('/');
  await expect(page.getByTestId('latency-chart')).toBeVisible();
  await page.waitForLoadState('networkidle');
  let total = 0;
  const lines: string[] = [];
  for (const [url, body] of scripts) {
    const size = gzipSync(await body, { level: 9 }).byteLength;
    total += size;
    lines.push(`${(size / 1000).toFixed(1).padStart(7)} kB  ${url.split('/').pop()}`);
  }
  console.log(`first screen JavaScript (gzip -9):\n${lines.join('\n')}\n${(total / 1000).toFixed(1).padStart(7)} kB  total`);
  expect(scripts.size).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(FIRST_SCREEN_LIMIT_BYTES);
});
