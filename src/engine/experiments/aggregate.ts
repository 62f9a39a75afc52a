/**
 * Many replications' reports made into one (SPEC §4.1): every number the mean across
 * replications, and `ci95` mirroring the report's numeric fields with the half-width of a
 * 95% Student-t interval. Pure: the CLI, the tests and the app's Sweep panel all use it.
 *
 * What is not a number is summarised so the report keeps its shape (its field names and
 * types are a public contract):
 * - objects: field by field, over the replications that have the field;
 * - arrays of the same length in every replication (a node's `instances`): element by element;
 *   arrays whose length differs (a `replicaTimeline`, an autoscaled server's instances) are
 *   the first replication's, with no interval;
 * - lists of names (`unstable`): every name any replication listed, in order of appearance;
 * - strings, booleans and null (a node's `kind`, a breaker's `circuitState`): the value most
 *   replications had, the earliest on a tie.
 * `seed` is the first replication's (the others follow it: seed + 1, …), `version` stays,
 * and `wallMs` is 0: wall time depends on the machine and the thread count, and the same
 * seeds must print the same output whatever they are.
 */
import type { Report } from '../api';
import { meanInterval } from './studentT';

/** The report of N replications: means, with their intervals. */
export type ReplicatedReport = Report & {
  replications: number;
  ci95: Ci95Interval;
};

/** `ci95`: the report's numeric fields (but `version`, `seed` and `wallMs`), as half-widths. */
export interface Ci95Interval {
  simulatedMs: number;
  warmupMs: number;
  events: number;
  requests: Record<keyof Report['requests'], number>;
  throughputRps: number;
  latencyMs: Record<keyof Report['latencyMs'], number>;
  nodes: Record<string, Record<string, unknown>>;
  edges: Record<string, Record<string, unknown>>;
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A record without a prototype: any id, `__proto__` included, is a plain key. */
function dict(): Record<string, Json> {
  return Object.create(null) as Record<string, Json>;
}

interface Summary {
  mean: Json;
  /** The interval's mirror; undefined where there is none (text, or fewer than two values). */
  ci: Json | undefined;
}

function summarise(values: readonly Json[]): Summary {
  if (values.every((v) => typeof v === 'number')) {
    const m = meanInterval(values as number[]);
    return { mean: m.mean, ci: Number.isNaN(m.halfWidth) ? undefined : m.halfWidth };
  }
  if (values.every(isObject)) {
    const mean = dict();
    const ci = dict();
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const v of values) {
      for (const k of Object.keys(v)) {
        if (!seen.has(k)) {
          seen.add(k);
          keys.push(k);
        }
      }
    }
    let anyCi = false;
    for (const k of keys) {
      const s = summarise(values.filter((v) => Object.prototype.hasOwnProperty.call(v, k)).map((v) => v[k]));
      mean[k] = s.mean;
      if (s.ci !== undefined) {
        ci[k] = s.ci;
        anyCi = true;
      }
    }
    return { mean, ci: anyCi ? ci : undefined };
  }
  if (values.every(Array.isArray)) {
    const arrays = values as Json[][];
    if (arrays.every((a) => a.every((e) => typeof e === 'string'))) {
      const names: string[] = [];
      const seen = new Set<string>();
      for (const a of arrays) {
        for (const e of a as string[]) {
          if (seen.has(e)) continue;
          seen.add(e);
          names.push(e);
        }
      }
      return { mean: names, ci: undefined };
    }
    const length = arrays[0].length;
    if (!arrays.every((a) => a.length === length)) return { mean: arrays[0], ci: undefined };
    const mean: Json[] = [];
    const ci: Json[] = [];
    let anyCi = false;
    for (let i = 0; i < length; i++) {
      const s = summarise(arrays.map((a) => a[i]));
      mean.push(s.mean);
      ci.push(s.ci ?? null);
      if (s.ci !== undefined) anyCi = true;
    }
    return { mean, ci: anyCi ? ci : undefined };
  }
  return { mean: mostCommon(values), ci: undefined };
}

/** The value most of `values` have (compared as JSON), the earliest on a tie. */
function mostCommon(values: readonly Json[]): Json {
  const counts = new Map<string, { value: Json; count: number }>();
  let best: { value: Json; count: number } | null = null;
  for (const v of values) {
    const key = JSON.stringify(v) ?? 'undefined';
    let c = counts.get(key);
    if (c === undefined) counts.set(key, (c = { value: v, count: 0 }));
    c.count++;
    if (best === null || c.count > best.count) best = c;
  }
  return best === null ? null : best.value;
}

/** Fields of the report that identify the run rather than measure it: no interval. */
const IDENTITY = ['version', 'seed', 'wallMs', 'replications'] as const;

/**
 * One report from the replications' reports, in seed order (the first one's seed is the
 * report's). Needs at least two: one run has no spread to make an interval from.
 */
export function aggregateReports(reports: readonly Report[]): ReplicatedReport {
  if (reports.length < 2) throw new RangeError(`aggregateReports: ${reports.length} report(s); an interval needs at least 2`);
  const s = summarise(reports as unknown as Json[]);
  const mean = s.mean as Record<string, Json>;
  const ci = (s.ci ?? dict()) as Record<string, Json>;
  for (const k of IDENTITY) delete ci[k];
  const out = dict();
  // The report's own order of fields, then what replication adds.
  for (const [k, v] of Object.entries(mean)) out[k] = v;
  out.version = reports[0].version;
  out.seed = reports[0].seed;
  out.wallMs = 0;
  out.replications = reports.length;
  out.ci95 = ci;
  return out as unknown as ReplicatedReport;
}
