/**
 * Every built-in scenario is a valid, runnable document whose "what to try" change is valid
 * too, `examples/` is part of the gallery, and every gallery scenario survives a share link
 * and an export → import unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRunnable } from '../../src/engine';
import {
  checkBudget,
  decodeSharePayload,
  encodeSharePayload,
  estimateCost,
  exportFileName,
  exportScenarioText,
  formatErrors,
  parseScenario,
  parseScenarioText,
  type Scenario,
} from '../../src/model';
import { GALLERY, GALLERY_GROUPS, applyTryChanges, galleryEntry } from '../../src/model/gallery';
import { arbAnyScenario } from './arbitraries';

function parsed(doc: unknown): Scenario {
  const result = parseScenario(doc);
  if (!result.ok) throw new Error(formatErrors(result.errors));
  return result.scenario;
}

describe('the gallery', () => {
  it('has unique, URL-safe ids, a known group, and words to watch and try', () => {
    const ids = GALLERY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of GALLERY) {
      expect(entry.id).toMatch(/^[a-z0-9-]+$/);
      expect(GALLERY_GROUPS.map((g) => g.id)).toContain(entry.group);
      expect(entry.title.length).toBeGreaterThan(5);
      expect(entry.watch.length).toBeGreaterThan(40);
      expect(entry.try.length).toBeGreaterThan(40);
      expect(entry.tryChanges.length).toBeGreaterThan(0);
      expect(galleryEntry(entry.id)).toBe(entry);
    }
  });

  it.each(GALLERY.map((e) => [e.id, e] as const))('%s passes the schema and can run, before and after its change', (_id, entry) => {
    const scenario = parsed(entry.document);
    expect(checkRunnable(scenario)).toEqual([]);
    expect(scenario.description?.length ?? 0).toBeGreaterThan(20);
    const tried = parsed(applyTryChanges(entry.document, entry.tryChanges));
    expect(checkRunnable(tried)).toEqual([]);
    expect(tried).not.toEqual(scenario);
    // Applying the change leaves the entry's own document alone.
    expect(parsed(entry.document)).toEqual(scenario);
  });

  it.each(GALLERY.map((e) => [e.id, e] as const))('%s stays within the default budget, before and after its change', (_id, entry) => {
    for (const document of [entry.document, applyTryChanges(entry.document, entry.tryChanges)]) {
      const budget = checkBudget(estimateCost(parsed(document)));
      expect(budget.memory).toEqual([]);
      expect(budget.events).toEqual([]);
    }
  });

  it('includes every file in examples/', () => {
    const dir = join(__dirname, '../../examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const gallery = GALLERY.map((e) => parsed(e.document));
    for (const file of files) {
      const example = parsed(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      expect(gallery, file).toContainEqual(example);
    }
  });

  it('has each group in use', () => {
    for (const group of GALLERY_GROUPS) expect(GALLERY.some((e) => e.group === group.id), group.id).toBe(true);
  });
});

describe('round trips', () => {
  it.each(GALLERY.map((e) => [e.id, e] as const))('%s: document → link → document and export → import are the identity', (_id, entry) => {
    const scenario = parsed(entry.document);
    const link = encodeSharePayload(scenario);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    const opened = decodeSharePayload(link.payload);
    expect(opened.ok && opened.scenario).toEqual(scenario);
    const imported = parseScenarioText(exportScenarioText(scenario));
    expect(imported.ok && imported.scenario).toEqual(scenario);
  });

  it('export → import is the identity for random valid documents', () => {
    fc.assert(
      fc.property(arbAnyScenario(), (doc) => {
        const scenario = parsed(doc);
        const text = exportScenarioText(scenario);
        const back = parseScenarioText(text);
        expect(back.ok && back.scenario).toEqual(scenario);
        // And exporting again writes the very same file.
        expect(back.ok && exportScenarioText(back.scenario)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('names export files after the scenario', () => {
    expect(exportFileName(parsed({ version: 1, name: 'Retry storm: 3× load!' }))).toBe('retry-storm-3-load.archsim.json');
    expect(exportFileName(parsed({ version: 1, name: '<script>' }))).toBe('script.archsim.json');
    expect(exportFileName(parsed({ version: 1, name: '' }))).toBe('scenario.archsim.json');
  });
});
