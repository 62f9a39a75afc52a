/** The one schema's entry for text (files, pastes, links, saved designs) against hostile input. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/model';
import { findForbiddenKeys } from '../../src/model/forbiddenKeys';
import { bigDesign } from '../fixtures/bigDesign';

describe('parseScenarioText on hostile text', () => {
  it('says where a deeply nested broken text breaks, without overflowing the stack', () => {
    for (const text of ['['.repeat(1_000_000), `{"version":1,"nodes":${'[{"a":'.repeat(200_000)}`, `${'['.repeat(300_000)}1,]`]) {
      const result = parseScenarioText(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ path: '(document)', message: expect.stringMatching(/^is not valid JSON: /) });
    }
  });

  it('names every __proto__ key, at any depth, and stops after 20', () => {
    expect(findForbiddenKeys(JSON.parse('{"a":[{"b":{"__proto__":1}}],"__proto__":{"x":1}}'))).toEqual([
      { path: 'a[0].b.__proto__', message: '"__proto__" is not allowed as a field or name' },
      { path: '__proto__', message: '"__proto__" is not allowed as a field or name' },
    ]);
    const many = JSON.parse(`[${Array.from({ length: 50 }, () => '{"__proto__":1}').join(',')}]`);
    expect(findForbiddenKeys(many)).toHaveLength(20);
    expect(findForbiddenKeys(JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`))).toEqual([]);
  });

  it('reads a valid 5 MB design', () => {
    const text = JSON.stringify(bigDesign(5 * 1024 * 1024));
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const result = parseScenarioText(text);
    expect(result.ok).toBe(true);
  });
});
