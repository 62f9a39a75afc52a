/**
 * A/B compare, as a person does it: Compare copies the design as B, B's database gets a
 * slower service time (1 → 1.2 ms) in the inspector, A and B run side by side over the same seeds in Web
 * Workers, and the difference table gives B − A with a paired interval that is narrower than
 * the unpaired one (read from the rows' data). A is never changed: after leaving compare the
 * canvas holds A exactly as it was, and so does the autosaved work.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { currentDocument, hook, openWith } from './helpers';

/** A web tier in front of a database-like server: B changes only the database's service time. */
const DESIGN = {
  version: 1,
  name: 'Web and database',
  seed: 11,
  durationMs: 20_000,
  warmupMs: 1000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 400 } },
    { id: 'web', kind: 'server', label: 'Web', position: { x: 280, y: 100 }, config: { concurrency: 4, queueCapacity: 100000, io: 'async', serviceTime: { dist: 'exponential', meanMs: 8 } } },
    { id: 'db', kind: 'server', label: 'Database', position: { x: 560, y: 100 }, config: { concurrency: 1, queueCapacity: 100000, serviceTime: { dist: 'exponential', meanMs: 1 } } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'web' },
    { id: 'e2', from: 'web', to: 'db' },
  ],
};

const dbMean = (doc: Record<string, unknown>) =>
  ((doc.nodes as { id: string; config: { serviceTime: { meanMs: number } } }[]).find((n) => n.id === 'db')!).config.serviceTime.meanMs;

async function row(page: Page, figure: string) {
  const r = page.getByTestId(`ab-row-${figure}`);
  return {
    difference: Number(await r.getAttribute('data-difference')),
    paired: Number(await r.getAttribute('data-paired')),
    unpaired: Number(await r.getAttribute('data-unpaired')),
    text: (await r.textContent()) ?? '',
  };
}

test('A/B: B with a slower database; the paired interval is narrower than the unpaired one; A unchanged after', async ({ page }) => {
  // The size of the README's screenshots.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openWith(page, DESIGN);
  const before = await currentDocument(page);

  await page.getByTestId('compare').click();
  await expect(page.getByTestId('compare-banner')).toHaveAttribute('data-editing', 'B');
  await expect(page.getByTestId('compare-editing')).toHaveText('Editing B, a copy of A to change');
  await expect(page.getByTestId('scenario-name')).toHaveText('Web and database (B)');

  // Change B's database in the inspector, the way any edit is made.
  await page.getByTestId('node-db').click();
  await page.getByTestId('field-serviceTime-mean').fill('1.2');
  await page.getByTestId('field-serviceTime-mean').press('Tab');
  await expect.poll(async () => dbMean(await currentDocument(page))).toBe(1.2);

  // A is still A: switch to it, look, and back to B.
  await page.getByTestId('edit-a').click();
  await expect(page.getByTestId('compare-banner')).toHaveAttribute('data-editing', 'A');
  expect(await currentDocument(page)).toEqual(before);
  await page.getByTestId('edit-b').click();
  expect(dbMean(await currentDocument(page))).toBe(1.2);

  // The runs go to Web Workers of their own, not the page's thread.
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.getByTestId('ab-pairs').fill('8');
  await page.getByTestId('ab-seconds').fill('10');
  await page.getByTestId('ab-run').click();
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  expect(workers.some((u) => /compareWorker/.test(u)), workers.join(', ')).toBe(true);

  // Overlaid charts of A and B, drawn.
  await expect(page.getByTestId('ab-latency-chart')).toHaveAttribute('data-points', '120');
  await expect(page.getByTestId('ab-latency-chart').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('ab-throughput-chart').locator('canvas')).toHaveCount(1);

  // The slower database makes B slower, and pairing pins the difference far more tightly.
  const mean = await row(page, 'latencyMs.mean');
  expect(mean.difference).toBeGreaterThan(0);
  expect(mean.paired).toBeGreaterThan(0);
  expect(mean.unpaired / mean.paired, `paired ±${mean.paired} vs unpaired ±${mean.unpaired}`).toBeGreaterThanOrEqual(3);
  expect(mean.difference - mean.paired).toBeGreaterThan(0);
  expect(mean.text).toContain('B higher');
  expect(mean.text).toMatch(/\d+× narrower/);
  const p99 = await row(page, 'latencyMs.p99');
  expect(p99.unpaired).toBeGreaterThan(p99.paired);
  // Same arrivals in A and B: throughput differs by no more than requests in flight.
  await expect(page.getByTestId('ab-row-throughputRps')).toBeVisible();
  await expect(page.getByTestId('ab-row-errorRate')).toBeVisible();
  await expect(page.getByTestId('ab-sentence')).toContainText('narrower than the');

  if (process.env.ARCHSIM_SCREENSHOT) await page.screenshot({ path: 'docs/screenshots/ab-compare.png' });
  else await page.screenshot({ path: 'test-results/ab-compare.png' });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`)).toEqual([]);

  // Leaving compare puts A back exactly as it was, and A is what is saved.
  await page.getByTestId('leave-compare').click();
  await expect(page.getByTestId('compare-banner')).toHaveCount(0);
  await expect(page.getByTestId('latency-chart')).toBeVisible();
  expect(await currentDocument(page)).toEqual(before);
  await expect(page.getByTestId('scenario-name')).toHaveText('Web and database');
  await expect.poll(async () => JSON.parse((await hook(page, (h) => h.savedDocumentText())) ?? 'null')).toEqual(before);
});

test('while B is on the canvas, the autosaved work is still A (dark theme, axe-clean)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openWith(page, DESIGN);
  const before = await currentDocument(page);
  await page.getByTestId('compare').click();
  await page.getByTestId('node-db').click();
  await page.getByTestId('field-serviceTime-mean').fill('3');
  await page.getByTestId('field-serviceTime-mean').press('Tab');
  await expect.poll(async () => dbMean(await currentDocument(page))).toBe(3);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`)).toEqual([]);
  await page.waitForTimeout(800); // past the autosave delay
  expect(JSON.parse((await hook(page, (h) => h.savedDocumentText())) ?? 'null')).toEqual(before);
  // Reloading restores A, not B.
  await page.reload();
  await expect(page.getByTestId('scenario-name')).toHaveText('Web and database');
  expect(dbMean(await currentDocument(page))).toBe(1);
});

test('the A/B view, its workers and the waterfall load only when used, not with the first screen', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (/\.m?js(\?|$)/.test(r.url())) scripts.push(r.url().split('/').pop()!);
  });
  await openWith(page, DESIGN);
  await expect(page.getByTestId('latency-chart')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const lazy = /^(CompareView|CompareBanner|TracesDialog|compareWorker)-/;
  expect(scripts.filter((s) => lazy.test(s))).toEqual([]);
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  expect(scripts.some((s) => s.startsWith('CompareView-'))).toBe(true);
  expect(scripts.some((s) => s.startsWith('TracesDialog-'))).toBe(false);
});
