/** The run's results (its report so far), shown when the run is paused or finished. */
import { formatMs } from '../format';
import { useResults } from '../store';

export function ReportPanel() {
  const report = useResults((s) => s.report);
  if (!report) return null;
  const r = report.requests;
  const edges = Object.entries(report.edges);
  return (
    <section className="report" data-testid="report" aria-label="Results">
      <h3>
        Results at {(report.simulatedMs / 1000).toFixed(1)} s <span className="hint">(after the warm-up)</span>
      </h3>
      <dl className="report-counts">
        {(['generated', 'ok', 'error', 'rejected', 'timeout', 'inFlight'] as const).map((k) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid={`report-requests-${k}`}>{r[k]}</dd>
          </div>
        ))}
        <div>
          <dt>p50 / p99</dt>
          <dd>
            {formatMs(report.latencyMs.p50)} / {formatMs(report.latencyMs.p99)}
          </dd>
        </div>
      </dl>
      {edges.length > 0 && (
        <table className="report-edges">
          <thead>
            <tr>
              <th>call</th>
              <th>calls</th>
              <th>retries</th>
              <th>timeouts</th>
              <th>short-circuited</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(([id, e]) => (
              <tr key={id}>
                <td>{id}</td>
                <td>{e.calls}</td>
                <td data-testid={`report-edge-${id}-retries`}>{e.retries}</td>
                <td data-testid={`report-edge-${id}-timeouts`}>{e.timeouts}</td>
                <td>{e.shortCircuited}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
