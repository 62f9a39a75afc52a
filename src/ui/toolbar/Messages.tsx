/** The message panel: why the design cannot run, and other notices, in plain words. */
import { DocumentMessages } from '../library/DocumentMessages';
import { useWork } from '../library/workStore';
import { simulation, useResults, useSession } from '../store';
import { CostWarning, useCostWarning } from './CostWarning';

export function Messages() {
  const problems = useResults((s) => s.problems);
  const stale = useResults((s) => s.stale);
  const notice = useSession((s) => s.notice);
  const costWarning = useCostWarning();
  const documentMessage = useWork((s) => s.message);
  if (problems.length === 0 && !stale && !notice && !documentMessage && costWarning.length === 0) return null;
  return (
    <div className="messages">
      <DocumentMessages />
      {problems.length > 0 && (
        <div className="message problem" role="alert" data-testid="problems">
          {problems.length === 1 ? (
            <>
              <strong>This design cannot run yet:</strong> {problems[0]}
            </>
          ) : (
            <details>
              <summary>
                <strong>This design cannot run yet</strong> ({problems.length} problems)
              </summary>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {costWarning.length > 0 && <CostWarning lines={costWarning} />}
      {stale && (
        <div className="message info" data-testid="stale">
          The design changed in a way the running simulation cannot take live: the run goes on with the design it started
          with. Undo the change to carry on, or{' '}
          <button type="button" className="link" data-testid="stale-reset" onClick={() => void simulation.reset()}>
            restart with the new design
          </button>
          .
        </div>
      )}
      {notice && (
        <div className="message info" data-testid="notice">
          {notice}
          <button type="button" className="dismiss" aria-label="Dismiss" onClick={() => useSession.getState().setNotice(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
