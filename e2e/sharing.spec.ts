/**
 * Share links, import and export, as a person uses them: change a design, copy its link,
 * open it in a fresh browser; open links made elsewhere; refuse bad links and files with a
 * message that names the field, and never lose the work on the canvas.
 */
import { expect, test } from '@playwright/test';
import { currentDocument, independentLink, reportOfCurrent, SMALL_DOCUMENT } from './helpers';

test('change a scenario, copy its link, open it in a fresh page and see the same scenario', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  // Change it: rename, another seed, more traffic, a new server.
  await page.getByTestId('field-name').fill('My shared design');
  await page.getByTestId('field-seed').fill('4242');
  await page.getByTestId('node-users').click();
  await page.getByTestId('field-rps').fill('333');
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();

  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-status')).toHaveText('Link copied to the clipboard.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
  expect(await page.getByTestId('share-link').inputValue()).toBe(link);
  const original = await currentDocument(page);
  const originalReport = await reportOfCurrent(page);
  await page.screenshot({ path: 'test-results/share-popover.png' });

  // A fresh browser (nothing stored) opens the link.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('scenario-name')).toHaveText('My shared design');
  await expect(other.getByTestId('node-server-1')).toBeVisible();
  await expect(other.getByTestId('document-info')).toContainText('Opened a shared scenario');
  await expect(other.getByTestId('save-state')).toHaveText('Unsaved');
  expect(await currentDocument(other)).toEqual(original);
  // The fragment is gone from the address, so a reload keeps the work instead of reopening.
  expect(new URL(other.url()).hash).toBe('');
  // Same document, same seed: the same numbers.
  expect(await reportOfCurrent(other)).toEqual(originalReport);
  await context.close();
  await fresh.close();
});

test('a link opens beside the work already there, never over it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('field-name').fill('My own work');
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  const mine = await currentDocument(page);

  await page.goto(independentLink(SMALL_DOCUMENT));
  await expect(page.getByTestId('scenario-name')).toHaveText('Shared from elsewhere');
  await expect(page.getByTestId('node-shop')).toBeVisible();
  await expect(page.getByTestId('document-info')).toContainText('Your previous design "My own work" was kept in your library');

  // The previous work is in the library, whole; opening it brings it back.
  await page.getByTestId('designs').click();
  const row = page.getByTestId('library-row').filter({ hasText: 'My own work' });
  await expect(row).toHaveCount(1);
  await row.getByTestId('library-open').click();
  await expect(page.getByTestId('scenario-name')).toHaveText('My own work');
  expect(await currentDocument(page)).toEqual(mine);
});

test('a link made by an independent encoder opens, and its run matches', async ({ page }) => {
  await page.goto(independentLink(SMALL_DOCUMENT));
  await expect(page.getByTestId('node-shoppers')).toBeVisible();
  const opened = await currentDocument(page);
  expect(opened).toMatchObject({ name: 'Shared from elsewhere', seed: 77, durationMs: 5000 });
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished');
});

test('bad links name the problem and leave the work alone', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('field-name').fill('Precious work');
  await expect(page.getByTestId('scenario-name')).toHaveText('Precious work');
  const before = await currentDocument(page);
  const good = independentLink(SMALL_DOCUMENT);
  const invalid = independentLink({ ...SMALL_DOCUMENT, nodes: [SMALL_DOCUMENT.nodes[0], { id: 'shop', kind: 'server', config: { replicas: 0 } }] });
  const cases: [string, RegExp][] = [
    ['/#s=%%%not-base64', /\(link\): is not a valid archsim link: character "%"/],
    [good.slice(0, good.length - 8), /\(link\): is cut short/],
    ['/#s=AAAAAAAAAAAAAAAA', /\(link\): is (corrupt|cut short)/],
    [invalid, /nodes\[1\]\.config\.replicas: must be an integer ≥ 1/],
    ['/#s=', /\(link\): is empty/],
  ];
  for (const [link, message] of cases) {
    await page.goto(link);
    await expect(page.getByTestId('document-problem')).toContainText('This link cannot be opened: your work is unchanged');
    await expect(page.getByTestId('document-problem')).toContainText(message);
    expect(await currentDocument(page)).toEqual(before);
  }
  await page.screenshot({ path: 'test-results/bad-link.png' });
});

test('a link that inflates to 50 MB is refused quickly', async ({ page }) => {
  const { deflateRawSync } = await import('node:zlib');
  const bomb = deflateRawSync(Buffer.alloc(50 * 1024 * 1024, 0x20)).toString('base64url');
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await page.goto(`/#s=${bomb}`);
  await expect(page.getByTestId('document-problem')).toContainText('inflates to more than 1.0 MB');
  await expect(page.getByTestId('node-web')).toBeVisible();
});

test('markup and script in a label stay text', async ({ page }) => {
  const label = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  const doc = { ...SMALL_DOCUMENT, name: '<script>window.__pwned=2</script>', nodes: [{ ...SMALL_DOCUMENT.nodes[0], label }, SMALL_DOCUMENT.nodes[1]] };
  await page.goto(independentLink(doc));
  await expect(page.getByTestId('node-shoppers')).toContainText(label);
  await expect(page.getByTestId('scenario-name')).toHaveText('<script>window.__pwned=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('[data-testid="node-shoppers"] img')).toHaveCount(0);
});

test('embed mode shows the canvas and charts, read-only, and stores nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('field-name').fill('Visitor work');
  await expect(page.getByTestId('scenario-name')).toHaveText('Visitor work');
  await page.goto(independentLink(SMALL_DOCUMENT, { embed: true }));
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('node-shop')).toBeVisible();
  await expect(page.getByTestId('latency-chart')).toBeVisible();
  await expect(page.locator('[data-testid^="palette-"]')).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await expect(page.getByTestId('share')).toHaveCount(0);
  // Nodes cannot be dragged (the pointer pans the view instead: both nodes move together) or deleted.
  const node = page.getByTestId('node-shop');
  const gap = async () => (await node.boundingBox())!.y - (await page.getByTestId('node-shoppers').boundingBox())!.y;
  const gapBefore = await gap();
  const before = await node.boundingBox();
  await page.mouse.move(before!.x + 20, before!.y + 10);
  await page.mouse.down();
  await page.mouse.move(before!.x + 120, before!.y + 130, { steps: 10 });
  await page.mouse.up();
  expect(await gap()).toBeCloseTo(gapBefore, 0);
  expect(await currentDocument(page)).toMatchObject({ nodes: [{ position: { x: 0, y: 0 } }, { position: { x: 320, y: 0 } }] });
  await node.click();
  await page.keyboard.press('Delete');
  await expect(node).toBeVisible();
  // It runs.
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished');
  await page.screenshot({ path: 'test-results/embed.png' });
  // The visitor's own work was not touched.
  await page.goto('/');
  await expect(page.getByTestId('scenario-name')).toHaveText('Visitor work');
});
