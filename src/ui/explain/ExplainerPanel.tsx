/**
 * The explainer's panel under the canvas: each bottleneck and failure of the running design in
 * words, with the run's own numbers. A finding names its node; a click selects it.
 */
import { useResults, useSession } from '../store';

export function ExplainerPanel() {
  const findings = useResults((s) => s.findings);
  const hasData = useResults((s) => s.latest !== null);
  const open = useSession((s) => s.explainerOpen);
  if (!hasData) return null;
  return (
    <section className={`explainer${open ? '' : ' closed'}`} data-testid="explainer" aria-label="Why: bottlenecks and failures">
      <h2>
        <button type="button" className="explainer-toggle" aria-expanded={open} onClick={() => useSession.getState().setExplainerOpen(!open)}>
          {open ? '▾' : '▸'} Why{' '}
          <span className="explainer-count">
            {findings.length === 0 ? 'nothing saturated or failing' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`}
          </span>
        </button>
      </h2>
      {open && findings.length > 0 && (
        <ul>
          {findings.map((f) => (
            <li key={`${f.rule}:${f.node}:${f.edge ?? ''}`} className={`finding finding-${f.severity}`} data-testid={`finding-${f.rule}-${f.node}`}>
              <button type="button" className="link" onClick={() => useSession.getState().requestSelection({ nodeIds: [f.node], edgeIds: [] })}>
                {f.node}
              </button>
              : {f.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
