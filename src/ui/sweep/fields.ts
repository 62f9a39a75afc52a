/**
 * The fields a sweep can vary: every number in a node's or an edge's config that is set (a
 * switched-off optional structure has none to vary), named by the dotted path the CLI's
 * `--sweep` takes (`nodes.web.config.replicas`, `edges.e2.config.timeoutMs`). A duration
 * offers the numbers of its current distribution (`serviceTime.meanMs`), or itself when it is
 * a plain number of ms. Labels and units come from the inspector's tables.
 */
import type { Scenario } from '../../model';
import { fieldInfo, type Scope } from '../inspector/schema/fieldInfo';
import { edgeFields, kindFields, type FieldSpec } from '../inspector/schema/fieldSpecs';

export interface SweepField {
  /** `nodes.<id>.config.<path>` or `edges.<id>.config.<path>`. */
  path: string;
  /** Which node or edge, for grouping the choice. */
  owner: string;
  /** "Replicas", "Service time · mean". */
  label: string;
  unit?: string;
  /** The design's value now. */
  current: number;
  min?: number;
  max?: number;
  /** Whole numbers only (counts: replicas, workers, connections). */
  integer: boolean;
}

/** Distribution parameters, in words. */
const DIST_PARAMS: Record<string, string> = { ms: 'time', meanMs: 'mean', minMs: 'min', maxMs: 'max', medianMs: 'median', sigma: 'σ', k: 'k' };

/** Counts the schema bounds as whole numbers (its JSON Schema says only "number"). */
const COUNT_UNITS = /^(instances|workers|requests|connections|replicas|attempts|calls|entries|messages|users|keys|shards)$/;

function collect(scope: Scope, specs: readonly FieldSpec[], value: Record<string, unknown>, prefix: string, owner: string, labelPrefix: string, out: SweepField[]): void {
  for (const spec of specs) {
    const v = value[spec.name];
    const info = fieldInfo(scope, spec.path, spec.description);
    const label = labelPrefix ? `${labelPrefix} · ${info.label}` : info.label;
    const path = `${prefix}.${spec.name}`;
    switch (spec.type) {
      case 'number':
        if (typeof v === 'number') {
          const integer = (info.unit !== undefined && COUNT_UNITS.test(info.unit)) || /^(replicas|concurrency|connections|capacity|shards|readReplicas|maxAttempts|callsPerRequest|batchSize|burst)$/.test(spec.name);
          out.push({ path, owner, label, unit: info.unit, current: v, min: spec.min, max: spec.max, integer });
        }
        break;
      case 'duration':
        if (typeof v === 'number') out.push({ path, owner, label, unit: 'ms', current: v, min: 0, integer: false });
        else if (typeof v === 'object' && v !== null) {
          for (const [k, x] of Object.entries(v)) {
            if (typeof x !== 'number') continue;
            const integer = k === 'k';
            out.push({ path: `${path}.${k}`, owner, label: `${label} · ${DIST_PARAMS[k] ?? k}`, unit: k.endsWith('Ms') ? 'ms' : undefined, current: x, min: integer ? 1 : 0, integer });
          }
        }
        break;
      case 'optional':
        // Off (null): nothing to vary. On: the inner value's numbers.
        if (v === null || v === undefined) break;
        if (spec.inner.type === 'number' && typeof v === 'number') {
          out.push({ path, owner, label, unit: info.unit, current: v, min: spec.inner.min, max: spec.inner.max, integer: false });
        } else if (spec.inner.type === 'object' && typeof v === 'object') {
          collect(scope, spec.inner.fields, v as Record<string, unknown>, path, owner, label, out);
        }
        break;
      case 'object':
        if (typeof v === 'object' && v !== null) collect(scope, spec.fields, v as Record<string, unknown>, path, owner, label, out);
        break;
      default:
        break;
    }
  }
}

/** Every field of `scenario` a sweep can vary, node by node in the document's order, then the edges. */
export function sweepableFields(scenario: Scenario): SweepField[] {
  const out: SweepField[] = [];
  for (const n of scenario.nodes) {
    const owner = n.label ? `${n.label} (${n.id})` : n.id;
    collect(n.kind, kindFields(n.kind), n.config as unknown as Record<string, unknown>, `nodes.${n.id}.config`, owner, '', out);
  }
  for (const e of scenario.edges) {
    collect('edge', edgeFields(), e.config as unknown as Record<string, unknown>, `edges.${e.id}.config`, `call ${e.id} (${e.from} → ${e.to})`, '', out);
  }
  return out;
}

/** The field a new sweep starts on: the first client's rate, else the first field. */
export function defaultSweepField(fields: readonly SweepField[]): SweepField | undefined {
  return fields.find((f) => /^nodes\.[^.]+\.config\.rps$/.test(f.path)) ?? fields[0];
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `x`. */
function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * 0.999) return m * p;
  return 10 * p;
}

/** A range to start from for `field`: around its current value, in about eight steps. */
export function suggestedRange(field: SweepField): { from: number; to: number; step: number } {
  const c = field.current;
  if (field.integer) {
    const from = Math.max(field.min ?? 1, 1);
    const to = Math.max(from + 1, Math.min(field.max ?? Infinity, Math.max(8, 2 * c)));
    return { from, to, step: Math.max(1, Math.round(niceStep((to - from) / 8))) };
  }
  if (c > 0) {
    const step = niceStep(c / 4);
    const from = step;
    const to = Math.min(field.max ?? Infinity, step * Math.max(2, Math.round((2 * c) / step)));
    return { from, to, step };
  }
  return { from: 0, to: field.max !== undefined && field.max <= 1 ? field.max : 10, step: field.max !== undefined && field.max <= 1 ? 0.1 : 1 };
}
