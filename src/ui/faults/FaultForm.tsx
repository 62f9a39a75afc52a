/** Adds a scheduled fault, or edits one: what, on what, when. Validated like every edit. */
import { useState } from 'react';
import { FAULT_ACTIONS, NODE_FAULT_ACTIONS, type Fault, type FaultAction } from '../../model';
import { scenarioTarget } from '../edit/changes';
import { useDocument } from '../store';

interface Props {
  /** The fault to edit (its index in the document), or a new one to add. */
  editing: { index: number; fault: Fault } | null;
  /** Where a new fault starts, ms. */
  atMs: number;
  onDone: () => void;
}

export function FaultForm({ editing, atMs, onDone }: Props) {
  const scenario = useDocument((s) => s.scenario);
  const start = editing?.fault;
  const [action, setAction] = useState<FaultAction>(start?.action ?? 'crash');
  const onNode = NODE_FAULT_ACTIONS.includes(action);
  const targets = onNode ? scenario.nodes.map((n) => n.id) : scenario.edges.map((e) => e.id);
  const [target, setTarget] = useState(start?.target ?? targets[0] ?? '');
  const [seconds, setSeconds] = useState(String((start?.atMs ?? atMs) / 1000));
  const [instance, setInstance] = useState(start?.instance === undefined ? '' : String(start.instance));
  const [factor, setFactor] = useState(String(start?.factor ?? 5));
  const [error, setError] = useState<string | null>(null);
  const chosen = targets.includes(target) ? target : (targets[0] ?? '');

  function save() {
    const fault: Record<string, unknown> = { atMs: Math.round(Number(seconds) * 1000), action, target: chosen };
    if (onNode && instance.trim() !== '') fault.instance = Number(instance);
    if (action === 'slow') fault.factor = Number(factor);
    const faults: unknown[] = [...scenario.faults];
    if (editing) faults[editing.index] = fault;
    else faults.push(fault);
    const result = useDocument.getState().setField(scenarioTarget, ['faults'], faults);
    if (result.ok) return onDone();
    setError(result.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  }

  function remove() {
    if (!editing) return;
    useDocument.getState().setField(scenarioTarget, ['faults'], scenario.faults.filter((_, i) => i !== editing.index));
    onDone();
  }

  return (
    <form
      className="fault-form"
      data-testid="fault-form"
      aria-label={editing ? 'Edit scheduled fault' : 'Schedule a fault'}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <select aria-label="Action" data-testid="fault-action" value={action} onChange={(e) => setAction(e.target.value as FaultAction)}>
        {FAULT_ACTIONS.map((a) => (
          <option key={a}>{a}</option>
        ))}
      </select>
      <select aria-label="Target" data-testid="fault-target" value={chosen} onChange={(e) => setTarget(e.target.value)}>
        {targets.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <label>
        at <input aria-label="At (seconds)" data-testid="fault-at" value={seconds} inputMode="decimal" size={5} onChange={(e) => setSeconds(e.target.value)} /> s
      </label>
      {onNode && (
        <input aria-label="Instance (empty: all)" placeholder="all" data-testid="fault-instance" value={instance} inputMode="numeric" size={3} onChange={(e) => setInstance(e.target.value)} />
      )}
      {action === 'slow' && (
        <label>
          × <input aria-label="Factor" data-testid="fault-factor" value={factor} inputMode="decimal" size={3} onChange={(e) => setFactor(e.target.value)} />
        </label>
      )}
      <button type="submit" data-testid="fault-save">
        {editing ? 'Save' : 'Add'}
      </button>
      {editing && (
        <button type="button" data-testid="fault-delete" onClick={remove}>
          Delete
        </button>
      )}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <span className="field-error" role="alert" data-testid="fault-error">
          {error}
        </span>
      )}
    </form>
  );
}
