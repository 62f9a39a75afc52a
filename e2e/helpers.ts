/** Shared helpers for the end-to-end specs about documents: links, the test hook, storage. */
import type { Page } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';

/** A share link made the way any other tool would: zlib's raw DEFLATE and Node's base64url. */
export function independentLink(document: unknown, options: { embed?: boolean } = {}): string {
  const payload = deflateRawSync(Buffer.from(JSON.stringify(document), 'utf8')).toString('base64url');
  return `/#s=${payload}${options.embed ? '&embed=1' : ''}`;
}

interface Hook {
  currentDocument(): unknown;
  runScenarioToEnd(doc: unknown): Promise<unknown>;
  savedDocumentText(): Promise<string | null>;
}

export function currentDocument(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => (window as unknown as { __archsim: Hook }).__archsim.currentDocument() as Record<string, unknown>);
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
