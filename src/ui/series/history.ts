/**
 * The chart history of one run, in columns: a full-resolution window of the latest frames
 * (what the charts show while the run goes) and the whole run downsampled (what they show once
 * it reached its end). Both are bounded: the window drops its oldest points, the whole-run
 * series merges neighbouring points in pairs whenever it fills up, so a day-long run costs the
 * same memory as a minute.
 */
import type { Frame } from '../../worker/protocol';
import { rowOf, type Row } from './columns';

/** Points the recent window keeps (one per frame). */
export const RECENT_POINTS = 600;
/** Points the whole-run series holds at most before it halves its resolution. */
export const WHOLE_RUN_POINTS = 1200;

export interface ColumnView {
  /** Points in this view. */
  readonly length: number;
  /** A column's values, oldest first (nulls where a point has no value); absent column → all null. */
  column(name: string): (number | null)[];
  has(name: string): boolean;
}

/** Columns of equal length; appending a row with a new column pads its past with nulls. */
export class ColumnSet implements ColumnView {
  private readonly cols = new Map<string, (number | null)[]>();
  length = 0;

  push(row: Row): void {
    for (const name in row) {
      let col = this.cols.get(name);
      if (!col) {
        col = new Array<number | null>(this.length).fill(null);
        this.cols.set(name, col);
      }
      col.push(row[name]);
    }
    this.length++;
    for (const col of this.cols.values()) if (col.length < this.length) col.push(null);
  }

  /** Drops the oldest `n` points. */
  dropOldest(n: number): void {
    for (const col of this.cols.values()) col.splice(0, n);
    this.length -= n;
  }

  /** Replaces each pair of neighbouring points by their mean (t: the later one's). */
  halve(): void {
    const half = Math.floor(this.length / 2);
    for (const [name, col] of this.cols) {
      const merged = new Array<number | null>(half);
      for (let i = 0; i < half; i++) merged[i] = name === 't' ? col[2 * i + 1] : meanOf(col[2 * i], col[2 * i + 1]);
      // An odd last point stays as it is.
      if (this.length % 2 === 1) merged.push(col[this.length - 1]);
      this.cols.set(name, merged);
    }
    this.length = half + (this.length % 2);
  }

  column(name: string): (number | null)[] {
    return this.cols.get(name) ?? new Array<number | null>(this.length).fill(null);
  }

  has(name: string): boolean {
    return this.cols.has(name);
  }

  clear(): void {
    this.cols.clear();
    this.length = 0;
  }
}

function meanOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return (a + b) / 2;
}

export class RunHistory {
  readonly recent = new ColumnSet();
  readonly whole = new ColumnSet();
  /** Frames received in this run. */
  frames = 0;
  /** Frames per whole-run point (doubles at each halving). */
  private stride = 1;
  private pending: Row[] = [];

  constructor(
    private readonly recentPoints = RECENT_POINTS,
    private readonly wholePoints = WHOLE_RUN_POINTS,
  ) {}

  push(frame: Frame): void {
    const row = rowOf(frame);
    this.frames++;
    this.recent.push(row);
    if (this.recent.length > this.recentPoints * 1.1) this.recent.dropOldest(this.recent.length - this.recentPoints);
    this.pending.push(row);
    if (this.pending.length >= this.stride) {
      this.whole.push(mergeRows(this.pending));
      this.pending = [];
      if (this.whole.length >= this.wholePoints) {
        this.whole.halve();
        this.stride *= 2;
      }
    }
  }

  /** The whole run, the frames still waiting to fill a point included. */
  wholeRun(): ColumnView {
    if (this.pending.length === 0) return this.whole;
    return new Joined(this.whole, mergeRows(this.pending));
  }

  clear(): void {
    this.recent.clear();
    this.whole.clear();
    this.pending = [];
    this.stride = 1;
    this.frames = 0;
  }
}

/** A column set with one more point at the end, without copying the set. */
class Joined implements ColumnView {
  constructor(
    private readonly base: ColumnSet,
    private readonly last: Row,
  ) {}
  get length(): number {
    return this.base.length + 1;
  }
  column(name: string): (number | null)[] {
    const col = this.base.column(name).slice();
    col.push(this.last[name] ?? null);
    return col;
  }
  has(name: string): boolean {
    return this.base.has(name) || name in this.last;
  }
}

/** The mean of several rows, column by column (t: the last row's). */
export function mergeRows(rows: readonly Row[]): Row {
  if (rows.length === 1) return rows[0];
  const out: Row = {};
  const counts: Record<string, number> = {};
  for (const row of rows) {
    for (const k in row) {
      const v = row[k];
      if (v === null) {
        if (!(k in out)) out[k] = null;
        continue;
      }
      out[k] = (out[k] ?? 0) + v;
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  for (const k in counts) out[k] = (out[k] as number) / counts[k];
  out.t = rows[rows.length - 1].t;
  return out;
}
