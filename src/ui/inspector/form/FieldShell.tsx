/** The frame of one field: its label and unit, the control, a one-line explanation, its default, its error. */
import type { ReactNode } from 'react';

interface FieldShellProps {
  label: string;
  htmlFor?: string;
  testId: string;
  help?: string;
  /** The schema's default, already formatted ("4", "off"). */
  defaultText?: string;
  error: string | null;
  /** The value the run keeps while the field shows an invalid one. */
  keptText?: string;
  /** The field changes a running simulation at once. */
  live?: boolean;
  /** The label is for screen readers only (the field sits under a switch that names it). */
  hideLabel?: boolean;
  children: ReactNode;
}

export function FieldShell({ label, htmlFor, testId, help, defaultText, error, keptText, live, hideLabel, children }: FieldShellProps) {
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field={testId}>
      <div className={hideLabel ? 'sr-only' : 'field-head'}>
        {htmlFor ? <label htmlFor={htmlFor}>{label}</label> : <span className="field-label">{label}</span>}
        {live && (
          <span className="live-tag" title="Changes a running simulation at once, without a reset">
            live
          </span>
        )}
        {defaultText !== undefined && <span className="field-default">default {defaultText}</span>}
      </div>
      {children}
      {error ? (
        <div className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}{' '}
          <span className="not-applied">(not applied{keptText !== undefined ? `; the run keeps ${keptText}` : ''})</span>
        </div>
      ) : (
        help && <div className="field-hint">{help}</div>
      )}
    </div>
  );
}

/** A default as people read it. */
export function formatDefault(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'off';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : JSON.stringify(value);
  if (typeof value === 'object' && 'dist' in value) {
    const d = value as Record<string, unknown>;
    return `${String(d.dist)}, ${Object.entries(d).filter(([k]) => k !== 'dist').map(([k, v]) => `${k} ${String(v)}`).join(', ')}`;
  }
  return undefined;
}
