/** The inspector, generated from the schema: every field, validation as you type, optional structures, rows, raw JSON. */
import { expect, test } from '@playwright/test';
import { hook, openWith, simTime, clickCanvasBackground } from './helpers';

test('an invalid value shows its message naming the field, and the run keeps the last valid configuration', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('node-web').click();
  await page.getByTestId('play').click();
  await expect(page.getByTestId('node-live-web')).toContainText('2/2 up');

  const replicas = page.getByTestId('field-replicas');
  await replicas.fill('0');
  await expect(page.getByTestId('field-replicas-error')).toContainText('replicas: must be an integer ≥ 1');
  await expect(page.getByTestId('field-replicas-error')).toContainText('the run keeps 2');
  const at = await simTime(page);
  await expect.poll(() => simTime(page)).toBeGreaterThan(at + 500);
  // Nothing reached the document or the run: still two instances, no stale notice.
  await expect(page.getByTestId('node-live-web')).toContainText('2/2 up');
  await expect(page.getByTestId('node-web')).toContainText('2 × 4 workers');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  expect(await hook(page, (h) => (h.currentDocument().nodes[2] as unknown as { config: { replicas: number } }).config.replicas)).toBe(2);

  // A valid value goes through, live.
  await replicas.fill('3');
  await expect(page.getByTestId('field-replicas-error')).toHaveCount(0);
  await expect(page.getByTestId('node-live-web')).toContainText('3/3 up');

  // Nested fields name their path.
  await page.getByTestId('field-scaleSchedule-add').click();
  await page.getByTestId('field-scaleSchedule-0-replicas').fill('0');
  await expect(page.getByTestId('field-scaleSchedule-0-replicas-error')).toContainText('scaleSchedule[0].replicas: must be an integer');
  await page.getByTestId('pause').click();
});

test('a timeout and a retry set on an edge from the form show as timeouts in the run’s results', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('field-durationMs').fill('10000');
  await page.locator('.react-flow__edge[data-id="e2"]').click({ force: true });
  await expect(page.getByTestId('inspector-edge')).toHaveAttribute('data-edge-id', 'e2');

  await page.getByTestId('field-timeoutMs-on').check();
  await page.getByTestId('field-timeoutMs').fill('15');
  await page.getByTestId('field-retry-on').check();
  await expect(page.getByTestId('field-retry-maxAttempts')).toHaveValue('3');
  await page.getByTestId('field-retry-maxAttempts').fill('2');
  await page.getByTestId('field-retry-baseDelayMs').fill('5');
  const edge = await hook(page, (h) => h.currentDocument().edges.find((e) => e.id === 'e2')!.config);
  expect(edge).toMatchObject({ timeoutMs: 15, retry: { maxAttempts: 2, baseDelayMs: 5, multiplier: 2 } });

  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
  const timeouts = page.getByTestId('report-edge-e2-timeouts');
  await expect(timeouts).toBeVisible();
  expect(Number(await timeouts.textContent())).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('report-edge-e2-retries').textContent())).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('report-requests-timeout').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('inspector-edge-results')).toContainText('timeouts');
});

test('optional structures switch on with defaults and off again; undo goes back one step', async ({ page }) => {
  await page.goto('/');
  await page.locator('.react-flow__edge[data-id="e2"]').click({ force: true });
  await page.getByTestId('field-circuitBreaker-on').check();
  await expect(page.getByTestId('field-circuitBreaker-failureRateThreshold')).toHaveValue('0.5');
  await expect(page.getByTestId('field-circuitBreaker-minimumCalls')).toHaveValue('20');
  await page.getByTestId('field-circuitBreaker-on').uncheck();
  await expect(page.getByTestId('field-circuitBreaker-minimumCalls')).toHaveCount(0);
  await clickCanvasBackground(page);
  await page.keyboard.press('Control+z');
  expect(await hook(page, (h) => h.currentDocument().edges[1].config.circuitBreaker)).toMatchObject({ minimumCalls: 20 });
});

test('rows: a client’s paths are renamed and weighted; the raw JSON of a node is an advanced view', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('node-users').click();
  await page.getByTestId('field-paths-add').click();
  await page.getByLabel('Paths: name of row 2').fill('/api');
  await page.getByTestId('field-paths-/api').fill('3');
  const paths = await hook(page, (h) => (h.currentDocument().nodes[0] as unknown as { config: { paths: unknown } }).config.paths);
  expect(paths).toEqual({ '/': 1, '/api': 3 });

  await page.getByText('Advanced: raw JSON').click();
  const raw = page.getByTestId('field-raw-json');
  await expect(raw).toContainText('"/api": 3');
  const text = (await raw.inputValue()).replace('"rps": 800', '"rps": -1');
  await raw.fill(text);
  await expect(page.getByTestId('field-raw-json-error')).toContainText('nodes[0].config.rps: must be a number ≥ 0');
  await raw.fill(text.replace('"rps": -1', '"rps": 250'));
  await expect(page.getByTestId('field-raw-json-error')).toHaveCount(0);
  await expect(page.getByTestId('field-rps')).toHaveValue('250');
  // An accepted edit keeps the text as typed (no reformatting under the cursor); a change
  // from elsewhere (the form) shows in it.
  const compact = JSON.stringify(JSON.parse(text.replace('"rps": -1', '"rps": 260')));
  await raw.fill(compact);
  await expect(page.getByTestId('field-rps')).toHaveValue('260');
  await expect(raw).toHaveValue(compact);
  await page.getByTestId('field-rps').fill('270');
  await expect(raw).toHaveValue(/"rps": 270/);
});

const SHOWCASE = {
  version: 1,
  name: 'Inspector showcase',
  nodes: [
    { id: 'users', kind: 'client', position: { x: 0, y: 100 }, config: { rps: 400 } },
    { id: 'api', kind: 'server', label: 'API', position: { x: 260, y: 100 }, config: { replicas: 3, concurrency: 8, scaleSchedule: [{ atMs: 20000, replicas: 5 }] } },
    { id: 'redis', kind: 'cache', label: 'Redis', position: { x: 520, y: 40 }, config: { capacity: 5000, eviction: 'lfu', ttlMs: 30000 } },
    { id: 'pg', kind: 'database', position: { x: 780, y: 100 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'api' },
    { id: 'e2', from: 'api', to: 'redis', config: { timeoutMs: 200, retry: { maxAttempts: 3, baseDelayMs: 50, jitter: 'full' }, circuitBreaker: { failureRateThreshold: 0.5 } } },
    { id: 'e3', from: 'redis', to: 'pg' },
  ],
};

test('screenshots of the inspector: a server, an edge with retries and a breaker, a cache', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1700 });
  await openWith(page, SHOWCASE);
  // The edge's goes in the README (docs/ when refreshing it); the others are for looking at.
  const out = (name: string) => (process.env.ARCHSIM_SCREENSHOT && name === 'inspector-edge.png' ? `docs/${name}` : `test-results/${name}`);

  await page.getByTestId('node-api').click();
  await expect(page.getByTestId('field-replicas')).toHaveValue('3');
  await page.getByTestId('inspector').screenshot({ path: out('inspector-server.png') });

  await page.locator('.react-flow__edge[data-id="e2"]').click({ force: true });
  await expect(page.getByTestId('field-retry-jitter')).toHaveValue('full');
  await expect(page.getByTestId('field-circuitBreaker-openMs')).toHaveValue('5000');
  await page.screenshot({ path: out('inspector-edge.png') });

  await page.getByTestId('node-redis').click();
  await expect(page.getByTestId('field-eviction')).toHaveValue('lfu');
  await expect(page.getByTestId('field-ttlMs')).toHaveValue('30000');
  await page.getByTestId('inspector').screenshot({ path: out('inspector-cache.png') });
});
