/**
 * A node's report entry (SPEC §4) as rows a person reads: every figure its kind reports,
 * including the ones no live chart shows (lost writes, stale reads, duplicate writes, dead
 * letters, evictions…), named in words with its unit. Pure, so the inspector and tests share it.
 */
import { formatMs } from '../format';

export interface ResultRow {
  key: string;
  label: string;
  text: string;
}

export interface ResultTable {
  key: string;
  label: string;
  columns: string[];
  rows: string[][];
  /** Rows left out beyond the cap (an autoscaled tier can have hundreds of instances). */
  more: number;
}

export interface NodeResults {
  rows: ResultRow[];
  tables: ResultTable[];
}

/** Fields every kind carries that say nothing for this one (a client's utilisation is always 0). */
const SKIP = new Set(['kind', 'replicaTimeline', 'replicaTimelineTruncated']);
/** A station's figures, shown only for kinds with workers and a queue (not a client or a balancer). */
const STATION = new Set(['utilization', 'meanQueueLength', 'meanWaitMs', 'queueLength', 'meanInSystem']);
const TABLE_ROWS = 12;

/** `staleReads` → "stale reads"; `poolWaitMs` → "pool wait". */
export function wordsOf(key: string): string {
  const bare = key.replace(/Ms$/, '');
  return bare.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A number with its unit from the field's name: ms, a share as %, a count with separators. */
export function formatFigure(key: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (/Ms$/.test(key)) return formatMs(value);
  if (/(Rate|utilization|Fraction)$/i.test(key)) return `${(value * 100).toFixed(1)}%`;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function cell(key: string, value: unknown): string {
  if (typeof value === 'number') return formatFigure(key, value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return '…';
}

function table(key: string, list: readonly unknown[]): ResultTable | null {
  const items = list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  if (items.length === 0) return null;
  const columns = Object.keys(items[0]).filter((c) => !Array.isArray(items[0][c]) && typeof items[0][c] !== 'object');
  const shown = items.slice(0, TABLE_ROWS);
  return {
    key,
    label: wordsOf(key),
    columns,
    rows: shown.map((item) => columns.map((c) => cell(c, item[c]))),
    more: items.length - shown.length,
  };
}

/** Rows for the scalar fields and tables for the lists (instances, shards, routes…). */
export function nodeResults(entry: Record<string, unknown>, options: { station: boolean }): NodeResults {
  const rows: ResultRow[] = [];
  const tables: ResultTable[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (SKIP.has(key) || (!options.station && STATION.has(key))) continue;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
      rows.push({ key, label: wordsOf(key), text: cell(key, value) });
    } else if (Array.isArray(value)) {
      const t = table(key, value);
      if (t) tables.push(t);
    } else if (value !== null && typeof value === 'object') {
      // A record by name (a gateway's routes): one row per name.
      const named = Object.entries(value as Record<string, unknown>).map(([name, v]) => (typeof v === 'object' && v !== null ? { name, ...v } : { name, value: v }));
      const t = table(key, named);
      if (t) tables.push(t);
    }
  }
  return { rows, tables };
}
