/**
 * The sweep's numbers as a table: one row per swept value, each figure as its mean across
 * replications ± the half-width of its 95% interval. What the charts draw, for a screen
 * reader, a copy into a spreadsheet, or a test (each cell carries its numbers as data).
 */
import { formatMs } from '../format';
import type { SweepFigure } from './pointFigures';
import type { SweepRun } from './sweepStore';

const COLUMNS: { figure: SweepFigure; label: string; format: (v: number) => string }[] = [
  { figure: 'latencyMs.mean', label: 'mean latency', format: formatMs },
  { figure: 'latencyMs.p50', label: 'p50', format: formatMs },
  { figure: 'latencyMs.p99', label: 'p99', format: formatMs },
  { figure: 'throughputRps', label: 'throughput', format: (v) => `${v.toFixed(v < 100 ? 1 : 0)} rps` },
  { figure: 'errorRate', label: 'error rate', format: (v) => `${(v * 100).toFixed(2)}%` },
];

/** "± 0.12 ms": the half-width in the figure's own unit (a rate's in points of per cent). */
function plusMinus(format: (v: number) => string, half: number): string {
  return Number.isNaN(half) ? '' : ` ± ${format(half)}`;
}

export function SweepTable({ run, marked }: { run: SweepRun; marked: number | null }) {
  const unit = run.field.unit ? ` (${run.field.unit})` : '';
  return (
    <div className="sweep-table-wrap">
      <table className="sweep-table" data-testid="sweep-table">
        <caption>
          {run.field.label} of {run.field.owner}
          {run.replications > 1 ? `: means of ${run.replications} replications ± the half-width of their 95% interval` : ': one run per point (no interval)'}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {run.field.label}
              {unit}
            </th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c.figure}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {run.values.map((value, i) => {
            const p = run.points[i];
            const isMarked = marked !== null && value === marked;
            return (
              <tr key={value} data-value={value} data-done={p !== null} data-marked={isMarked} className={isMarked ? 'marked' : undefined}>
                <th scope="row">
                  {value}
                  {isMarked && <span className="sweep-mark-badge"> ← marked</span>}
                </th>
                {COLUMNS.map((c) => {
                  const f = p?.figures[c.figure];
                  return (
                    <td key={c.figure} data-figure={c.figure} data-mean={f?.mean} data-half={f === undefined || Number.isNaN(f.half) ? undefined : f.half}>
                      {f === undefined ? '…' : `${c.format(f.mean)}${plusMinus(c.format, f.half)}`}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
