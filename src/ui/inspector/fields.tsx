/**
 * Inspector fields that validate as you type: each keystroke builds a candidate document and
 * runs it through the model's schema; a valid value goes into the document at once, an invalid
 * one stays in the field with the schema's message and never reaches the document.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { errorsAt, type EditResult } from '../store';

/** The message for one field from a commit's errors (falls back to the first error). */
export function messageFor(result: EditResult, path: string): string | null {
  if (result.ok) return null;
  const mine = errorsAt(result.errors, path);
  if (mine.length > 0) return mine[0];
  const first = result.errors[0];
  return first ? `${first.path}: ${first.message}` : 'invalid value';
}

interface FieldFrameProps {
  label: string;
  error: string | null;
  hint?: string;
  htmlFor: string;
  testId: string;
  children: ReactNode;
}

function FieldFrame({ label, error, hint, htmlFor, testId, children }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {error ? (
        <div className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error} <span className="not-applied">(not applied)</span>
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: number;
  /** The document path of the field, to pick its message out of the schema's errors. */
  path: string;
  commit: (value: number) => EditResult;
  testId: string;
  unit?: string;
  hint?: string;
  step?: number;
}

export function NumberField({ label, value, path, commit, testId, unit, hint, step }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The document changed from elsewhere (another field, a reset): show its value.
    setText((current) => (current.trim() !== '' && Number(current) === value ? current : String(value)));
    setError(null);
  }, [value]);

  function onChange(next: string) {
    setText(next);
    if (next.trim() === '') return setError('is required');
    const parsed = Number(next);
    if (!Number.isFinite(parsed)) return setError('must be a number');
    setError(messageFor(commit(parsed), path));
  }

  return (
    <FieldFrame label={label} error={error} hint={hint} htmlFor={id} testId={testId}>
      <div className="input-with-unit">
        <input
          id={id}
          data-testid={testId}
          type="text"
          inputMode="decimal"
          value={text}
          step={step}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && <span className="unit">{unit}</span>}
      </div>
    </FieldFrame>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  path: string;
  commit: (value: T) => EditResult;
  testId: string;
  hint?: string;
}

export function SelectField<T extends string>({ label, value, options, path, commit, testId, hint }: SelectFieldProps<T>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <FieldFrame label={label} error={error} hint={hint} htmlFor={id} testId={testId}>
      <select id={id} data-testid={testId} value={value} onChange={(e) => setError(messageFor(commit(e.target.value as T), path))}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  path: string;
  commit: (value: string) => EditResult;
  testId: string;
  placeholder?: string;
}

export function TextField({ label, value, path, commit, testId, placeholder }: TextFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);
  return (
    <FieldFrame label={label} error={error} htmlFor={id} testId={testId}>
      <input
        id={id}
        data-testid={testId}
        type="text"
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          setError(messageFor(commit(e.target.value), path));
        }}
      />
    </FieldFrame>
  );
}
