/** For kinds without their own fields yet: the whole config as JSON, validated as you type. */
import { useEffect, useId, useRef, useState } from 'react';
import type { ScenarioNode } from '../../model';
import { useDocument } from '../store';
import { messageFor } from './fields';

export function ConfigJsonField({ node, index }: { node: ScenarioNode; index: number }) {
  const id = useId();
  const pretty = JSON.stringify(node.config, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  /** The config our own last edit produced: no need to rewrite the text the user is typing. */
  const ownEdit = useRef<string | null>(null);
  useEffect(() => {
    if (pretty === ownEdit.current) return;
    setText(pretty);
    setError(null);
  }, [pretty]);

  function onChange(next: string) {
    setText(next);
    let config: unknown;
    try {
      config = JSON.parse(next);
    } catch {
      return setError('not valid JSON');
    }
    const doc = useDocument.getState();
    const nodes = doc.scenario.nodes.map((n) => (n.id === node.id ? { ...n, config } : n));
    const result = doc.commit({ ...doc.scenario, nodes });
    if (result.ok) {
      const edited = useDocument.getState().scenario.nodes.find((n) => n.id === node.id);
      ownEdit.current = JSON.stringify(edited?.config, null, 2);
    }
    setError(messageFor(result, `nodes[${index}].config`));
  }

  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>Configuration (JSON)</label>
      <textarea id={id} data-testid="field-config-json" rows={10} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />
      {error && (
        <div className="field-error" role="alert">
          {error} <span className="not-applied">(not applied)</span>
        </div>
      )}
    </div>
  );
}
