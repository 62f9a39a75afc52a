/**
 * Where the editor meets the designs: opening another design is not an undo step, Ctrl+V is
 * both "paste copied nodes" and "open pasted scenario JSON", and the embedded view takes no
 * edits from any of the editor's ways in.
 */
import { expect, test } from '@playwright/test';
import { clickCanvasBackground, currentDocument, independentLink, SMALL_DOCUMENT } from './helpers';

test('opening another design starts a fresh undo history: Undo is off and Ctrl+Z changes nothing', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await expect(page.getByTestId('undo')).toBeEnabled();

  await page.getByTestId('new').click();
  await page.getByTestId('gallery-open-mm1').click();
  await expect(page.getByTestId('gallery-dialog')).toHaveCount(0);
  await expect(page.getByTestId('node-server-1')).toHaveCount(0);
  // The changed work it replaced is in the library, not in the undo history.
  await expect(page.getByTestId('document-info')).toContainText('was kept in your library');
  const opened = await currentDocument(page);
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect(page.getByTestId('redo')).toBeDisabled();
  await clickCanvasBackground(page);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+z');
  expect(await currentDocument(page)).toEqual(opened);

  // Edits of the opened design undo back to it as it was opened, and no further.
  await page.getByTestId('field-seed').fill('4321');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await clickCanvasBackground(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('undo')).toBeDisabled();
  expect(await currentDocument(page)).toEqual(opened);
});

test('Ctrl+V with scenario JSON on the clipboard opens it; after copying nodes, Ctrl+V pastes them', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(SMALL_DOCUMENT));
  await clickCanvasBackground(page);
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('scenario-name')).toHaveText('Shared from elsewhere');
  await expect(page.getByTestId('node-shop')).toBeVisible();
  await expect(page.getByTestId('node-web')).toHaveCount(0);

  // Copying nodes replaces the scenario text on the clipboard: the next Ctrl+V pastes nodes.
  await page.getByTestId('node-shop').click();
  await page.keyboard.press('Control+c');
  expect(await page.evaluate(() => navigator.clipboard.readText())).not.toContain('"version"');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(page.getByTestId('scenario-name')).toHaveText('Shared from elsewhere');
  const doc = await currentDocument(page);
  expect((doc.nodes as { kind: string }[]).filter((n) => n.kind === 'server')).toHaveLength(2);
});

test('the embedded view takes no edits: no actions menu, no fault scheduling, no editing keys, no paste', async ({ page }) => {
  const withFault = { ...SMALL_DOCUMENT, faults: [{ atMs: 2000, action: 'crash', target: 'shop' }] };
  await page.goto(independentLink(withFault, { embed: true }));
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('node-shop')).toBeVisible();
  const before = await currentDocument(page);
  expect(before).toMatchObject({ faults: [{ atMs: 2000, action: 'crash', target: 'shop' }] });

  await expect(page.getByTestId('node-menu-shop')).toHaveCount(0);
  await expect(page.getByTestId('fault-add')).toHaveCount(0);
  await expect(page.getByTestId('undo')).toHaveCount(0);
  // The scheduled fault is shown, not editable.
  const marker = page.getByTestId('fault-marker-0');
  await expect(marker).toBeVisible();
  expect(await marker.evaluate((el) => el.tagName)).toBe('SPAN');

  await page.getByTestId('node-shop').click({ button: 'right' });
  await expect(page.getByTestId('context-menu')).toHaveCount(0);
  await page.getByTestId('node-shop').click();
  for (const key of ['Control+a', 'Delete', 'Backspace', 'Control+d', 'ArrowRight', 'l', 'Control+z', 'Control+y']) {
    await page.keyboard.press(key);
  }
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, JSON.stringify({ ...SMALL_DOCUMENT, name: 'Pasted over the embed' }));
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(page.getByTestId('scenario-name')).toHaveText('Shared from elsewhere');
  expect(await currentDocument(page)).toEqual(before);
});
