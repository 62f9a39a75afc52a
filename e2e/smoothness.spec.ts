/**
 * Smoothness: while the web-app example runs at full speed, the main thread keeps drawing at 50
 * frames a second or more (requestAnimationFrame counted over 5 s) with no task over 50 ms
 * (PerformanceObserver `longtask`).
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openWith } from './helpers';

const webApp = JSON.parse(readFileSync('examples/web-app.json', 'utf8')) as Record<string, unknown>;

test('the web-app example at full speed: ≥ 50 fps, no long task over 50 ms', async ({ page }) => {
  // Long enough that full speed still runs after the 5 s of measuring.
  await openWith(page, { ...webApp, durationMs: 86_400_000 });
  // A node selected: its own charts stream in the inspector too.
  await page.getByTestId('node-web').click();
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('Running');
  await expect(page.getByTestId('node-utilization-chart')).toBeVisible();
  await page.waitForTimeout(1000);
  const simBefore = Number(await page.getByTestId('progress').getAttribute('value'));
  const m = await page.evaluate(
    () =>
      new Promise<{ fps: number; longest: number; tasks: number[] }>((resolve) => {
        const tasks: number[] = [];
        const obs = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push(e.duration);
        });
        obs.observe({ type: 'longtask', buffered: false });
        let frames = 0;
        const start = performance.now();
        const tick = (now: number) => {
          frames++;
          if (now - start < 5000) requestAnimationFrame(tick);
          else {
            obs.disconnect();
            resolve({ fps: (frames * 1000) / (now - start), longest: Math.max(0, ...tasks), tasks });
          }
        };
        requestAnimationFrame(tick);
      }),
  );
  console.log(`fps ${m.fps.toFixed(1)}, longest task ${m.longest.toFixed(0)} ms, long tasks: ${m.tasks.map((t) => t.toFixed(0)).join(' ')}`);
  // The run went on at full speed the whole time (a day of simulated time takes far longer than 5 s).
  expect(await page.getByTestId('run-state').textContent()).toBe('Running');
  const simAfter = Number(await page.getByTestId('progress').getAttribute('value'));
  console.log(`simulated ${((simAfter - simBefore) / 1000).toFixed(0)} s in about 5 s of wall time`);
  expect(simAfter - simBefore).toBeGreaterThan(60_000);
  expect(m.fps).toBeGreaterThanOrEqual(50);
  expect(m.longest).toBeLessThanOrEqual(50);
});
