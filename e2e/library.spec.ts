/**
 * Persistence and the library as a person meets them: the work survives a reload (even an
 * edit made just before it), designs are saved, renamed, duplicated, deleted and opened,
 * files are imported and exported, the gallery opens scenarios that run, and storage
 * failures are messages, never a blank page.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { bigDesign } from '../test/fixtures/bigDesign';
import { currentDocument, SMALL_DOCUMENT } from './helpers';

async function ready(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
}

test('a reload keeps the work, including an edit made just before it', async ({ page }) => {
  await ready(page);
  await page.getByTestId('field-name').fill('Survives reloads');
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  const before = await currentDocument(page);
  // No waiting for the autosave: the page flushes as it goes away.
  await page.reload();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await expect(page.getByTestId('scenario-name')).toHaveText('Survives reloads');
  expect(await currentDocument(page)).toEqual(before);
});

test('the library: save, rename, duplicate, open, delete', async ({ page }) => {
  await ready(page);
  await page.getByTestId('field-name').fill('Checkout service');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect(page.getByTestId('document-info')).toContainText('Saved "Checkout service" in your library');

  // Changes to a saved design are saved as they happen.
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();

  await page.getByTestId('designs').click();
  const dialog = page.getByTestId('library-dialog');
  await expect(dialog.getByTestId('library-row')).toHaveCount(1);
  await dialog.getByTestId('library-duplicate').click();
  await expect(dialog.getByTestId('library-row')).toHaveCount(2);
  const copy = dialog.getByTestId('library-row').filter({ hasText: 'Checkout service (copy)' });
  await copy.getByTestId('library-rename').click();
  await dialog.getByTestId('library-rename-input').fill('Checkout, plan B');
  await dialog.getByTestId('library-rename-input').press('Enter');
  await expect(dialog.getByTestId('library-row').filter({ hasText: 'Checkout, plan B' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/library.png' });

  // Open the copy: it has the server added after saving (the original's edits were saved).
  await dialog.getByTestId('library-row').filter({ hasText: 'Checkout, plan B' }).getByTestId('library-open').click();
  await expect(page.getByTestId('library-dialog')).toHaveCount(0);
  await expect(page.getByTestId('scenario-name')).toHaveText('Checkout, plan B');
  await expect(page.getByTestId('node-server-1')).toBeVisible();

  // Delete the original.
  await page.getByTestId('designs').click();
  page.once('dialog', (d) => void d.accept());
  await dialog.getByTestId('library-row').filter({ hasText: /^Checkout service/ }).getByTestId('library-delete').click();
  await expect(dialog.getByTestId('library-row')).toHaveCount(1);
  await expect(dialog.getByTestId('library-row')).toContainText('Checkout, plan B');

  // The library survives a reload too.
  await page.reload();
  await expect(page.getByTestId('scenario-name')).toHaveText('Checkout, plan B');
  await page.getByTestId('designs').click();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await page.getByTestId('library-dialog').getByRole('button', { name: 'Close' }).click();

  // Save as: a copy under a new name, which the canvas then edits.
  page.once('dialog', (d) => void d.accept('Checkout, plan C'));
  await page.getByTestId('save-as').click();
  await expect(page.getByTestId('scenario-name')).toHaveText('Checkout, plan C');
  await page.getByTestId('designs').click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  await expect(page.getByTestId('library-row').filter({ hasText: 'on the canvas' })).toContainText('Checkout, plan C');
});

test('export then import gives back the same design', async ({ page }) => {
  await ready(page);
  await page.getByTestId('field-name').fill('Round trip');
  await page.getByTestId('node-users').click();
  await page.getByTestId('field-rps').fill('250');
  const before = await currentDocument(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('round-trip.archsim.json');
  const text = readFileSync(await file.path(), 'utf8');
  expect(JSON.parse(text)).toEqual(before);

  // Change the canvas, then import the file: the exported design comes back as a new design.
  await page.getByTestId('palette-server').click();
  await page.getByTestId('import').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'round-trip.archsim.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('document-info')).toContainText('Opened the file "round-trip.archsim.json" as a new, unsaved design');
  expect(await currentDocument(page)).toEqual(before);
  // The changed work it replaced was kept.
  await expect(page.getByTestId('document-info')).toContainText('was kept in your library');
});

const BAD = JSON.stringify({ ...SMALL_DOCUMENT, nodes: [SMALL_DOCUMENT.nodes[0], { id: 'shop', kind: 'server', config: { replicas: 0, colour: 'red' } }] });

test('importing a bad file shows the message and keeps the work, by upload, drop or paste', async ({ page }) => {
  await ready(page);
  await page.getByTestId('field-name').fill('Do not lose me');
  const before = await currentDocument(page);
  const expectRefused = async (source: RegExp, where = 'document-problem') => {
    const problem = page.getByTestId(where);
    await expect(problem).toContainText(source);
    await expect(problem).toContainText('nodes[1].config.replicas: must be an integer ≥ 1');
    await expect(problem).toContainText('nodes[1].config.colour: unknown field "colour"');
    expect(await currentDocument(page)).toEqual(before);
    await problem.getByRole('button', { name: 'Dismiss' }).click();
  };

  await page.getByTestId('import').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(BAD) });
  // Said inside the dialog, which hides the page.
  await expect(page.getByTestId('dialog-problem')).toContainText('nodes[1].config.replicas');
  await page.screenshot({ path: 'test-results/import-bad-file.png' });
  await expectRefused(/The file "bad\.json" cannot be opened: your work is unchanged/, 'dialog-problem');

  await page.getByTestId('import-text').fill(BAD);
  await page.getByTestId('import-open').click();
  await expectRefused(/The pasted JSON cannot be opened/, 'dialog-problem');
  await page.getByTestId('import-text').fill('{"version": 1, "nodes": [}');
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('dialog-problem')).toContainText('(document): is not valid JSON: unexpected character "}" at line 1, column 26');
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).click();

  // A file dropped onto the canvas.
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, BAD);
  await page.getByTestId('file-drop').dispatchEvent('dragenter', { dataTransfer: transfer });
  await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expectRefused(/The file "dropped\.json" cannot be opened/);

  // JSON pasted onto the page.
  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 } });
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, BAD);
  await expectRefused(/The pasted JSON cannot be opened/);
});

test('a good file dropped onto the canvas opens as a new design', async ({ page }) => {
  await ready(page);
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'shop.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(SMALL_DOCUMENT));
  await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('node-shop')).toBeVisible();
  await expect(page.getByTestId('scenario-name')).toHaveText('Shared from elsewhere');
});

test('open two gallery scenarios and run each', async ({ page }) => {
  await ready(page);
  await page.getByTestId('new').click();
  const gallery = page.getByTestId('gallery-dialog');
  await expect(gallery.getByTestId('gallery-entry-retry-storm')).toBeVisible();
  await expect(gallery.getByTestId('gallery-entry-mm1')).toContainText('Watch:');
  await page.screenshot({ path: 'test-results/gallery.png' });

  await gallery.getByTestId('gallery-open-retry-storm').click();
  await expect(page.getByTestId('gallery-dialog')).toHaveCount(0);
  await expect(page.getByTestId('scenario-name')).toHaveText('A retry storm outlives its cause');
  await expect(page.getByTestId('node-backend')).toBeVisible();
  await expect(page.getByTestId('lesson')).toContainText('metastable');
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
  // The storm shows: the error rate at the end of the run is near 100%.
  await expect(page.getByTestId('throughput-chart')).toContainText(/errors (9\d|100)(\.\d)?%/);
  // Where no request succeeded the latency chart has a gap, not a fall to 0 ms.
  const columns = await page.evaluate(() => {
    const api = (window as unknown as { __archsim: { chartColumn(n: string, w: boolean): (number | null)[] } }).__archsim;
    return { ok: api.chartColumn('ok', true), p99: api.chartColumn('p99', true) };
  });
  const failing = columns.ok.map((v, i) => i).filter((i) => columns.ok[i] === 0);
  expect(failing.length).toBeGreaterThan(10);
  expect(failing.every((i) => columns.p99[i] === null)).toBe(true);
  expect(columns.p99.some((v) => v !== null && v > 0)).toBe(true);
  await expect(page.getByTestId('latency-chart')).toContainText('p99 —');
  await page.screenshot({ path: 'test-results/gallery-retry-storm.png' });

  await page.getByTestId('new').click();
  await page.getByTestId('gallery-open-blocking-vs-async').click();
  await expect(page.getByTestId('scenario-name')).toHaveText('Blocking against async io behind a slow dependency');
  await expect(page.getByTestId('node-dependency')).toBeVisible();
  await expect(page.getByTestId('node-backend')).toHaveCount(0);
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('a 5 MB design saves, reloads and runs; a 5 MB broken one names its field', async ({ page }) => {
  await ready(page);
  const big = JSON.stringify(bigDesign(5 * 1024 * 1024, 'Five megabytes'));
  expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
  await page.getByTestId('import').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(big) });
  await expect(page.getByTestId('scenario-name')).toHaveText('Five megabytes');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.reload();
  await expect(page.getByTestId('scenario-name')).toHaveText('Five megabytes');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-problem')).toContainText('export it as a file instead');

  // Break the stored work behind the app's back, 5 MB of it, from a page of the same origin
  // that is not the app (the app would save its own work as it closes).
  const broken = big.replace('"rps":50', '"rps":-50');
  const context = page.context();
  await context.route('**/not-the-app', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.close();
  const writer = await context.newPage();
  await writer.goto('/not-the-app');
  await writer.evaluate(async (text) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('archsim');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('work', 'readwrite');
      tx.objectStore('work').put({ text, designId: null, origin: 'autosave', galleryId: null, dirty: true, savedAt: Date.now() + 60_000 }, 'current');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, broken);
  await writer.close();
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.getByTestId('document-problem')).toContainText('Your last design could not be loaded');
  await expect(again.getByTestId('document-problem')).toContainText('nodes[0].config.rps: must be a number ≥ 0');
  await expect(again.getByTestId('node-web')).toBeVisible();
  await expect(again.getByTestId('palette-server')).toBeVisible();
});

test('no storage at all (private mode): a message, and the app still works', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function open() {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await page.goto('/');
  await expect(page.getByTestId('document-problem')).toContainText('Your work cannot be saved in this browser');
  await expect(page.getByTestId('document-problem')).toContainText('as in a private window');
  await expect(page.getByTestId('save-state')).toHaveText('Not stored');
  await expect(page.getByTestId('save')).toBeDisabled();
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await page.getByTestId('run-to-end').click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 30_000 });
});

test('a full disk: a message, and the work stays on the canvas', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function put() {
      throw new DOMException('Quota exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('/');
  await page.getByTestId('field-name').fill('Too big for the disk');
  await expect(page.getByTestId('document-problem')).toContainText("the browser's storage for this site is full");
  await expect(page.getByTestId('document-problem')).toContainText('export it as a file to keep it');
  await expect(page.getByTestId('scenario-name')).toHaveText('Too big for the disk');
  await page.screenshot({ path: 'test-results/storage-full.png' });
});

test('name, description and seed are editable; New seed picks another', async ({ page }) => {
  await ready(page);
  await page.getByTestId('field-name').fill('Named by me');
  await expect(page.getByTestId('scenario-name')).toHaveText('Named by me');
  await page.getByTestId('field-description').fill('Why this design exists.');
  const seed = page.getByTestId('field-seed');
  const before = await seed.inputValue();
  await page.getByTestId('new-seed').click();
  await expect(seed).not.toHaveValue(before);
  const after = Number(await seed.inputValue());
  expect(Number.isSafeInteger(after)).toBe(true);
  expect(await currentDocument(page)).toMatchObject({ name: 'Named by me', description: 'Why this design exists.', seed: after });
  await page.reload();
  await expect(page.getByTestId('field-description')).toHaveValue('Why this design exists.');
  await expect(page.getByTestId('field-seed')).toHaveValue(String(after));
});

test('work autosaved by the previous version (localStorage) comes back and moves to IndexedDB', async ({ page }) => {
  await page.addInitScript((text) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('archsim.scenario', text);
  }, JSON.stringify(SMALL_DOCUMENT));
  await page.goto('/');
  await expect(page.getByTestId('node-shop')).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('archsim.scenario'))).toBeNull();
  await page.reload();
  await expect(page.getByTestId('node-shop')).toBeVisible();
  await expect(page.getByTestId('scenario-name')).toHaveText('Shared from elsewhere');
});
