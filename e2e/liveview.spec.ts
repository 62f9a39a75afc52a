/**
 * The live view that explains (issue 9): the explainer's words for an overloaded server, edges
 * with their traffic and breaker, per-node charts, the whole run after its end, exports,
 * themes, and the layout at 1024 × 700.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chartColumn, openWith, OVERLOADED } from './helpers';

const view = (page: Page) =>
  page.evaluate(() => (window as unknown as { __archsim: { chartView(): { points: number; firstT: number; lastT: number; frames: number } } }).__archsim.chartView());

test('an overloaded server: the explainer names its queue and its capacity, in the run\'s own numbers', async ({ page }) => {
  await openWith(page, OVERLOADED);
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  const finding = page.getByTestId('finding-queueFull-web');
  await expect(finding).toContainText(/queue full \(50 per instance\) → 503 for \d+% of requests: 1,[78]\d\d rps offered to 3 × 4 workers at 8 ms each \(capacity 1,500 rps\)/, {
    timeout: 20_000,
  });
  // Once the smoothing has settled, the share refused is the excess: 300 of 1,800 rps, 17%.
  const share = async () => Number(/for (\d+)%/.exec((await finding.textContent())!)![1]);
  await expect.poll(share, { timeout: 15_000 }).toBeGreaterThanOrEqual(14);
  expect(await share()).toBeLessThanOrEqual(20);
  // The node carries a badge saying the same.
  await expect(page.getByTestId('why-web')).toHaveText('⚠ failing');
  await expect(page.getByTestId('why-web')).toHaveAttribute('title', /queue full .*\(capacity 1,500 rps\)/);
  // The edges show their traffic: about 1,800 calls a second into the balancer, the refused share in red.
  const e2 = page.getByTestId('edge-traffic-e2');
  await expect.poll(async () => Number(await e2.getAttribute('data-calls'))).toBeGreaterThan(1500);
  await expect.poll(async () => Number(await e2.getAttribute('data-fail-rate'))).toBeGreaterThan(0.1);
  await expect(page.locator('.react-flow__edge[data-id="e2"] .edge-failing')).toHaveCount(1);
  // The selected node's own charts fill in the inspector.
  await page.getByTestId('node-web').click();
  await expect(page.getByTestId('node-charts')).toBeVisible();
  await expect.poll(() => page.getByTestId('node-utilization-chart').getAttribute('data-points').then(Number)).toBeGreaterThan(5);
  await expect(page.getByTestId('node-queue-chart-values')).toContainText(/waiting \d+ waiting/);
  await page.getByTestId('pause').click();
});

test('a breaker opens when its callee crashes: its state on the edge, and the explainer says since when and why', async ({ page }) => {
  await openWith(page, {
    version: 1,
    name: 'Breaker',
    seed: 3,
    durationMs: 60_000,
    nodes: [
      { id: 'users', kind: 'client', position: { x: 0, y: 0 }, config: { rps: 300 } },
      { id: 'web', kind: 'server', position: { x: 280, y: 0 }, config: { replicas: 1, concurrency: 16, serviceTime: 2 } },
      { id: 'db', kind: 'server', position: { x: 560, y: 0 }, config: { replicas: 1, concurrency: 16, serviceTime: 2 } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'web' },
      { id: 'e2', from: 'web', to: 'db', config: { circuitBreaker: { failureRateThreshold: 0.5, minimumCalls: 10, windowMs: 1000, openMs: 60_000, halfOpenCalls: 2 } } },
    ],
    faults: [{ atMs: 3000, action: 'crash', target: 'db' }],
  });
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('edge-traffic-e2')).toHaveAttribute('data-breaker', 'closed', { timeout: 15_000 });
  await expect(page.getByTestId('edge-traffic-e2')).toHaveAttribute('data-breaker', 'open', { timeout: 20_000 });
  await expect(page.getByTestId('edge-traffic-e2')).toContainText('breaker open');
  await expect(page.getByTestId('finding-breakerOpen-web')).toContainText(/breaker open on web → db since 3\.\d s: db crashed/);
  await expect(page.getByTestId('finding-instancesDown-db')).toContainText('db is down (crashed)');
  await page.getByTestId('pause').click();
});

test('after a run to its end the charts show the whole run, downsampled; CSV and PNG export what is shown', async ({ page }) => {
  await openWith(page, { ...OVERLOADED, durationMs: 1_200_000 });
  // 1× makes frames every 100 ms; the rest of the run at full speed makes 600 more: more than the recent window keeps.
  await page.getByTestId('play').click();
  await expect.poll(async () => (await view(page)).frames, { timeout: 30_000 }).toBeGreaterThan(75);
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });
  const whole = await view(page);
  expect(whole.frames).toBeGreaterThan(660);
  expect(whole.firstT).toBeLessThan(1);
  expect(whole.lastT).toBe(1200);
  expect(whole.points).toBeLessThanOrEqual(whole.frames);
  // The recent window alone no longer reaches back to the start.
  expect((await chartColumn(page, 't'))[0]).toBeGreaterThan(1);
  await expect(page.getByTestId('latency-chart')).toHaveAttribute('data-points', String(whole.frames));

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('latency-chart-csv').click()]);
  const text = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
  expect(text[0]).toBe('t (s),p50 (ms),p95 (ms),p99 (ms)');
  expect(text.length - 1).toBe(whole.points);
  expect(Number(text.at(-1)!.split(',')[0])).toBe(1200);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('throughput-chart-png').click()]);
  expect(png.suggestedFilename()).toBe('archsim-throughput-by-outcome.png');
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(bytes.byteLength).toBeGreaterThan(5_000);
});

test('smoothing averages the plotted series over a time window', async ({ page }) => {
  await openWith(page, OVERLOADED);
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(() => page.getByTestId('latency-chart').getAttribute('data-points').then(Number), { timeout: 20_000 }).toBeGreaterThan(40);
  await page.getByTestId('pause').click();
  const csvRows = async () => {
    // The rejected series (Poisson arrivals into a full queue: it varies from frame to frame).
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('throughput-chart-csv').click()]);
    return readFileSync((await d.path())!, 'utf8').trim().split('\n').slice(2).map((r) => Number(r.split(',')[3]));
  };
  const spread = (xs: number[]) => Math.max(...xs.slice(10)) - Math.min(...xs.slice(10));
  const raw = await csvRows();
  expect(spread(raw)).toBeGreaterThan(0);
  await page.getByTestId('chart-smoothing').selectOption('5');
  const smooth = await csvRows();
  expect(smooth.length).toBe(raw.length);
  expect(spread(smooth)).toBeLessThan(spread(raw) / 2);
});

test('themes follow the system and can be switched; the choice is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The theme is set on <html> before the app renders: wait for the panel before reading it.
  await expect(page.getByTestId('inspector')).toBeVisible();
  const bg = () => page.getByTestId('inspector').evaluate((el) => getComputedStyle(el).backgroundColor);
  const dark = await bg();
  await page.getByTestId('theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect.poll(bg).not.toBe(dark);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme').selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

/** The smallest text on any node, on screen, px (font size × the canvas zoom). */
async function smallestNodeText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    let min = Infinity;
    for (const el of document.querySelectorAll('.react-flow__node *, .edge-label, .edge-label *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own || (el as HTMLElement).offsetParent === null) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * zoom;
      if (size < min) min = size;
    }
    return min;
  });
}

test('at 1024 × 700 the panels fold away and node text never reads below 11 px, zoomed in or out', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const webApp = JSON.parse(readFileSync('examples/web-app.json', 'utf8')) as Record<string, unknown>;
  await openWith(page, webApp);
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('node-live-web')).toBeVisible();
  expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(11);
  const canvasWidth = async () => (await page.getByTestId('canvas').boundingBox())!.width;
  const paletteWidth = async () => (await page.locator('.palette').boundingBox())!.width;
  // At 1024 px the palette starts folded into a rail of badges; its items still add nodes.
  expect(await paletteWidth()).toBeLessThan(70);
  await expect(page.getByTestId('palette-cache')).toBeVisible();
  const before = await canvasWidth();
  await page.getByTestId('toggle-inspector').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  expect(await canvasWidth()).toBeGreaterThan(before + 200);
  await page.getByTestId('toggle-palette').click();
  expect(await paletteWidth()).toBeGreaterThan(150);
  await page.getByTestId('toggle-palette').click();
  // Zoomed far out (the far view) and in: still ≥ 11 px.
  for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomout').click();
  await expect(page.locator('.canvas.zoom-far')).toHaveCount(1);
  expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(11);
  for (let i = 0; i < 8; i++) await page.locator('.react-flow__controls-zoomin').click();
  await expect(page.locator('.canvas.zoom-far')).toHaveCount(0);
  expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(11);
  // Nothing in the top bar overflows the window.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByTestId('pause').click();
});

test('the overview map keeps to a small corner: see-through until used, gone when the canvas is short', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openWith(page, OVERLOADED);
  const map = page.locator('.react-flow__minimap');
  await expect(map).toBeVisible();
  const box = (await map.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(150);
  expect(box.height).toBeLessThanOrEqual(100);
  const opacity = () => map.evaluate((el) => Number(getComputedStyle(el).opacity));
  expect(await opacity()).toBeLessThan(0.8);
  await map.hover();
  await expect.poll(opacity).toBe(1);
  await page.screenshot({ path: 'test-results/minimap-tall.png' });
  // A laptop's short canvas under the panels: no corner to give away.
  await page.setViewportSize({ width: 1400, height: 640 });
  expect((await page.getByTestId('canvas').boundingBox())!.height).toBeLessThan(420);
  await expect(map).toBeHidden();
  await page.screenshot({ path: 'test-results/minimap-short.png' });
});
