/**
 * Screenshots of the Sweep panel (a sweep of workers with a p99 target, the hockey stick and the
 * marked count) and the Theory panel (M/M/4 stations with replications beside Erlang C, and a station
 * whose assumption fails), light and dark, at 1600 × 1000. Every run takes them into
 * test-results/ and checks each panel is axe-clean; with ARCHSIM_SCREENSHOT=1 they refresh
 * docs/screenshots/.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openWith } from './helpers';

const DESIGN = {
  version: 1,
  name: 'Checkout service',
  seed: 5,
  durationMs: 40_000,
  warmupMs: 4_000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 300 } },
    { id: 'web', kind: 'server', label: 'Web', position: { x: 300, y: 100 }, config: { replicas: 1, concurrency: 4, io: 'async', calls: 'parallel', queueCapacity: 10_000, serviceTime: { dist: 'exponential', meanMs: 10 } } },
    { id: 'jobs', kind: 'queue', label: 'Jobs', position: { x: 600, y: 0 }, config: {} },
    { id: 'mailer', kind: 'server', label: 'Mailer', position: { x: 900, y: 0 }, config: { replicas: 1, concurrency: 4, serviceTime: { dist: 'exponential', meanMs: 10 } } },
    { id: 'db', kind: 'database', label: 'Database', position: { x: 600, y: 220 }, config: { connections: 8 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'web', config: { latency: 0 } },
    { id: 'e3', from: 'web', to: 'jobs', config: { latency: 0 } },
    { id: 'e4', from: 'jobs', to: 'mailer', config: { latency: 0 } },
    { id: 'e5', from: 'web', to: 'db', config: { timeoutMs: 200, retry: { maxAttempts: 2 } } },
  ],
};

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function shoot(page: Page, name: string) {
  const refresh = !!process.env.ARCHSIM_SCREENSHOT;
  const png = await page.screenshot({ path: refresh ? `docs/screenshots/${name}.png` : `test-results/screenshot-${name}.png` });
  expect(png.byteLength).toBeGreaterThan(20_000);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the Sweep and Theory panels, ${theme}: screenshots, axe clean`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.emulateMedia({ colorScheme: theme });
    await openWith(page, DESIGN);

    await page.getByTestId('open-sweep').click();
    await page.getByTestId('sweep-field').selectOption('nodes.web.config.concurrency');
    await page.getByTestId('sweep-from').fill('3');
    await page.getByTestId('sweep-to').fill('12');
    await page.getByTestId('sweep-step').fill('1');
    await page.getByTestId('sweep-replications').fill('5');
    await page.getByTestId('sweep-target').fill('60');
    await page.getByTestId('sweep-run').click();
    await expect(page.getByTestId('sweep-progress')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await expect(page.getByTestId('sweep-answer')).toHaveAttribute('data-marked', /\d/);
    expect(await serious(page), 'sweep').toEqual([]);
    await shoot(page, `sweep-1600x1000-${theme}`);
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('open-theory').click();
    await page.getByTestId('theory-replications').fill('8');
    await page.getByTestId('theory-run').click();
    await expect(page.getByTestId('theory-replications-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await expect(page.getByTestId('theory-station-web')).toHaveAttribute('data-model', 'M/M/4');
    await expect(page.getByTestId('theory-station-jobs')).toHaveAttribute('data-model', 'M/M/4');
    await expect(page.getByTestId('theory-db-failed')).toBeVisible();
    expect(await serious(page), 'theory').toEqual([]);
    await shoot(page, `theory-1600x1000-${theme}`);
  });
}
