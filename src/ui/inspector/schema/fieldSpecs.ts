/**
 * The inspector's form, derived from the model's zod schemas (through `z.toJSONSchema`), so a
 * field added to the schema shows in the inspector with no UI change: its control follows from
 * its type, its range and default from the schema, and its label, unit and one-line
 * explanation from the kind descriptor's `fields` (see `fieldInfo.ts`; failing that, from the
 * field's name and `.describe()`).
 */
import { z } from 'zod';
import { durationSchema, edgeConfigSchema, kindDefinitions, type NodeKind } from '../../../model';

/** A field's place: the kind (or "edge") and the dotted path inside its config. */
export interface FieldBase {
  /** The field's own name (the last path segment). */
  name: string;
  /** Path inside the config, e.g. `['retry', 'maxAttempts']`. */
  path: string[];
  /** The default the schema gives, if any. */
  default?: unknown;
  /** The schema's own `.describe()` text, if any. */
  description?: string;
}

export interface NumberSpec extends FieldBase {
  type: 'number';
  min?: number;
  max?: number;
  /** True when the bound is exclusive (`> 0`). */
  minExclusive?: boolean;
}

export type FieldSpec =
  | NumberSpec
  | (FieldBase & { type: 'enum'; options: string[] })
  | (FieldBase & { type: 'boolean' })
  | (FieldBase & { type: 'text'; pattern?: string })
  | (FieldBase & { type: 'duration' })
  /** An optional structure or value: null when off; a switch reveals `inner`. */
  | (FieldBase & { type: 'optional'; inner: FieldSpec })
  /** A nested object shown as a group of fields. */
  | (FieldBase & { type: 'object'; fields: FieldSpec[] })
  /** A list edited as rows; each row is `item` (an object's fields, or one value). */
  | (FieldBase & { type: 'list'; item: FieldSpec })
  /** An object of name → value edited as rows (paths and their weights). */
  | (FieldBase & { type: 'record'; value: FieldSpec })
  /** Anything the form cannot draw: edited as JSON. */
  | (FieldBase & { type: 'json' });

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  description?: string;
  $ref?: string;
};

/** Marks the duration schema so its uses come out as one recognisable `$ref`. */
const registry = z.registry<{ id?: string }>();
registry.add(durationSchema, { id: 'Duration' });
const DURATION_REF = '#/$defs/Duration';

function toJson(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { metadata: registry, unrepresentable: 'any', io: 'input' }) as JsonSchema;
}

function specOf(schema: JsonSchema, path: string[]): FieldSpec {
  const name = path[path.length - 1] ?? '';
  const base: FieldBase = { name, path, description: schema.description };
  if ('default' in schema) base.default = schema.default;
  if (schema.$ref === DURATION_REF) return { ...base, type: 'duration' };

  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const nonNull = alternatives.filter((s) => s.type !== 'null');
    if (nonNull.length === 1 && nonNull.length < alternatives.length) {
      return { ...base, type: 'optional', inner: specOf(nonNull[0], path) };
    }
    return { ...base, type: 'json' };
  }
  if (schema.enum) return { ...base, type: 'enum', options: schema.enum.map(String) };
  switch (schema.type) {
    case 'number':
    case 'integer': {
      const spec: NumberSpec = { ...base, type: 'number' };
      if (schema.minimum !== undefined) spec.min = schema.minimum;
      if (schema.exclusiveMinimum !== undefined) {
        spec.min = schema.exclusiveMinimum;
        spec.minExclusive = true;
      }
      if (schema.maximum !== undefined) spec.max = schema.maximum;
      return spec;
    }
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'string':
      return { ...base, type: 'text', pattern: schema.pattern };
    case 'array':
      return schema.items ? { ...base, type: 'list', item: specOf(schema.items, [...path, '[]']) } : { ...base, type: 'json' };
    case 'object': {
      if (schema.properties) {
        const fields = Object.entries(schema.properties).map(([key, child]) => specOf(child, [...path, key]));
        return { ...base, type: 'object', fields };
      }
      if (typeof schema.additionalProperties === 'object') {
        return { ...base, type: 'record', value: specOf(schema.additionalProperties, [...path, '{}']) };
      }
      return { ...base, type: 'json' };
    }
    default:
      return { ...base, type: 'json' };
  }
}

/** The fields of any config schema, top level, in schema order. */
export function fieldsOf(schema: z.ZodType): FieldSpec[] {
  const spec = specOf(toJson(schema), []);
  return spec.type === 'object' ? spec.fields : [];
}

const cache = new Map<string, FieldSpec[]>();

/** Every config field of a node kind, derived from its schema (computed once per kind). */
export function kindFields(kind: NodeKind): FieldSpec[] {
  let fields = cache.get(kind);
  if (!fields) {
    fields = fieldsOf(kindDefinitions[kind].configSchema);
    cache.set(kind, fields);
  }
  return fields;
}

/** Every config field of an edge. */
export function edgeFields(): FieldSpec[] {
  let fields = cache.get('(edge)');
  if (!fields) {
    fields = fieldsOf(edgeConfigSchema);
    cache.set('(edge)', fields);
  }
  return fields;
}

/** A starting value for a field that has no default: the smallest valid-looking value. */
export function blankValue(spec: FieldSpec): unknown {
  if (spec.default !== undefined) return structuredClone(spec.default);
  switch (spec.type) {
    case 'number':
      return spec.min !== undefined ? (spec.minExclusive ? spec.min + 1 : spec.min) : 0;
    case 'enum':
      return spec.options[0];
    case 'boolean':
      return false;
    case 'text':
      return '';
    case 'duration':
      return 1;
    case 'optional':
      return null;
    case 'object':
      return Object.fromEntries(spec.fields.map((f) => [f.name, blankValue(f)]));
    case 'list':
      return [];
    case 'record':
      return {};
    case 'json':
      return null;
  }
}
