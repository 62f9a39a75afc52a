/**
 * Request traces in the app: with tracing on, a request retried after a timeout opens as a
 * waterfall showing both attempts, the backoff between them and the wasted work at the
 * callee; a click on the latency chart opens the slowest request of that moment; the
 * waterfall is read with the keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openWith } from './helpers';

/** The balancer gives up on the api after 60 ms and retries after 10 ms; the api keeps working. */
const RETRYING = {
  version: 1,
  name: 'Retries after timeouts',
  seed: 3,
  durationMs: 10_000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 30 } },
    { id: 'lb', kind: 'loadBalancer', label: 'LB', position: { x: 260, y: 100 }, config: {} },
    { id: 'api', kind: 'server', label: 'API', position: { x: 520, y: 100 }, config: { concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 25 } } },
    { id: 'db', kind: 'database', label: 'DB', position: { x: 780, y: 100 }, config: { connections: 1 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb', config: { latency: 1 } },
    { id: 'e2', from: 'lb', to: 'api', config: { latency: 1, timeoutMs: 60, retry: { maxAttempts: 3, baseDelayMs: 10, multiplier: 2, jitter: 'none' } } },
    { id: 'e3', from: 'api', to: 'db', config: { latency: 0.5 } },
  ],
};

test('a request retried after a timeout: both attempts, the backoff between them, the wasted work at the callee', async ({ page }) => {
  // The size of the README's screenshots.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openWith(page, RETRYING);
  await page.getByTestId('trace-toggle').check();
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });

  await page.getByTestId('slowest-requests').click();
  const dialog = page.getByTestId('traces-dialog');
  await expect(dialog).toBeVisible();
  const retried = dialog.locator('[data-testid="trace-item"][data-retried="true"][data-timed-out="true"][data-wasted="true"]').first();
  await retried.click();
  const id = await retried.getAttribute('data-request-id');
  const waterfall = page.getByTestId('waterfall');
  await expect(waterfall).toHaveAttribute('data-request-id', id!);

  // Both attempts of the balancer's call to the api; the first timed out.
  const attempts = waterfall.locator('[data-testid="wf-row"][data-kind="call"][data-edge="e2"]');
  await expect(attempts.nth(0)).toHaveAttribute('data-attempt', '1');
  await expect(attempts.nth(0)).toHaveAttribute('data-timed-out', 'true');
  await expect(attempts.nth(0)).toContainText('lb → api, attempt 1: timed out');
  await expect(attempts.nth(1)).toHaveAttribute('data-attempt', '2');
  const first = { start: Number(await attempts.nth(0).getAttribute('data-start-ms')), end: Number(await attempts.nth(0).getAttribute('data-end-ms')) };
  expect(first.end - first.start).toBeCloseTo(60, 6);

  // The backoff between them: from the first attempt's timeout to the second's start, the policy's 10 ms.
  const backoff = waterfall.locator('[data-testid="wf-row"][data-kind="backoff"][data-attempt="2"]').first();
  await expect(backoff).toContainText('lb: backoff before attempt 2');
  await expect(backoff).toContainText('10.0 ms');
  expect(Number(await backoff.getAttribute('data-start-ms'))).toBeCloseTo(first.end, 6);
  expect(Number(await backoff.getAttribute('data-end-ms'))).toBeCloseTo(Number(await attempts.nth(1).getAttribute('data-start-ms')), 6);

  // The api went on serving the abandoned attempt: wasted work.
  const wasted = waterfall.locator('[data-testid="wf-row"][data-kind="service"][data-node="api"][data-wasted="true"]');
  await expect(wasted.first()).toContainText('(wasted)');
  expect(Number(await wasted.first().getAttribute('data-end-ms'))).toBeGreaterThan(first.end);

  // The keyboard reads it: the rows are one tab stop, arrows move, the times are spelled out.
  await waterfall.locator('[data-testid="wf-row"]').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(waterfall.locator('[data-testid="wf-row"]').nth(1)).toBeFocused();
  await expect(page.getByTestId('wf-detail')).toContainText(await waterfall.locator('[data-testid="wf-row"]').nth(1).locator('.wf-label').innerText());
  await page.keyboard.press('End');
  await expect(waterfall.locator('[data-testid="wf-row"]').last()).toBeFocused();

  if (process.env.ARCHSIM_SCREENSHOT) await page.screenshot({ path: 'docs/screenshots/trace-waterfall.png' });
  else await page.screenshot({ path: 'test-results/trace-waterfall.png' });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a click on the latency chart opens the slowest request that finished at that moment (dark theme, axe-clean)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openWith(page, RETRYING);
  await page.getByTestId('trace-toggle').check();
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
  const body = page.getByTestId('latency-chart').locator('.chart-body');
  await expect(body.locator('canvas')).toHaveCount(1);
  const box = (await body.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
  const dialog = page.getByTestId('traces-dialog');
  await expect(dialog).toBeVisible();
  const title = (await dialog.locator('h2').innerText()).match(/Requests near ([\d.]+) s/);
  expect(title).not.toBeNull();
  const at = Number(title![1]);
  await expect(page.getByTestId('waterfall')).toBeVisible();
  // The request shown is the selected one in the list, and it finished near that moment.
  const selected = dialog.locator('[data-testid="trace-item"][aria-pressed="true"]');
  await expect(selected).toHaveCount(1);
  const when = Number(((await selected.locator('.trace-when').innerText()).match(/at ([\d.]+) s/) ?? [])[1]);
  expect(Math.abs(when - at)).toBeLessThanOrEqual(1);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`)).toEqual([]);
});

test('without tracing, the list says how to get traces', async ({ page }) => {
  await openWith(page, RETRYING);
  await expect(page.getByTestId('slowest-requests')).toBeDisabled();
  await page.getByTestId('trace-toggle').check();
  await page.getByTestId('slowest-requests').click();
  await expect(page.getByTestId('traces-empty')).toContainText('No request traced yet');
});
