/** A field the form has no control for (a new kind of value in the schema): edited as JSON. */
import { useEffect, useId, useState } from 'react';
import { FieldShell } from './FieldShell';

interface Props {
  label: string;
  name: string;
  value: unknown;
  commit: (value: unknown) => string | null;
  testId: string;
  help?: string;
  defaultText?: string;
}

export function JsonValueField({ label, name, value, commit, testId, help, defaultText }: Props) {
  const id = useId();
  const pretty = JSON.stringify(value, null, 2) ?? '';
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(pretty);
    setError(null);
  }, [pretty]);
  function onChange(next: string) {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch {
      return setError(`${name}: is not valid JSON`);
    }
    setError(commit(parsed));
  }
  return (
    <FieldShell label={label} htmlFor={id} testId={testId} help={help} defaultText={defaultText} error={error}>
      <textarea id={id} data-testid={testId} rows={3} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />
    </FieldShell>
  );
}
