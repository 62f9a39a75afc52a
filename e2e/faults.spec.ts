/** Faults injected live from a context menu and scheduled on the timeline, marked on the timeline and the charts. */
import { expect, test, type Page } from '@playwright/test';
import { hook, simTime } from './helpers';

/** The first chart point after `fromS` (simulated seconds) that satisfies `test`. */
async function firstPointAfter(page: Page, fromS: number, test: (errorPct: number) => boolean) {
  const points = await hook(page, (h) => h.chartPoints());
  return points.find((p) => p.t > fromS && test(p.errorPct));
}

test('crash a server from its context menu during a run: errors rise within a simulated second, the marker shows, recover and errors fall', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('speed')).toHaveValue('1');
  await page.getByTestId('play').click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(1500);

  await page.getByTestId('node-web').click({ button: 'right' });
  await expect(page.getByTestId('context-menu')).toBeVisible();
  await page.getByTestId('menu-crash').click();
  await expect(page.getByTestId('context-menu')).toHaveCount(0);
  await expect(page.getByTestId('fault-marker-live-0')).toBeVisible();
  await expect(page.getByTestId('fault-marker-live-0')).toHaveAttribute('data-action', 'crash');
  const crashAt = (await hook(page, (h) => h.liveFaults()))[0];
  expect(crashAt).toMatchObject({ action: 'crash', target: 'web' });
  const crashS = crashAt.atMs / 1000;

  // The run went on (no restart): errors near 100% within one simulated second of the crash.
  await expect.poll(async () => (await firstPointAfter(page, crashS, (e) => e > 90)) !== undefined, { timeout: 15_000 }).toBe(true);
  const risen = (await firstPointAfter(page, crashS, (e) => e > 90))!;
  expect(risen.t - crashS).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('node-live-web')).toContainText('0/2 up');
  await expect(page.locator('[data-testid="throughput-chart"] .fault-marker-line')).toHaveCount(1);

  await expect.poll(() => simTime(page)).toBeGreaterThan(crashAt.atMs + 1500);
  await page.getByTestId('node-menu-web').click();
  await page.getByTestId('menu-recover').click();
  await expect(page.getByTestId('fault-marker-live-1')).toHaveAttribute('data-action', 'recover');
  const recoverS = (await hook(page, (h) => h.liveFaults()))[1].atMs / 1000;
  await expect.poll(async () => (await firstPointAfter(page, recoverS, (e) => e < 2)) !== undefined, { timeout: 15_000 }).toBe(true);
  const fallen = (await firstPointAfter(page, recoverS, (e) => e < 2))!;
  expect(fallen.t - recoverS).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('node-live-web')).toContainText('2/2 up');
  await page.getByTestId('pause').click();
  await page.screenshot({ path: 'test-results/fault-crash-recover.png' });
});

test('partition a call from its menu: its callers time out or fail; heal brings it back', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('play').click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(1500);
  await page.locator('.react-flow__edge[data-id="e2"]').click({ button: 'right', force: true });
  await page.getByTestId('menu-partition').click();
  await expect(page.getByTestId('fault-marker-live-0')).toHaveAttribute('data-action', 'partition');
  const cutS = (await hook(page, (h) => h.liveFaults()))[0].atMs / 1000;
  // With the call dropped, nothing comes back: throughput falls to nothing.
  await expect
    .poll(async () => (await hook(page, (h) => h.chartPoints())).some((p) => p.t > cutS + 0.5 && p.throughputRps === 0), { timeout: 15_000 })
    .toBe(true);
  await page.locator('.react-flow__edge[data-id="e2"]').click({ button: 'right', force: true });
  await page.getByTestId('menu-heal').click();
  await expect(page.getByTestId('fault-marker-live-1')).toHaveAttribute('data-action', 'heal');
  await page.getByTestId('pause').click();
});

test('a fault scheduled on the timeline is moved with the keyboard, marked on the charts, and deleted', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('fault-add').click();
  await page.getByTestId('fault-action').selectOption('slow');
  await page.getByTestId('fault-target').selectOption('web');
  await page.getByTestId('fault-at').fill('10');
  await page.getByTestId('fault-factor').fill('3');
  await page.getByTestId('fault-save').click();
  const marker = page.getByTestId('fault-marker-0');
  await expect(marker).toHaveAttribute('data-at-ms', '10000');
  expect(await hook(page, (h) => (h.currentDocument() as unknown as { faults: unknown[] }).faults)).toEqual([{ atMs: 10_000, action: 'slow', target: 'web', factor: 3 }]);

  await marker.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(marker).toHaveAttribute('data-at-ms', '12000');
  // Dragging moves it too.
  const box = (await marker.boundingBox())!;
  const track = (await page.locator('.timeline-track').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(track.x + track.width / 2, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(marker).toHaveAttribute('data-at-ms', '30000');

  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.locator('[data-testid="latency-chart"] .fault-marker-line')).toHaveCount(1);

  await marker.focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('fault-marker-0')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('fault-marker-0')).toHaveAttribute('data-at-ms', '30000');
});
