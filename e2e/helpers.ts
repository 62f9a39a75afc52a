/** Shared steps for the end-to-end specs: pointer gestures, the test hook, links, documents. */
import { expect, type Page } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';

export async function centre(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one point to another in small steps, as a hand would. */
export async function dragBetween(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Draws a call from one node's output handle to another node's input handle. */
export async function connect(page: Page, from: string, to: string) {
  const a = await centre(page, `.react-flow__node[data-id="${from}"] .react-flow__handle.source`);
  const b = await centre(page, `.react-flow__node[data-id="${to}"] .react-flow__handle.target`);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  // Wait until the line is drawn to the handle (a busy machine may lag), then let go.
  await page.locator('.react-flow__connection').waitFor({ state: 'visible' });
  await page.mouse.move(b.x + 1, b.y + 1);
  await page.mouse.move(b.x, b.y);
  await page.mouse.up();
}

/** A share link made the way any other tool would: zlib's raw DEFLATE and Node's base64url. */
export function independentLink(document: unknown, options: { embed?: boolean } = {}): string {
  const payload = deflateRawSync(Buffer.from(JSON.stringify(document), 'utf8')).toString('base64url');
  return `/#s=${payload}${options.embed ? '&embed=1' : ''}`;
}

/**
 * Opens the app with `doc` on the canvas, as a person would open a design passed to them:
 * through a share link (the fragment leaves the address once it is open, so a reload keeps it).
 */
export async function openWith(page: Page, doc: unknown) {
  await page.goto(independentLink(doc));
  await expect(page.getByTestId('document-info')).toBeVisible();
  await page.getByTestId('document-info').getByRole('button', { name: 'Dismiss' }).click();
}

type Hook = {
  currentDocument(): {
    nodes: { id: string; position: { x: number; y: number } }[];
    edges: { id: string; from: string; to: string; config: Record<string, unknown> }[];
  };
  runScenarioToEnd(doc: unknown): Promise<unknown>;
  savedDocumentText(): Promise<string | null>;
  chartPoints(): { t: number; errorPct: number; throughputRps: number }[];
  liveFaults(): { atMs: number; action: string; target: string }[];
};

/** Reads something from the app's test hook (`read` runs in the page). */
export function hook<T>(page: Page, read: (h: Hook) => T): Promise<T> {
  return page.evaluate((source) => {
    const h = (window as unknown as { __archsim: Hook }).__archsim;
    return (0, eval)(source)(h) as T;
  }, read.toString());
}

export function currentDocument(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => (window as unknown as { __archsim: Hook }).__archsim.currentDocument() as unknown as Record<string, unknown>);
}

/** The report of a run of the page's current document in a fresh worker, without wallMs. */
export async function reportOfCurrent(page: Page): Promise<Record<string, unknown>> {
  const json = await page.evaluate(async () => {
    const hook = (window as unknown as { __archsim: Hook }).__archsim;
    return JSON.stringify(await hook.runScenarioToEnd(hook.currentDocument()));
  });
  const { wallMs: _wallMs, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
}

export async function simTime(page: Page): Promise<number> {
  return Number(await page.getByTestId('progress').getAttribute('value'));
}

export async function expectNodes(page: Page, count: number) {
  await expect(page.locator('.react-flow__node')).toHaveCount(count);
}

/** Clicks empty canvas (bottom centre, clear of messages, controls and the minimap): clears the selection, takes focus off fields. */
export async function clickCanvasBackground(page: Page) {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
}

export const SMALL_DOCUMENT = {
  version: 1,
  name: 'Shared from elsewhere',
  seed: 77,
  durationMs: 5000,
  nodes: [
    { id: 'shoppers', kind: 'client', label: 'Shoppers', position: { x: 0, y: 0 }, config: { rps: 150 } },
    { id: 'shop', kind: 'server', label: 'Shop', position: { x: 320, y: 0 }, config: { replicas: 3 } },
  ],
  edges: [{ id: 'e1', from: 'shoppers', to: 'shop' }],
};

/** A column of the charts' history (`p50`, `web:util`, `cache-1:hitRate`…), gaps left out; `whole`: the whole run, else the recent window. */
export function chartColumn(page: Page, name: string, whole = false): Promise<number[]> {
  return page.evaluate(
    ([n, w]) =>
      (window as unknown as { __archsim: { chartColumn(n: string, w: boolean): (number | null)[] } }).__archsim
        .chartColumn(n as string, w as boolean)
        .filter((v): v is number => v !== null),
    [name, whole] as const,
  );
}

/** 1,800 rps offered to 3 × 4 workers at 8 ms (1,500 rps of capacity), a queue of 50 each. */
export const OVERLOADED = {
  version: 1,
  name: 'Overloaded web tier',
  seed: 7,
  durationMs: 600_000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 1800 } },
    { id: 'lb', kind: 'loadBalancer', label: 'Load balancer', position: { x: 260, y: 100 }, config: {} },
    { id: 'web', kind: 'server', label: 'Web', position: { x: 520, y: 100 }, config: { replicas: 3, concurrency: 4, serviceTime: 8, queueCapacity: 50 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web' },
  ],
};
