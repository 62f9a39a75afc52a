import { expect, test, type Page } from '@playwright/test';

async function centre(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
});

test('drag a server from the palette onto the canvas', async ({ page }) => {
  await page.getByTestId('palette-server').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 200, y: 420 } });
  await expect(page.getByTestId('node-server-1')).toBeVisible();
});

test('connect two nodes by their handles', async ({ page }) => {
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  const from = await centre(page, '.react-flow__node[data-id="lb"] .react-flow__handle.source');
  const to = await centre(page, '.react-flow__node[data-id="server-1"] .react-flow__handle.target');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  // The new call is in the document: the load balancer now spreads over both servers.
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await page.getByTestId('latency-chart').getAttribute('data-points'))).toBeGreaterThan(3);
  await expect(page.getByTestId('node-live-server-1')).toContainText('1/1 up');
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('move a node by dragging it', async ({ page }) => {
  const before = await centre(page, '[data-testid="node-web"]');
  await page.mouse.move(before.x, before.y - 30);
  await page.mouse.down();
  await page.mouse.move(before.x + 40, before.y + 60, { steps: 10 });
  await page.mouse.move(before.x + 80, before.y + 120, { steps: 10 });
  await page.mouse.up();
  const after = await centre(page, '[data-testid="node-web"]');
  expect(after.y - before.y).toBeGreaterThan(60);
  // The move reached the document, which is saved (the default scenario has web at y = 120).
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const hook = (window as unknown as { __archsim: { savedDocumentText(): Promise<string | null> } }).__archsim;
        const saved = JSON.parse((await hook.savedDocumentText()) ?? '{"nodes":[]}') as {
          nodes: { id: string; position: { y: number } }[];
        };
        return saved.nodes.find((n) => n.id === 'web')?.position.y ?? 0;
      }),
    )
    .toBeGreaterThan(170);
});

test('delete a node with the keyboard', async ({ page }) => {
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await page.getByTestId('node-server-1').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-server-1')).toHaveCount(0);
  await expect(page.getByTestId('inspector-scenario')).toBeVisible();
});

test('edit an edge latency in the inspector', async ({ page }) => {
  await page.locator('.react-flow__edge[data-id="e2"]').click({ force: true });
  await expect(page.getByTestId('inspector-edge')).toHaveAttribute('data-edge-id', 'e2');
  const mean = page.getByTestId('field-latency-mean');
  await mean.fill('-3');
  await expect(page.getByTestId('field-latency-mean-error')).toBeVisible();
  await mean.fill('4');
  await expect(page.getByTestId('field-latency-mean-error')).toHaveCount(0);
});
