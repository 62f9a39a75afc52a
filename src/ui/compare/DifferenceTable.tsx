/** B − A for each headline figure, with the paired interval, the unpaired one, and pairing's gain. */
import { useMemo } from 'react';
import { formatSeconds } from '../format';
import type { ComparisonResult } from './comparisonState';
import { differenceRows, pairingSentence } from './differenceTable';

const VERDICT = { higher: 'B higher', lower: 'B lower', same: 'no clear difference' } as const;

export function DifferenceTable({ result }: { result: ComparisonResult }) {
  const rows = useMemo(() => differenceRows(result.comparison), [result]);
  return (
    <section className="ab-differences" aria-labelledby="ab-differences-title" data-testid="ab-differences">
      <h3 id="ab-differences-title">
        B − A over {result.pairs} pairs of {formatSeconds(result.durationMs)} runs <span className="hint">(95% intervals)</span>
      </h3>
      <table className="ab-table">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B − A, paired</th>
            <th scope="col">Unpaired ±</th>
            <th scope="col">Pairing</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.figure}
              data-testid={`ab-row-${r.figure}`}
              data-difference={r.raw.difference}
              data-paired={r.raw.pairedHalfWidth}
              data-unpaired={r.raw.unpairedHalfWidth}
              className={`verdict-${r.verdict}`}
            >
              <th scope="row">{r.label}</th>
              <td>
                {r.aParts.value}
                <span className="ab-sub">{r.aParts.interval}</span>
              </td>
              <td>
                {r.bParts.value}
                <span className="ab-sub">{r.bParts.interval}</span>
              </td>
              <td className="ab-diff" title={VERDICT[r.verdict]}>
                {r.difference} <span className="ab-sub">{VERDICT[r.verdict]}</span>
              </td>
              <td>{r.unpaired}</td>
              <td className="ab-ratio">{r.narrower}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ab-sentence" data-testid="ab-sentence">
        {pairingSentence(rows, result.pairs)}
      </p>
    </section>
  );
}
