/** Editing the design as a person does: palette, wiring, selection, undo and redo, copy and paste, layout. */
import { expect, test } from '@playwright/test';
import { NODE_KINDS } from '../src/model';
import { centre, connect, dragBetween, expectNodes, hook, openWith, clickCanvasBackground } from './helpers';

test('drag each kind from the palette onto the canvas', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  for (const [i, kind] of NODE_KINDS.entries()) {
    const targetPosition = { x: 110 + (i % 5) * 170, y: i < 5 ? 120 : box.height - 100 };
    await page.getByTestId(`palette-${kind}`).dragTo(canvas, { targetPosition });
    await expect(page.getByTestId(`node-${kind}-1`)).toBeVisible();
    await expect(page.getByTestId('inspector-node')).toHaveAttribute('data-node-id', `${kind}-1`);
  }
  await expectNodes(page, 3 + NODE_KINDS.length);
  // One undo takes the last drop back.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId(`node-${NODE_KINDS.at(-1)}-1`)).toHaveCount(0);
});

test('connect two nodes; an edge into a client is refused with the reason', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('palette-server').click();
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await connect(page, 'lb', 'server-1');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  await connect(page, 'server-1', 'users');
  await expect(page.getByTestId('notice')).toContainText('a client only sends requests: "users" cannot receive calls');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  // A second edge out of the client, and a cycle, are refused too.
  await connect(page, 'users', 'server-1');
  await expect(page.getByTestId('notice')).toContainText('a client sends down a single edge');
  await connect(page, 'server-1', 'lb');
  await expect(page.getByTestId('notice')).toContainText('it would close a cycle (lb → server-1 → lb)');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
});

test('a node nothing calls is flagged until something calls it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('palette-database').click();
  await expect(page.getByTestId('uncalled-database-1')).toBeVisible();
  await expect(page.getByTestId('uncalled-users')).toHaveCount(0); // a client calls, it is not called
  await connect(page, 'web', 'database-1');
  await expect(page.getByTestId('uncalled-database-1')).toHaveCount(0);
});

test('box-select and delete, undo brings everything back, redo removes it again', async ({ page }) => {
  await page.goto('/');
  await expectNodes(page, 3);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const users = (await page.getByTestId('node-users').boundingBox())!;
  const web = (await page.getByTestId('node-web').boundingBox())!;
  // A box drawn on empty canvas around the three nodes.
  await dragBetween(page, { x: users.x - 30, y: canvas.y + 12 }, { x: web.x + web.width + 30, y: web.y + web.height + 30 });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);
  await page.keyboard.press('Delete');
  await expectNodes(page, 0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expectNodes(page, 3);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  expect(await hook(page, (h) => h.currentDocument().edges.map((e) => `${e.from}>${e.to}`))).toEqual(['users>lb', 'lb>web']);

  await page.keyboard.press('Control+Shift+z');
  await expectNodes(page, 0);
  // And the buttons do the same.
  await page.getByTestId('undo').click();
  await expectNodes(page, 3);
  await page.getByTestId('redo').click();
  await expectNodes(page, 0);
});

const TWO_SERVERS = {
  version: 1,
  name: 'two servers',
  nodes: [
    { id: 'users', kind: 'client', position: { x: 0, y: 100 } },
    { id: 'api', kind: 'server', position: { x: 260, y: 100 }, config: { replicas: 3 } },
    { id: 'auth', kind: 'server', position: { x: 520, y: 100 }, config: { concurrency: 2 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'api' },
    { id: 'e2', from: 'api', to: 'auth', config: { timeoutMs: 50 } },
  ],
};

test('copy and paste two connected servers: fresh ids, the call between them comes along', async ({ page }) => {
  await openWith(page, TWO_SERVERS);
  await page.getByTestId('node-api').click();
  await page.getByTestId('node-auth').click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('node-server-1')).toBeVisible();
  await expect(page.getByTestId('node-server-2')).toBeVisible();
  const doc = await hook(page, (h) => h.currentDocument());
  const pasted = doc.edges.find((e) => e.from === 'server-1');
  expect(pasted).toMatchObject({ id: 'e3', to: 'server-2', config: { timeoutMs: 50 } });
  // The pasted nodes are the selection, so Ctrl+D duplicates them again.
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('node-server-4')).toBeVisible();
  await expectNodes(page, 7);
  // One undo per paste.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expectNodes(page, 3);
});

test('automatic layout of a 12-node document without positions leaves no two nodes overlapping', async ({ page }) => {
  const ids = ['users', 'gw', 'rl', 'lb', 'web1', 'web2', 'api', 'cache', 'cdn', 'queue', 'worker', 'db'];
  const kinds = ['client', 'apiGateway', 'rateLimiter', 'loadBalancer', 'server', 'server', 'server', 'cache', 'cdn', 'queue', 'server', 'database'];
  const wires = [['users', 'gw'], ['gw', 'rl'], ['gw', 'cdn'], ['rl', 'lb'], ['lb', 'web1'], ['lb', 'web2'], ['web1', 'api'], ['web2', 'api'], ['api', 'cache'], ['cache', 'db'], ['api', 'queue'], ['queue', 'worker'], ['worker', 'db']];
  await openWith(page, {
    version: 1,
    name: 'no positions',
    nodes: ids.map((id, i) => ({ id, kind: kinds[i] })),
    edges: wires.map(([from, to], i) => ({ id: `e${i + 1}`, from, to })),
  });
  await expectNodes(page, 12);
  await expect.poll(() => hook(page, (h) => new Set(h.currentDocument().nodes.map((n) => `${n.position.x},${n.position.y}`)).size)).toBe(12);

  const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
  // Left to right by tier: the client is leftmost, the database right of the worker that calls it.
  const x: Record<string, number> = Object.fromEntries(boxes.map((b) => [b.id ?? "", b.x]));
  expect(Math.min(...Object.values(x))).toBe(x.users);
  expect(x.db).toBeGreaterThan(x.worker);
  await page.screenshot({ path: 'test-results/auto-layout.png' });
});

test('the layout button lays out on demand, as one undo step', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('palette-database').click();
  const before = await hook(page, (h) => h.currentDocument().nodes.map((n) => n.position));
  await page.keyboard.press('l');
  await expect.poll(() => hook(page, (h) => JSON.stringify(h.currentDocument().nodes.map((n) => n.position)))).not.toBe(JSON.stringify(before));
  await page.getByTestId('undo').click();
  expect(await hook(page, (h) => h.currentDocument().nodes.map((n) => n.position))).toEqual(before);
});

test('shortcuts: ? lists them, Ctrl+A selects all, the context-menu key opens the actions of the selection', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await clickCanvasBackground(page);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await expect(page.getByTestId('help-dialog')).toContainText('Duplicate the selected nodes');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toBeHidden();

  await page.keyboard.press('Control+a');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);
  await expect(page.getByTestId('inspector')).toContainText('5 selected');

  // Keyboard only: Tab to a node, Enter selects it, the menu key opens its actions.
  await clickCanvasBackground(page);
  await page.locator('.react-flow__node[data-id="web"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-node')).toHaveAttribute('data-node-id', 'web');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('context-menu')).toBeVisible();
  await expect(page.getByTestId('menu-crash')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('menu-crash-0')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('context-menu')).toHaveCount(0);
  const focused = await centre(page, '.react-flow__node[data-id="web"]');
  expect(focused.x).toBeGreaterThan(0);
});

test('a key pressed as a dialog closes, while focus still sits on its hidden button, still reaches the canvas', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await clickCanvasBackground(page);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toBeHidden();
  // Chrome moves focus off a closed dialog's button a moment later; a key in that moment
  // has the button as its target.
  await page.evaluate(() => {
    const button = document.querySelector('[data-testid="help-dialog"] button')!;
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', ctrlKey: true, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);
});

test('keyboard only: add a node from the palette, wire it from the inspector, a wiring into a client is refused with the reason', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('palette-server').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-node')).toHaveAttribute('data-node-id', 'server-1');
  await page.locator('.react-flow__node[data-id="web"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-node')).toHaveAttribute('data-node-id', 'web');
  await page.getByTestId('call-to').focus();
  await page.getByTestId('call-to').selectOption('server-1');
  await page.getByTestId('call-add').press('Enter');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await page.getByTestId('call-to').selectOption('users');
  await page.getByTestId('call-add').press('Enter');
  await expect(page.getByTestId('call-error')).toContainText('a client only sends requests: "users" cannot receive calls');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
});

test('a drag is one undo step, and so is a run of arrow-key moves', async ({ page }) => {
  await page.goto('/');
  const position = () => hook(page, (h) => h.currentDocument().nodes.find((n) => n.id === 'web')!.position);
  const start = await position();
  const web = await centre(page, '[data-testid="node-web"]');
  await dragBetween(page, { x: web.x, y: web.y - 40 }, { x: web.x + 60, y: web.y + 80 });
  const dragged = await position();
  expect(dragged.y).toBeGreaterThan(start.y + 40);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const nudged = await position();
  expect(nudged.x).toBeGreaterThan(dragged.x);
  expect(nudged.y).toBeGreaterThan(dragged.y);
  await page.getByTestId('undo').click();
  expect(await position()).toEqual(dragged);
  await page.getByTestId('undo').click();
  expect(await position()).toEqual(start);
});
