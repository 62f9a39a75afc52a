/**
 * Lists (rate and scale schedules, gateway routes, cacheable paths) and records (paths and
 * their weights) as editable rows: each cell validates as you type like any field; rows are
 * added with sensible values and removed with a button.
 */
import { useEffect, useState } from 'react';
import { blankValue, type FieldSpec } from '../schema/fieldSpecs';
import { fieldInfo } from '../schema/fieldInfo';
import { commitField, useForm, type FormContextValue } from './context';
import { SchemaField, testIdFor } from './SchemaField';

type ListSpec = Extract<FieldSpec, { type: 'list' }>;
type RecordSpec = Extract<FieldSpec, { type: 'record' }>;

/** A new row: a schedule step 1 s after the last, a route to the first downstream node, or the blank value. */
function newItem(spec: ListSpec, rows: readonly unknown[], ctx: FormContextValue): unknown {
  const item = spec.item;
  if (item.type !== 'object') return item.type === 'text' ? `/path-${rows.length + 1}` : blankValue(item);
  const last = rows[rows.length - 1] as Record<string, unknown> | undefined;
  const row: Record<string, unknown> = {};
  for (const field of item.fields) {
    const info = fieldInfo(ctx.scope, field.path, field.description);
    if (field.name === 'atMs') row.atMs = typeof last?.atMs === 'number' ? last.atMs + 1000 : 1000;
    else if (last && field.name in last) row[field.name] = last[field.name];
    else if (info.ref === 'downstream') row[field.name] = ctx.downstream[0] ?? '';
    else if (field.type === 'text') row[field.name] = `/path-${rows.length + 1}`;
    else row[field.name] = blankValue(field);
  }
  return row;
}

function Problem({ testId, message }: { testId: string; message: string | null }) {
  return message ? (
    <div className="field-error" role="alert" data-testid={`${testId}-error`}>
      {message} <span className="not-applied">(not applied)</span>
    </div>
  ) : null;
}

export function ListField({ spec, value, path }: { spec: ListSpec; value: unknown[]; path: (string | number)[] }) {
  const ctx = useForm();
  const info = fieldInfo(ctx.scope, spec.path, spec.description);
  const testId = testIdFor(path);
  const [error, setError] = useState<string | null>(null);
  const columns = spec.item.type === 'object' ? spec.item.fields : null;
  return (
    <fieldset className="list-field" data-testid={testId}>
      <legend>{info.label}</legend>
      {info.help && <div className="field-hint">{info.help}</div>}
      {value.length === 0 && <div className="list-empty">none</div>}
      {value.map((row, index) => (
        <div className="list-row" key={index} data-testid={`${testId}-row-${index}`}>
          {columns ? (
            columns.map((field) => (
              <SchemaField key={field.name} spec={field} value={(row as Record<string, unknown>)[field.name]} path={[...path, index, field.name]} compact />
            ))
          ) : (
            <SchemaField spec={spec.item} value={row} path={[...path, index]} compact />
          )}
          <button
            type="button"
            className="row-remove"
            aria-label={`Remove ${info.label.toLowerCase()} row ${index + 1}`}
            onClick={() => setError(commitField(ctx, path, value.filter((_, i) => i !== index)))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="row-add" data-testid={`${testId}-add`} onClick={() => setError(commitField(ctx, path, [...value, newItem(spec, value, ctx)]))}>
        + Add
      </button>
      <Problem testId={testId} message={error} />
    </fieldset>
  );
}

/** The record with `from` renamed to `to`, keeping the order of entries. */
function renamed(record: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

function KeyInput({ value, onRename, label }: { value: string; onRename: (next: string) => string | null; label: string }) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);
  return (
    <div className={`field record-key${error ? ' invalid' : ''}`}>
      <input
        type="text"
        aria-label={label}
        value={text}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError(onRename(e.target.value));
        }}
      />
      {error && (
        <div className="field-error" role="alert">
          {error} <span className="not-applied">(not applied)</span>
        </div>
      )}
    </div>
  );
}

export function RecordField({ spec, value, path }: { spec: RecordSpec; value: Record<string, unknown>; path: (string | number)[] }) {
  const ctx = useForm();
  const info = fieldInfo(ctx.scope, spec.path, spec.description);
  const testId = testIdFor(path);
  const [error, setError] = useState<string | null>(null);
  const entries = Object.entries(value);
  function rename(from: string, to: string): string | null {
    if (to === from) return null;
    if (to === '') return `${path.join('.')}: a name is required`;
    if (to in value) return `${path.join('.')}: "${to}" is already listed`;
    return commitField(ctx, path, renamed(value, from, to), true);
  }
  function add() {
    let n = entries.length + 1;
    while (`/path-${n}` in value) n++;
    setError(commitField(ctx, path, { ...value, [`/path-${n}`]: spec.value.type === 'number' ? 1 : blankValue(spec.value) }));
  }
  return (
    <fieldset className="list-field" data-testid={testId}>
      <legend>{info.label}</legend>
      {info.help && <div className="field-hint">{info.help}</div>}
      {entries.map(([key, entry], index) => (
        <div className="list-row" key={index} data-testid={`${testId}-row-${index}`}>
          <KeyInput value={key} label={`${info.label}: name of row ${index + 1}`} onRename={(next) => rename(key, next)} />
          <SchemaField spec={spec.value} value={entry} path={[...path, key]} compact />
          <button
            type="button"
            className="row-remove"
            aria-label={`Remove ${key}`}
            onClick={() => setError(commitField(ctx, path, Object.fromEntries(entries.filter(([k]) => k !== key))))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="row-add" data-testid={`${testId}-add`} onClick={add}>
        + Add
      </button>
      <Problem testId={testId} message={error} />
    </fieldset>
  );
}
