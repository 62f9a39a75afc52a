/** The selected node's results from the run's report: every figure its kind reports, in words. */
import { useMemo } from 'react';
import { useResults } from '../store';
import { nodeResults, wordsOf } from './nodeResults';

export function NodeResults({ id, station }: { id: string; station: boolean }) {
  const entry = useResults((s) => s.report?.nodes[id]);
  const results = useMemo(() => (entry ? nodeResults(entry as unknown as Record<string, unknown>, { station }) : null), [entry, station]);
  if (!results) return null;
  return (
    <section className="node-results" data-testid="node-results" aria-label={`Results of ${id}`}>
      <h3>Results</h3>
      <dl className="live-stats">
        {results.rows.map((r) => (
          <div key={r.key} data-result={r.key}>
            <dt>{r.label}</dt>
            <dd>{r.text}</dd>
          </div>
        ))}
      </dl>
      {results.tables.map((t) => (
        <table key={t.key} className="report-edges" data-result-table={t.key}>
          <caption>{t.label}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {t.columns.map((c) => (
                <th key={c} scope="col">
                  {wordsOf(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((row, i) => (
              <tr key={i}>
                <td>{i}</td>
                {row.map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
          {t.more > 0 && (
            <tfoot>
              <tr>
                <td colSpan={t.columns.length + 1}>and {t.more} more</td>
              </tr>
            </tfoot>
          )}
        </table>
      ))}
    </section>
  );
}
