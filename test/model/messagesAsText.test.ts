/**
 * Messages are text, and no input-sized path recurses or goes quadratic (issue 11): control
 * characters in user strings are escaped, huge keys are cut and get no edit-distance hint,
 * deep nesting and 20,000 unterminated `[` give a message, not a stack overflow.
 */
import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenario, parseScenarioText, quote, type FieldError, type Scenario } from '../../src/model';
import { editDistance } from '../../src/model/errors';
import { findJsonSyntaxError } from '../../src/model/jsonSyntax';
import { example } from './fixtures';

const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

function errorsOf(doc: unknown): FieldError[] {
  const result = parseScenario(doc);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('control characters in user strings are escaped in every message', () => {
  it('an unknown key with ESC and BEL', () => {
    const doc = example();
    doc.nodes[2].config['\u001b[31mred\u0007'] = 1;
    const errors = errorsOf(doc);
    expect(errors).toEqual([
      { path: 'nodes[2].config["\\u001b[31mred\\u0007"]', message: 'unknown field "\\u001b[31mred\\u0007"' },
    ]);
    expect(RAW_CONTROL.test(formatErrors(errors))).toBe(false);
  });

  it('an edge target, a fault target and a duplicate id', () => {
    const doc = example();
    doc.edges[0].to = 'lb\u001b]0;owned\u0007';
    doc.faults[0].target = '\u202eevil';
    doc.nodes[4].id = 'web\n';
    const text = formatErrors(errorsOf(doc));
    expect(text).toContain('edges[0].to: no node with id "lb\\u001b]0;owned\\u0007"');
    expect(text).toContain('faults[0].target: no node or edge with id "\\u202eevil"');
    for (const e of errorsOf(doc)) expect(RAW_CONTROL.test(`${e.path}: ${e.message}`)).toBe(false);
    // One line per error: an embedded newline cannot forge another.
    expect(text.split('\n')).toHaveLength(errorsOf(doc).length);
  });

  it('a JSON syntax error at a control character', () => {
    const result = parseScenarioText('{"version":1,\u001b}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0].message).toBe('is not valid JSON: expected a double-quoted field name at line 1, column 14');
      expect(RAW_CONTROL.test(result.errors[0].message)).toBe(false);
    }
    expect(findJsonSyntaxError('[\u0007]')?.reason).toBe('unexpected character "\\u0007"');
  });

  it('quote escapes, and cuts long strings on a whole character', () => {
    expect(quote('a\u001bb"c\\')).toBe('"a\\u001bb\\"c\\\\"');
    expect(quote('x'.repeat(100))).toBe(`"${'x'.repeat(64)}…" (100 characters)`);
    expect(quote(`${'x'.repeat(63)}😀`)).toBe(`"${'x'.repeat(63)}…" (65 characters)`);
  });
});

describe('the "did you mean" hint is bounded', () => {
  it('a 1 MB and a 10 MB unknown key give a short message at once', () => {
    for (const size of [1_000_000, 10_000_000]) {
      const doc = example();
      doc.nodes[2].config[`replica${'s'.repeat(size)}`] = 1;
      const errors = errorsOf(doc);
      expect(errors).toHaveLength(1);
      expect(errors[0].path.length).toBeLessThan(120);
      expect(errors[0].message).toMatch(/^unknown field "replicas+…" \([\d,]+ characters\)$/);
    }
  }, 20_000);

  it('still suggests a near name for a short key', () => {
    const doc = example();
    doc.nodes[2].config.replcias = 2;
    expect(errorsOf(doc)[0].message).toBe('unknown field "replcias" (did you mean "replicas"?)');
  });

  it('the edit distance stops at its cutoff', () => {
    expect(editDistance('replcias', 'replicas')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'b'.repeat(1000), 2)).toBe(3);
  });
});

describe('no recursion on input-sized paths', () => {
  it('20,000 unterminated [ is a message with its position', () => {
    const result = parseScenarioText('['.repeat(20_000));
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '(document)', message: 'is not valid JSON: unexpected end of text at line 1, column 20001' }],
    });
  });

  it('a million unterminated {"a": is a message too', () => {
    const result = parseScenarioText('{"a":'.repeat(1_000_000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/unexpected end of text at line 1, column 5000001/);
  });

  it('20,000-deep valid nesting where a node, a config or an unknown field should be', () => {
    const deep = (open: string, close: string) => `${open.repeat(20_000)}1${close.repeat(20_000)}`;
    expect(parseScenarioText(`{"version":1,"nodes":[${deep('[', ']')}]}`)).toEqual({
      ok: false,
      errors: [{ path: 'nodes[0]', message: 'must be an object' }],
    });
    const inConfig = parseScenarioText(`{"version":1,"nodes":[{"id":"a","kind":"server","config":{"replicas":${deep('{"a":', '}')}}}]}`);
    expect(inConfig.ok ? [] : inConfig.errors.map((e) => e.path)).toEqual(['nodes[0].config.replicas']);
    const unknown = parseScenarioText(`{"version":1,"x":${deep('[', ']')}}`);
    expect(unknown.ok ? [] : unknown.errors).toEqual([{ path: 'x', message: 'unknown field "x"' }]);
  });

  it('a syntax error far into a large file is located without rescanning', () => {
    const text = `[${'1,'.repeat(2_000_000)}x]`;
    expect(findJsonSyntaxError(text)).toEqual({ offset: 4_000_001, line: 1, column: 4_000_002, reason: 'unexpected character "x"' });
    const lines = `${'\n'.repeat(1_000_000)}{`;
    expect(findJsonSyntaxError(lines)).toMatchObject({ line: 1_000_001, column: 2 });
  });

  it('many errors print as a bounded list', () => {
    const errors = Array.from({ length: 500 }, (_, k) => ({ path: `nodes[${k}]`, message: 'must be an object' }));
    const text = formatErrors(errors, 100);
    expect(text.split('\n')).toHaveLength(101);
    expect(text.endsWith('… and 400 more')).toBe(true);
  });
});

describe('keys that are names an object already has', () => {
  /** Either the document is refused naming the key, or the key survives as an own entry. */
  function neverSilent(text: string, path: string, check: (scenario: Scenario) => void): void {
    const result = parseScenarioText(text);
    if (result.ok) check(result.scenario);
    else expect(result.errors.map((e) => e.path)).toContain(path);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  }

  it('a client path named "__proto__" never silently vanishes', () => {
    neverSilent(
      '{"version":1,"nodes":[{"id":"c","kind":"client","config":{"paths":{"__proto__":3,"constructor":1,"/a":1}}}]}',
      'nodes[0].config.paths.__proto__',
      (scenario) => {
        const client = scenario.nodes[0];
        if (client.kind !== 'client') throw new Error('not a client');
        expect(Object.entries(client.config.paths)).toEqual([
          ['__proto__', 3],
          ['constructor', 1],
          ['/a', 1],
        ]);
        expect(Object.getPrototypeOf(client.config.paths)).toBe(Object.prototype);
        // What the app saves loads back the same.
        const again = parseScenario(JSON.parse(JSON.stringify(scenario)));
        expect(again.ok && again.scenario).toEqual(scenario);
      },
    );
  });

  it('a "__proto__" key holding an object pollutes nothing and is refused', () => {
    const result = parseScenarioText('{"version":1,"__proto__":{"polluted":true},"nodes":[{"id":"a","kind":"server","config":{"__proto__":{"replicas":5}}}]}');
    expect(result.ok ? [] : result.errors.map((e) => e.path).sort()).toEqual(['__proto__', 'nodes[0].config.__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('ids that an object already has (constructor, toString) are ordinary ids', () => {
    const result = parseScenarioText(
      '{"version":1,"nodes":[{"id":"constructor","kind":"client"},{"id":"toString","kind":"server"}],"edges":[{"id":"valueOf","from":"constructor","to":"toString"}]}',
    );
    expect(result.ok).toBe(true);
  });
});
