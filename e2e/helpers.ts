/** Shared steps for the end-to-end specs. */
import { expect, type Page } from '@playwright/test';

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

/** Opens the app with `doc` as the saved design (as if it had been left there). */
export async function openWith(page: Page, doc: unknown) {
  await page.addInitScript((saved) => {
    if (!sessionStorage.getItem('archsim.e2e.seeded')) {
      localStorage.setItem('archsim.scenario', JSON.stringify(saved));
      sessionStorage.setItem('archsim.e2e.seeded', '1');
    }
  }, doc);
  await page.goto('/');
}

type Hook = {
  scenario(): { nodes: { id: string; position: { x: number; y: number } }[]; edges: { id: string; from: string; to: string; config: Record<string, unknown> }[] };
  chartPoints(): { t: number; errorPct: number; throughputRps: number }[];
  liveFaults(): { atMs: number; action: string; target: string }[];
};

export function hook<T>(page: Page, read: (h: Hook) => T): Promise<T> {
  return page.evaluate((source) => {
    const h = (window as unknown as { __archsim: Hook }).__archsim;
    return (0, eval)(source)(h) as T;
  }, read.toString());
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
