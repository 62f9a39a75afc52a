/**
 * The advanced view: a node's or an edge's raw JSON, editable and validated as you type like
 * every field. Ids, kinds and ends stay as they are (they are changed on the canvas).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { formatErrors } from '../../model';
import { batch, type ChangeTarget, type DocChange } from '../edit/changes';
import { useDocument } from '../store';

/** Fields that identify the element: shown, not editable here. */
const FIXED = ['id', 'kind', 'from', 'to'];

export function RawJson({ element, target }: { element: Record<string, unknown>; target: ChangeTarget }) {
  const id = useId();
  const pretty = JSON.stringify(element, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  /** Set by our own edit: the next change of the element is ours, so the text the user is typing stays. */
  const ownEdit = useRef(false);
  useEffect(() => {
    if (ownEdit.current) {
      ownEdit.current = false;
      return;
    }
    setText(pretty);
    setError(null);
  }, [pretty]);

  function onChange(next: string) {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch {
      return setError('not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return setError('must be an object');
    const value = parsed as Record<string, unknown>;
    const moved = FIXED.find((f) => f in element && value[f] !== element[f]);
    if (moved) return setError(`${moved}: cannot be changed here`);
    const changes: DocChange[] = [];
    for (const key of new Set([...Object.keys(element), ...Object.keys(value)])) {
      if (FIXED.includes(key) || JSON.stringify(value[key]) === JSON.stringify(element[key])) continue;
      changes.push({ type: 'set', target, path: [key], value: value[key] });
    }
    if (changes.length === 0) return setError(null);
    const key = target.type === 'scenario' ? 'scenario' : target.id;
    const result = useDocument.getState().apply(batch(changes), { label: 'edit JSON', group: `json:${key}` });
    if (result.ok) {
      ownEdit.current = true;
      setError(null);
    } else setError(formatErrors(result.errors));
  }

  return (
    <details className="raw-json">
      <summary>Advanced: raw JSON</summary>
      <div className={`field${error ? ' invalid' : ''}`}>
        <label htmlFor={id} className="sr-only">
          Raw JSON
        </label>
        <textarea id={id} data-testid="field-raw-json" rows={14} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />
        {error && (
          <div className="field-error" role="alert" data-testid="field-raw-json-error">
            {error} <span className="not-applied">(not applied)</span>
          </div>
        )}
      </div>
    </details>
  );
}
