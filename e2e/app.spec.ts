import { expect, test } from '@playwright/test';

test('add a server, play, see the charts fill, pause, reset', async ({ page }) => {
  await page.goto('/');
  // The default scenario: client → load balancer → server.
  await expect(page.getByTestId('node-users')).toBeVisible();
  await expect(page.getByTestId('node-lb')).toBeVisible();
  await expect(page.getByTestId('node-web')).toBeVisible();

  // Add a server from the palette; it appears on the canvas and in the inspector.
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await expect(page.getByTestId('inspector-node')).toHaveAttribute('data-node-id', 'server-1');

  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('Running');

  // The latency chart draws a line once a few frames have arrived.
  const latency = page.getByTestId('latency-chart');
  await expect.poll(async () => Number(await latency.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThan(3);
  await expect(latency.locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('node-live-web')).toBeVisible();

  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  const pausedAt = await page.getByTestId('progress').getAttribute('value');
  expect(Number(pausedAt)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/app-paused.png' });

  // Paused means paused: simulated time stands still.
  await page.waitForTimeout(400);
  expect(await page.getByTestId('progress').getAttribute('value')).toBe(pausedAt);

  await page.getByTestId('reset').click();
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
  await expect(page.getByTestId('progress')).toHaveAttribute('value', '0');
  await expect(latency).toHaveAttribute('data-points', '0');
});

test('step advances one frame of simulated time', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await page.getByTestId('step').click();
  await expect.poll(async () => Number(await page.getByTestId('progress').getAttribute('value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('latency-chart')).toHaveAttribute('data-points', '1');
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
});

test('the inspector refuses an invalid value and says why', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('node-web').click();
  const replicas = page.getByTestId('field-replicas');
  await expect(replicas).toHaveValue('2');
  await replicas.fill('0');
  await expect(page.getByTestId('field-replicas-error')).toContainText('must be an integer');
  // The document kept its valid value: the node still says 2 replicas.
  await expect(page.getByTestId('node-web')).toContainText('2 × 4 workers');
  await replicas.fill('3');
  await expect(page.getByTestId('field-replicas-error')).toHaveCount(0);
  await expect(page.getByTestId('node-web')).toContainText('3 × 4 workers');
});

test('a client with no outgoing edge is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('palette-client').click();
  await expect(page.getByTestId('node-client-1')).toBeVisible();
  await page.getByTestId('play').click();
  await expect(page.getByTestId('problems')).toContainText('client-1');
});

test('the design survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('palette-database').click();
  await expect(page.getByTestId('node-database-1')).toBeVisible();
  await page.waitForTimeout(500); // saving is debounced
  await page.reload();
  await expect(page.getByTestId('node-database-1')).toBeVisible();
});

test('the static assets are served: favicon, web manifest and its icons, social preview image', async ({ page, request }) => {
  await page.goto('/');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(manifestHref!)).json();
  expect(manifest.short_name).toBe('archsim');
  const assets = [
    await page.locator('link[rel="icon"]').getAttribute('href'),
    await page.locator('meta[property="og:image"]').getAttribute('content'),
    ...manifest.icons.map((icon: { src: string }) => `/${icon.src}`),
  ];
  for (const asset of assets) {
    const response = await request.get(asset!);
    expect(response.status(), asset!).toBe(200);
    expect((await response.body()).byteLength, asset!).toBeGreaterThan(200);
  }
});
