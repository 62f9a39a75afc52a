import { expect, test } from '@playwright/test';
import { independentLink } from './helpers';

/** 1,250 rps into 1,000 rps of capacity for 24 h, with a queue of up to 10,000,000 requests. */
const overBudget = {
  version: 1,
  name: 'Over budget',
  seed: 1,
  durationMs: 86_400_000,
  nodes: [
    { id: 'users', kind: 'client', position: { x: 0, y: 0 }, config: { rps: 1250 } },
    {
      id: 'web',
      kind: 'server',
      position: { x: 300, y: 0 },
      config: { concurrency: 1, queueCapacity: 10_000_000, serviceTime: { dist: 'exponential', meanMs: 1 } },
    },
  ],
  edges: [{ id: 'e1', from: 'users', to: 'web' }],
};

test('a document over budget shows the cost warning, and Play stays responsive', async ({ page }) => {
  // Opened from a share link, as a person would receive it.
  await page.goto(independentLink(overBudget));
  await expect(page.getByTestId('scenario-name')).toHaveText('Over budget');
  await expect(page.getByTestId('node-web')).toBeVisible();

  // Before Play: the same lines as the CLI, naming the fields that cost the most.
  const warning = page.getByTestId('cost-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('nodes[1].config.queueCapacity: up to 10,000,000 queued requests');
  await expect(warning).toContainText('the limit is 256 MB');
  await expect(warning).toContainText('durationMs');
  await page.screenshot({ path: 'test-results/cost-warning.png' });

  // Play as fast as possible; Pause answers within 200 ms.
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('Running');
  await expect.poll(async () => Number(await page.getByTestId('progress').getAttribute('value'))).toBeGreaterThan(1000);
  await page.waitForTimeout(300);
  const pauseMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const state = document.querySelector('[data-testid="run-state"]')!;
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (state.textContent === 'Paused') {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(state, { childList: true, characterData: true, subtree: true });
        (document.querySelector('[data-testid="pause"]') as HTMLButtonElement).click();
      }),
  );
  expect(pauseMs).toBeLessThan(200);
  const pausedAt = await page.getByTestId('progress').getAttribute('value');
  await page.waitForTimeout(300);
  expect(await page.getByTestId('progress').getAttribute('value')).toBe(pausedAt);
  // The warning is still there, and the document was not touched.
  await expect(warning).toBeVisible();
  await expect(page.getByTestId('node-web')).toBeVisible();
});

test('a design within budget shows no cost warning', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-web')).toBeVisible();
  await expect(page.getByTestId('cost-warning')).toHaveCount(0);
});
