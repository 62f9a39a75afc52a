/**
 * The inspector is generated from the model's schemas: every field of every kind and of an
 * edge gets a control, an explanation and a valid way to switch optional parts on; a field
 * new to a schema shows up with no change to the UI.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createEdge, createNode, defaultConfig, edgeConfigSchema, kindDefinitions, NODE_KINDS, parseScenario } from '../../src/model';
import { fieldInfo, fieldTexts, infoKey, type Scope } from '../../src/ui/inspector/schema/fieldInfo';
import { blankValue, edgeFields, fieldsOf, kindFields, type FieldSpec } from '../../src/ui/inspector/schema/fieldSpecs';
import { uiKinds } from '../../src/ui/kinds';

function walk(specs: readonly FieldSpec[], visit: (spec: FieldSpec) => void): void {
  for (const spec of specs) {
    visit(spec);
    if (spec.type === 'optional') walk(spec.inner.type === 'object' ? spec.inner.fields : [], visit);
    if (spec.type === 'object') walk(spec.fields, visit);
    if (spec.type === 'list' && spec.item.type === 'object') walk(spec.item.fields, visit);
    if (spec.type === 'list' && spec.item.type !== 'object') visit(spec.item);
    if (spec.type === 'record') visit(spec.value);
  }
}

const scopes: [Scope, FieldSpec[], Record<string, unknown>][] = [
  ...NODE_KINDS.map((kind): [Scope, FieldSpec[], Record<string, unknown>] => [kind, kindFields(kind), defaultConfig(kind) as Record<string, unknown>]),
  ['edge', edgeFields(), edgeConfigSchema.parse({}) as Record<string, unknown>],
];

describe('the inspector’s fields come from the schema', () => {
  it.each(scopes)('%s: every config field has a control, in schema order', (_scope, fields, defaults) => {
    expect(fields.map((f) => f.name)).toEqual(Object.keys(defaults));
    walk(fields, (spec) => expect(spec.type, spec.path.join('.')).not.toBe('json'));
  });

  it('every field has a label and a one-line explanation', () => {
    const missing: string[] = [];
    for (const [scope, fields] of scopes) {
      walk(fields, (spec) => {
        if (!fieldInfo(scope, spec.path).known) missing.push(`${scope}: ${infoKey(spec.path)}`);
      });
    }
    // A field new to the schema still shows (labelled from its name); add its line to the kind's
    // descriptor (src/ui/kinds/<kind>.ts, `fields`) or, for an edge, to inspector/schema/fieldInfo.ts.
    expect(missing).toEqual([]);
  });

  it('every table entry names a field that exists, or one the SPEC announces', () => {
    const announced = new Set(['queue: durable', 'edge: retry.budgetRatio']);
    for (const [scope, fields] of scopes) {
      const known = new Set<string>();
      walk(fields, (spec) => known.add(infoKey(spec.path)));
      for (const key of Object.keys(fieldTexts(scope))) {
        expect(known.has(key) || announced.has(`${scope}: ${key}`), `${scope}: ${key}`).toBe(true);
      }
    }
  });

  it.each(scopes)('%s: switching an optional part on gives a valid document', (scope, fields) => {
    for (const spec of fields.filter((f) => f.type === 'optional')) {
      if (spec.type !== 'optional') continue;
      const value = fieldInfo(scope, spec.path).onValue ?? blankValue(spec.inner);
      const doc =
        scope === 'edge'
          ? { version: 1, nodes: [createNode('server', 'a'), createNode('server', 'b')], edges: [{ ...createEdge('e1', 'a', 'b'), config: { [spec.name]: value } }] }
          : { version: 1, nodes: [{ ...createNode(scope, 'n'), config: { [spec.name]: value } }] };
      const parsed = parseScenario(doc);
      expect(parsed.ok ? [] : parsed.errors, `${scope}.${spec.name}`).toEqual([]);
    }
  });

  it('picks up a field added to a schema with no change to the UI', () => {
    const grown = kindDefinitions.queue.configSchema.extend({ durable: z.boolean().default(true), retentionMs: z.number().min(0).default(60_000) });
    const fields = fieldsOf(grown);
    expect(fields.find((f) => f.name === 'durable')).toMatchObject({ type: 'boolean', default: true });
    expect(fields.find((f) => f.name === 'retentionMs')).toMatchObject({ type: 'number', min: 0, default: 60_000 });
    // Labelled and united from its name until someone writes its line.
    expect(fieldInfo('queue', ['retentionMs'])).toMatchObject({ label: 'Retention', unit: 'ms', known: false });
  });

  it('each kind’s inspector sections name only its own fields, each once', () => {
    for (const kind of NODE_KINDS) {
      const names = uiKinds[kind].sections.flatMap((s) => s.fields);
      expect(new Set(names).size, kind).toBe(names.length);
      for (const name of names) expect(Object.keys(defaultConfig(kind)), kind).toContain(name);
    }
  });
});
