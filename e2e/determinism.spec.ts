import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FIXTURE = 'e2e/fixtures/determinism.json';

/** The report without the one field that is allowed to differ between hosts. */
function comparable(report: Record<string, unknown>): Record<string, unknown> {
  const { wallMs: _wallMs, ...rest } = report;
  return rest;
}

test('the browser worker and the Node CLI give the same report', async ({ page }) => {
  const cli = execFileSync('npm', ['run', '--silent', 'sim', '--', FIXTURE, '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const nodeReport = JSON.parse(cli) as Record<string, unknown>;

  await page.goto('/');
  const document = JSON.parse(readFileSync(FIXTURE, 'utf8')) as unknown;
  // JSON text, so the comparison sees exactly what JSON.stringify sees in both hosts.
  const browserJson = await page.evaluate(async (doc) => {
    const hook = (window as unknown as { __archsim: { runScenarioToEnd(d: unknown): Promise<unknown> } }).__archsim;
    return JSON.stringify(await hook.runScenarioToEnd(doc));
  }, document);
  const browserReport = JSON.parse(browserJson) as Record<string, unknown>;

  expect(browserReport.requests).toBeDefined();
  expect((browserReport.requests as { generated: number }).generated).toBeGreaterThan(1000);
  expect(comparable(browserReport)).toEqual(comparable(nodeReport));
});
