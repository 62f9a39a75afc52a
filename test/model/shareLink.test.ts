/**
 * Share links (SPEC §5): round trips, an independent encoder, and hostile links. Every refusal
 * must be a message naming the problem and the field, never an exception.
 */
import fc from 'fast-check';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  LINK_PATH,
  MAX_LINK_DOCUMENT_BYTES,
  decodeSharePayload,
  encodeSharePayload,
  parseScenario,
  readShareFragment,
  shareFragment,
  type ParseResult,
  type Scenario,
} from '../../src/model';
import { encodeBase64Url } from '../../src/model/share/base64url';
import { inflateRawBounded } from '../../src/model/share/boundedInflate';
import { bigDesign } from '../fixtures/bigDesign';
import { arbAnyScenario } from './arbitraries';

function parsed(doc: unknown): Scenario {
  const result = parseScenario(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

function payloadOf(scenario: Scenario): string {
  const link = encodeSharePayload(scenario);
  if (!link.ok) throw new Error(link.error.message);
  return link.payload;
}

/** What any other tool would do: raw DEFLATE from zlib, base64url from Node's Buffer. */
function independentPayload(text: string | Buffer): string {
  return deflateRawSync(typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64url');
}

function refusal(result: ParseResult): { path: string; message: string }[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

const SMALL = {
  version: 1,
  name: 'Link test',
  seed: 9,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 120 } },
    { id: 'web', kind: 'server', config: { replicas: 2 } },
  ],
  edges: [{ id: 'e1', from: 'users', to: 'web' }],
};

describe('document → link → document', () => {
  it('is the identity for random valid documents of every kind', () => {
    fc.assert(
      fc.property(arbAnyScenario(), (doc) => {
        const scenario = parsed(doc);
        const payload = payloadOf(scenario);
        expect(payload).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
        const back = decodeSharePayload(payload);
        expect(back.ok && back.scenario).toEqual(scenario);
      }),
      { numRuns: 300 },
    );
  });

  it('carries the exact JSON of the document, readable by zlib (raw DEFLATE, no header)', () => {
    const scenario = parsed(SMALL);
    const bytes = Buffer.from(payloadOf(scenario), 'base64url');
    expect(inflateRawSync(bytes).toString('utf8')).toBe(JSON.stringify(scenario));
  });

  it('opens a link made by an independent encoder (zlib.deflateRawSync + base64url)', () => {
    const text = JSON.stringify(SMALL, null, 2);
    const result = decodeSharePayload(independentPayload(text));
    expect(result.ok && result.scenario).toEqual(parsed(SMALL));
  });

  it('reads the fragment, with or without embed, in any order', () => {
    expect(readShareFragment('#s=abc')).toEqual({ payload: 'abc', embed: false });
    expect(readShareFragment('#s=abc&embed=1')).toEqual({ payload: 'abc', embed: true });
    expect(readShareFragment('embed=1&s=a-b_c')).toEqual({ payload: 'a-b_c', embed: true });
    expect(readShareFragment('#embed=0&s=x')).toEqual({ payload: 'x', embed: false });
    expect(readShareFragment('#section-2')).toBeNull();
    expect(readShareFragment('')).toBeNull();
    expect(shareFragment('abc', { embed: true })).toBe('#s=abc&embed=1');
    expect(readShareFragment(shareFragment('abc'))).toEqual({ payload: 'abc', embed: false });
  });

  it('refuses to make a link the app would refuse to open, and says why', () => {
    const big = parsed(bigDesign(2 * MAX_LINK_DOCUMENT_BYTES));
    const link = encodeSharePayload(big);
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.error.message).toMatch(/a link carries at most 1\.0 MB: export it as a file/);
  });
});

describe('hostile links get a message, never an exception', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), (bytes) => {
        const errors = refusal(decodeSharePayload(encodeBase64Url(bytes)));
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) expect(e.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 500 },
    );
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = decodeSharePayload(text);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(refusal(decodeSharePayload('abc%20def'))).toEqual([
      { path: LINK_PATH, message: expect.stringMatching(/character "%" at position 4 is not base64url/) },
    ]);
    expect(refusal(decodeSharePayload(''))[0].message).toMatch(/no scenario after it/);
  });

  it('a link cut short at any point', () => {
    const payload = payloadOf(parsed(SMALL));
    for (let keep = 0; keep < payload.length; keep++) {
      const errors = refusal(decodeSharePayload(payload.slice(0, keep)));
      expect(errors[0].path).toBe(LINK_PATH);
      expect(errors[0].message).toMatch(/cut short|part of it is missing|is empty|corrupt/);
    }
    expect(refusal(decodeSharePayload(payload.slice(0, payload.length - 4)))[0].message).toMatch(/cut short/);
  });

  it('a payload that inflates to 50 MB stops at the 1 MB budget', () => {
    const bomb = deflateRawSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    const payload = bomb.toString('base64url');
    expect(payload.length).toBeLessThan(100_000); // a link small enough to paste
    const errors = refusal(decodeSharePayload(payload));
    expect(errors).toEqual([{ path: LINK_PATH, message: expect.stringMatching(/inflates to more than 1\.0 MB/) }]);
    // Reading stopped within one slice of the budget, long before 50 MB.
    const bounded = inflateRawBounded(new Uint8Array(bomb), MAX_LINK_DOCUMENT_BYTES);
    expect(bounded.ok).toBe(false);
    if (!bounded.ok && bounded.problem === 'too-large') {
      expect(bounded.inflatedBytes).toBeLessThan(MAX_LINK_DOCUMENT_BYTES + 300_000);
    } else throw new Error('expected too-large');
  });

  it('a document just under the budget opens; one just over does not', () => {
    const under = bigDesign(MAX_LINK_DOCUMENT_BYTES - 20_000);
    expect(JSON.stringify(under).length).toBeLessThan(MAX_LINK_DOCUMENT_BYTES);
    expect(decodeSharePayload(independentPayload(JSON.stringify(under))).ok).toBe(true);
    const over = bigDesign(MAX_LINK_DOCUMENT_BYTES + 20_000);
    expect(refusal(decodeSharePayload(independentPayload(JSON.stringify(over))))[0].message).toMatch(/too large/);
  });

  it('bytes that are not UTF-8', () => {
    const errors = refusal(decodeSharePayload(independentPayload(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))));
    expect(errors).toEqual([{ path: LINK_PATH, message: 'is corrupt: its scenario is not UTF-8 text' }]);
  });

  it('deep nesting, valid JSON or not', () => {
    const deep = `{"version":1,"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(refusal(decodeSharePayload(independentPayload(deep)))).toEqual([
      { path: 'name', message: 'must be a string of at most 200 characters' },
    ]);
    const open = `{"version":1,"name":${'['.repeat(500_000)}`;
    expect(refusal(decodeSharePayload(independentPayload(open)))[0].message).toMatch(/is not valid JSON: unexpected end of text/);
    const objects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(refusal(decodeSharePayload(independentPayload(objects)))[0].message).toMatch(/required|unknown field/);
  });

  it('__proto__ and constructor keys: named, never applied', () => {
    const text = JSON.stringify(SMALL).replace('"name"', '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name"');
    const errors = refusal(decodeSharePayload(independentPayload(text)));
    expect(errors).toEqual([{ path: '__proto__', message: '"__proto__" is not allowed as a field or name' }]);
    // Inside a record (a client's paths), where it would otherwise silently vanish.
    const inPaths = JSON.stringify(SMALL).replace('"rps":120', '"rps":120,"paths":{"/a":1,"__proto__":2}');
    expect(refusal(decodeSharePayload(independentPayload(inPaths)))).toEqual([
      { path: 'nodes[0].config.paths.__proto__', message: '"__proto__" is not allowed as a field or name' },
    ]);
    const ctor = JSON.stringify(SMALL).replace('"seed"', '"constructor":1,"seed"');
    expect(refusal(decodeSharePayload(independentPayload(ctor)))).toEqual([
      { path: 'constructor', message: 'unknown field "constructor"' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('markup and script in labels stay inert text', () => {
    const label = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const doc = { ...SMALL, name: label, nodes: [{ ...SMALL.nodes[0], label }, SMALL.nodes[1]] };
    const result = decodeSharePayload(independentPayload(JSON.stringify(doc)));
    expect(result.ok && result.scenario.nodes[0].label).toBe(label);
    expect(result.ok && result.scenario.name).toBe(label);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('NaN, Infinity and huge numbers', () => {
    const nan = JSON.stringify(SMALL).replace('"seed":9', '"seed":NaN');
    expect(refusal(decodeSharePayload(independentPayload(nan)))[0].message).toMatch(/is not valid JSON: unexpected character "N"/);
    const inf = JSON.stringify(SMALL).replace('"seed":9', '"seed":Infinity');
    expect(refusal(decodeSharePayload(independentPayload(inf)))[0].message).toMatch(/is not valid JSON/);
    const huge = JSON.stringify(SMALL).replace('"seed":9', '"seed":1e400').replace('"replicas":2', '"replicas":1e300');
    const errors = refusal(decodeSharePayload(independentPayload(huge)));
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['seed', 'nodes[1].config.replicas']));
    const longRun = JSON.stringify(SMALL).replace('"seed":9', '"seed":9,"durationMs":1e308');
    expect(refusal(decodeSharePayload(independentPayload(longRun)))).toEqual([
      { path: 'durationMs', message: 'must be a number ≤ 86400000 (24 h)' },
    ]);
  });

  it('a valid link to an invalid document names each field', () => {
    const doc = { ...SMALL, nodes: [SMALL.nodes[0], { id: 'web', kind: 'server', config: { replicas: 0, colour: 'red' } }] };
    expect(refusal(decodeSharePayload(independentPayload(JSON.stringify(doc))))).toEqual([
      { path: 'nodes[1].config.replicas', message: 'must be an integer ≥ 1' },
      { path: 'nodes[1].config.colour', message: 'unknown field "colour"' },
    ]);
  });
});
