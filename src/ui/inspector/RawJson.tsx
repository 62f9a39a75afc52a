/**
 * The advanced view: a node's or an edge's raw JSON, editable and validated as you type like
 * every field. Ids, kinds and ends stay as they are (they are changed on the canvas).
 */
import { useId } from 'react';
import { formatErrors } from '../../model';
import { batch, type ChangeTarget, type DocChange } from '../edit/changes';
import { useDocument } from '../store';
import { useJsonText } from './form/useJsonText';

/** Fields that identify the element: shown, not editable here. */
const FIXED = ['id', 'kind', 'from', 'to'];

export function RawJson({ element, target }: { element: Record<string, unknown>; target: ChangeTarget }) {
  const id = useId();
  const { text, error, onChange } = useJsonText(element);

  /** Applies the typed object as one undo step; the message when it is refused, else null. */
  function apply(parsed: unknown): string | null {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'must be an object';
    const value = parsed as Record<string, unknown>;
    const moved = FIXED.find((f) => f in element && value[f] !== element[f]);
    if (moved) return `${moved}: cannot be changed here`;
    const changes: DocChange[] = [];
    for (const key of new Set([...Object.keys(element), ...Object.keys(value)])) {
      if (FIXED.includes(key) || JSON.stringify(value[key]) === JSON.stringify(element[key])) continue;
      changes.push({ type: 'set', target, path: [key], value: value[key] });
    }
    if (changes.length === 0) return null;
    const key = target.type === 'scenario' ? 'scenario' : target.id;
    const result = useDocument.getState().apply(batch(changes), { label: 'edit JSON', group: `json:${key}` });
    return result.ok ? null : formatErrors(result.errors);
  }

  return (
    <details className="raw-json">
      <summary>Advanced: raw JSON</summary>
      <div className={`field${error ? ' invalid' : ''}`}>
        <label htmlFor={id} className="sr-only">
          Raw JSON
        </label>
        <textarea id={id} data-testid="field-raw-json" rows={14} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value, apply, 'not valid JSON')} />
        {error && (
          <div className="field-error" role="alert" data-testid="field-raw-json-error">
            {error} <span className="not-applied">(not applied)</span>
          </div>
        )}
      </div>
    </details>
  );
}
