/**
 * Inputs that validate as you type: each change goes through the document's edit path; a
 * valid value enters the document at once, an invalid one stays in the field with the
 * schema's message and never reaches the document or the run.
 */
import { useEffect, useId, useState } from 'react';
import { FieldShell } from './FieldShell';

interface BaseProps<T> {
  label: string;
  value: T;
  /** Commits a value; gives the message naming the field when it is refused. */
  commit: (value: T) => string | null;
  testId: string;
  /** The field's name for the messages the input makes itself ("replicas: must be a number"). */
  name: string;
  help?: string;
  defaultText?: string;
  live?: boolean;
  hideLabel?: boolean;
}

export function NumberInput({ label, value, commit, testId, name, help, defaultText, live, unit, hideLabel }: BaseProps<number> & { unit?: string }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // The document changed from elsewhere (undo, another field): show its value.
    setText((current) => (current.trim() !== '' && Number(current) === value ? current : String(value)));
    setError(null);
  }, [value]);

  function onChange(next: string) {
    setText(next);
    if (next.trim() === '') return setError(`${name}: is required`);
    const parsed = Number(next);
    if (!Number.isFinite(parsed)) return setError(`${name}: must be a number`);
    setError(commit(parsed));
  }

  return (
    <FieldShell label={label} htmlFor={id} testId={testId} help={help} defaultText={defaultText} error={error} keptText={String(value)} live={live} hideLabel={hideLabel}>
      <div className="input-with-unit">
        <input
          id={id}
          data-testid={testId}
          type="text"
          inputMode="decimal"
          value={text}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && <span className="unit">{unit}</span>}
      </div>
    </FieldShell>
  );
}

export function SelectInput({ label, value, options, commit, testId, name: _name, help, defaultText, live }: BaseProps<string> & { options: readonly string[] }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [value]);
  return (
    <FieldShell label={label} htmlFor={id} testId={testId} help={help} defaultText={defaultText} error={error} live={live}>
      <select id={id} data-testid={testId} value={value} onChange={(e) => setError(commit(e.target.value))}>
        {!options.includes(value) && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxInput({ label, value, commit, testId, name: _name, help, defaultText, live }: BaseProps<boolean>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <FieldShell label={label} testId={testId} help={help} defaultText={defaultText} error={error} live={live}>
      <label className="switch" htmlFor={id}>
        <input id={id} type="checkbox" data-testid={testId} checked={value} onChange={(e) => setError(commit(e.target.checked))} />
        <span>{value ? 'on' : 'off'}</span>
      </label>
    </FieldShell>
  );
}

export function TextInput({ label, value, commit, testId, name: _name, help, defaultText, placeholder }: BaseProps<string> & { placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);
  return (
    <FieldShell label={label} htmlFor={id} testId={testId} help={help} defaultText={defaultText} error={error} keptText={JSON.stringify(value)}>
      <input
        id={id}
        data-testid={testId}
        type="text"
        value={text}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError(commit(e.target.value));
        }}
      />
    </FieldShell>
  );
}
