/**
 * The calls a node makes, and a way to add one without a mouse: pick a node and Add. Refused
 * wirings say why, as on the canvas.
 */
import { useState } from 'react';
import { useDocument, useSession } from '../store';

export function NodeCalls({ id }: { id: string }) {
  const scenario = useDocument((s) => s.scenario);
  const calls = scenario.edges.filter((e) => e.from === id);
  const others = scenario.nodes.filter((n) => n.id !== id && !calls.some((e) => e.to === n.id));
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = others.some((n) => n.id === to) ? to : (others[0]?.id ?? '');

  function add() {
    const result = useDocument.getState().connect(id, chosen);
    setError(result.ok ? null : result.errors.map((e) => e.message).join('; '));
  }

  return (
    <section className="form-section" aria-label="Calls">
      <h3>Calls</h3>
      {calls.length === 0 ? (
        <div className="list-empty">This node calls nothing yet.</div>
      ) : (
        <ul className="calls-list">
          {calls.map((e) => (
            <li key={e.id}>
              <button type="button" className="link" onClick={() => useSession.getState().requestSelection({ nodeIds: [], edgeIds: [e.id] })}>
                {e.id}
              </button>{' '}
              → <code>{e.to}</code>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <div className="calls-add">
          <label>
            Call{' '}
            <select data-testid="call-to" value={chosen} onChange={(e) => setTo(e.target.value)}>
              {others.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label ? `${n.label} (${n.id})` : n.id}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="row-add" data-testid="call-add" onClick={add}>
            Add call
          </button>
        </div>
      )}
      {error && (
        <div className="field-error" role="alert" data-testid="call-error">
          {error}
        </div>
      )}
    </section>
  );
}
