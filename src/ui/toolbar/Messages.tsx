/** The message panel: why the design cannot run, and other notices, in plain words. */
import { DocumentMessages } from '../library/DocumentMessages';
import { useResults, useSession } from '../store';
import { CostWarning, useCostWarning } from './CostWarning';

export function Messages() {
  const problems = useResults((s) => s.problems);
  const stale = useResults((s) => s.stale);
  const notice = useSession((s) => s.notice);
  const costWarning = useCostWarning();
  return (
    <div className="messages">
      <DocumentMessages />
      {problems.length > 0 && (
        <div className="message problem" role="alert" data-testid="problems">
          <strong>This design cannot run yet:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {costWarning.length > 0 && <CostWarning lines={costWarning} />}
      {stale && (
        <div className="message info" data-testid="stale">
          The design changed in a way the running simulation cannot take live. Press Reset to run the new design.
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
