/** Accessibility: axe-core on the main screen, idle and running, in both themes: no serious or critical violation. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openWith, OVERLOADED } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join(' | ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the main screen idle and running, ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openWith(page, OVERLOADED);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousViolations(page), 'idle').toEqual([]);
    await page.getByTestId('node-web').click();
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('finding-queueFull-web')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('node-charts')).toBeVisible();
    expect(await seriousViolations(page), 'running').toEqual([]);
    await page.getByTestId('pause').click();
  });
}
