/** The data tier in the app (issue 6): every kind runs, caches and databases read well and show their live figures. */
import { expect, test } from '@playwright/test';
import { NODE_KINDS } from '../src/model';
import { chartColumn, connect } from './helpers';

test('no kind is marked "soon": the engine simulates every kind in the palette', async ({ page }) => {
  await page.goto('/');
  // The worker answers which kinds run (simulatedKinds()); once it has, no palette item carries the mark.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __archsim: { simulatedKinds(): string[] | null } }).__archsim.simulatedKinds()))
    .toEqual([...NODE_KINDS]);
  await expect(page.locator('[data-testid^="palette-"]')).toHaveCount(NODE_KINDS.length);
  await expect(page.locator('[data-testid^="soon-"]')).toHaveCount(0);
});

test('drag a cache and a database onto the canvas, wire server → cache → database, play, see the hit rate on the cache node and its chart fill', async ({ page }) => {
  await page.goto('/');
  const canvas = page.getByTestId('canvas');
  // Dropped under the balancer and the users, clear of the other nodes, the controls and the minimap
  // (measured each time: a message above the canvas may have moved it).
  const below = async (id: string) => {
    const box = (await canvas.boundingBox())!;
    const b = (await page.getByTestId(`node-${id}`).boundingBox())!;
    return { x: b.x - box.x + b.width / 2, y: Math.min(box.height - 40, b.y - box.y + b.height + 110) };
  };
  await page.getByTestId('palette-cache').dragTo(canvas, { targetPosition: await below('lb') });
  await expect(page.getByTestId('node-cache-1')).toBeVisible();
  // The inspector reads as a cache: its capacity in entries, its eviction and write strategy explained.
  const inspector = page.getByTestId('inspector-node');
  await expect(inspector).toHaveAttribute('data-node-id', 'cache-1');
  await expect(inspector).toContainText('Capacity');
  await expect(inspector).toContainText('entries');
  await expect(inspector).toContainText('Eviction');
  await expect(inspector).toContainText('Write strategy');
  // A little lower than the cache: a perfectly level line has no height, and Playwright would call it hidden.
  const db = await below('users');
  await page.getByTestId('palette-database').dragTo(canvas, { targetPosition: { x: db.x, y: db.y - 40 } });
  await expect(page.getByTestId('node-database-1')).toBeVisible();
  await expect(inspector).toContainText('Connections');
  await expect(inspector).toContainText('Pool timeout');
  await expect(inspector).toContainText('Replication lag');

  // The design cannot run until the cache has something behind it; the message (above the canvas)
  // must be in place before a handle is measured, or the canvas moves under the pointer.
  await expect(page.getByTestId('problems')).toContainText('cache "cache-1" has no downstream node');
  await connect(page, 'web', 'cache-1');
  await connect(page, 'cache-1', 'database-1');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  // A cache in the design brings its hit-rate chart beside latency.
  await expect(page.getByTestId('hit-rate-chart')).toBeVisible();

  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  // The cache node shows its hit rate, the database its connections in use.
  await expect(page.getByTestId('node-live-cache-1').locator('[data-figure="hitRate"]')).toHaveText(/^hit \d+%$/, { timeout: 20_000 });
  await expect(page.getByTestId('node-live-database-1').locator('[data-figure="connections"]')).toHaveText(/^conn \d+\/\d+$/);
  await expect.poll(() => page.getByTestId('hit-rate-chart').getAttribute('data-points').then(Number), { timeout: 20_000 }).toBeGreaterThan(20);
  await page.getByTestId('pause').click();
  // Each call is drawn as thick as its traffic against the busiest: 1.5 px plus 6 px × its share.
  const edges = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="edge-traffic-"]')].map((label) => {
      const id = label.getAttribute('data-testid')!.replace('edge-traffic-', '');
      const path = document.querySelector(`.react-flow__edge[data-id="${id}"] .react-flow__edge-path`) as SVGPathElement;
      return { calls: Number(label.getAttribute('data-calls')), width: parseFloat(path.style.strokeWidth) };
    }),
  );
  expect(edges.length).toBe(4);
  const busiest = Math.max(...edges.map((e) => e.calls));
  for (const e of edges) expect(e.width).toBeCloseTo(1.5 + (6 * e.calls) / busiest, 0);
  // The cache's misses reach the database: a thinner line than the calls into the cache.
  expect(new Set(edges.map((e) => Math.round(e.width))).size).toBeGreaterThan(1);
  // The chart's series has values, and they are hit rates: between 0 and 1, some reads hit.
  const hits = await chartColumn(page, 'cache-1:hitRate');
  expect(hits.length).toBeGreaterThan(10);
  expect(Math.max(...hits)).toBeGreaterThan(0);
  expect(Math.max(...hits)).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('hit-rate-chart-values')).toContainText(/cache-1 \d+(\.\d)?%/);
});

test('a queue shows its depth and lag on the canvas', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('palette-queue').click();
  await expect(page.getByTestId('node-queue-1')).toBeVisible();
  await connect(page, 'web', 'queue-1');
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await connect(page, 'queue-1', 'server-1');
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  const live = page.getByTestId('node-live-queue-1');
  await expect(live.locator('[data-figure="depth"]')).toHaveText(/^depth \d/, { timeout: 20_000 });
  await expect(live.locator('[data-figure="lag"]')).toHaveText(/^lag \d/);
  await page.getByTestId('pause').click();
});
