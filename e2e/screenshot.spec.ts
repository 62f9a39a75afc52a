/**
 * Screenshots of a running overloaded design (the explainer speaking, charts streaming, a node's
 * charts in the inspector) at 1024 × 700 and 1600 × 1000, light and dark. Every run takes them
 * into test-results/; with ARCHSIM_SCREENSHOT=1 they refresh docs/screenshots/ and the README's
 * docs/screenshot.png (1600 × 1000, light).
 */
import { expect, test } from '@playwright/test';
import { openWith, OVERLOADED } from './helpers';

const points = (page: import('@playwright/test').Page) => page.getByTestId('latency-chart').getAttribute('data-points').then(Number);

/** The overloaded web tier with a cache and a database behind it, so every kind of live figure shows. */
const DESIGN = {
  ...OVERLOADED,
  name: 'Overloaded web tier with a cache',
  nodes: [
    ...OVERLOADED.nodes,
    { id: 'cache', kind: 'cache', label: 'Cache', position: { x: 780, y: 0 }, config: { capacity: 2000 } },
    { id: 'db', kind: 'database', label: 'Database', position: { x: 1040, y: 100 }, config: { connections: 10 } },
  ],
  edges: [
    ...OVERLOADED.edges,
    { id: 'e3', from: 'web', to: 'cache' },
    { id: 'e4', from: 'cache', to: 'db' },
  ],
};

for (const [width, height] of [
  [1024, 700],
  [1600, 1000],
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot ${width}×${height} ${theme}, a running overloaded design`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: theme });
      await openWith(page, DESIGN);
      await page.getByTestId('speed').selectOption('10');
      await page.getByTestId('play').click();
      await expect(page.getByTestId('finding-queueFull-web')).toBeVisible({ timeout: 20_000 });
      await page.getByTestId('node-web').click();
      await expect.poll(() => points(page), { timeout: 30_000 }).toBeGreaterThan(150);
      await expect(page.getByTestId('node-utilization-chart')).toHaveAttribute('data-points', /[1-9]/);
      // Hover the latency chart: the values under the pointer, with their units.
      const chart = page.getByTestId('latency-chart').locator('.chart-body');
      const box = (await chart.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
      await expect(page.getByTestId('latency-chart-values')).toContainText(/t = \d+\.\d s.*p50 \d/);
      const name = `${width}x${height}-${theme}`;
      const refresh = !!process.env.ARCHSIM_SCREENSHOT;
      const path = refresh ? `docs/screenshots/${name}.png` : `test-results/screenshot-${name}.png`;
      const png = await page.screenshot({ path });
      if (refresh && width === 1600 && theme === 'light') await page.screenshot({ path: 'docs/screenshot.png' });
      expect(png.byteLength).toBeGreaterThan(20_000); // a real, drawn page, not a blank one
      await page.getByTestId('pause').click();
    });
  }
}
