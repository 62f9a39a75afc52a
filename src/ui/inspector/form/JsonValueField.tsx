/** A field the form has no control for (a new kind of value in the schema): edited as JSON. */
import { useId } from 'react';
import { FieldShell } from './FieldShell';
import { useJsonText } from './useJsonText';

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
  const { text, error, onChange } = useJsonText(value);
  return (
    <FieldShell label={label} htmlFor={id} testId={testId} help={help} defaultText={defaultText} error={error}>
      <textarea id={id} data-testid={testId} rows={3} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value, commit, `${name}: is not valid JSON`)} />
    </FieldShell>
  );
}
