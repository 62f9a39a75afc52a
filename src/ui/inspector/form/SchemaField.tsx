/**
 * One config field, drawn from its schema-derived spec: numbers, choices, switches and text as
 * inputs; optional structures as a switch that reveals their sub-form; nested objects as a
 * group; lists and records as editable rows; durations as a distribution and a mean.
 */
import type { Duration } from '../../../model';
import { blankValue, type FieldSpec } from '../schema/fieldSpecs';
import { fieldInfo } from '../schema/fieldInfo';
import { commitField, useForm } from './context';
import { DurationField } from './DurationField';
import { formatDefault } from './FieldShell';
import { CheckboxInput, NumberInput, SelectInput, TextInput } from './inputs';
import { JsonValueField } from './JsonValueField';
import { ListField, RecordField } from './ListField';

interface SchemaFieldProps {
  spec: FieldSpec;
  value: unknown;
  /** Where the value is in the config (list indices included): `['retry', 'maxAttempts']`. */
  path: (string | number)[];
  /** Shown inline in a row: no explanation or default under it. */
  compact?: boolean;
  /** Under a switch that already names it: the label only for screen readers. */
  hideLabel?: boolean;
}

export function testIdFor(path: readonly (string | number)[]): string {
  return `field-${path.join('-')}`;
}

export function SchemaField({ spec, value, path, compact, hideLabel }: SchemaFieldProps) {
  const ctx = useForm();
  const info = fieldInfo(ctx.scope, spec.path, spec.description);
  const testId = testIdFor(path);
  const name = path.filter((p) => typeof p === 'string').join('.') || spec.name;
  const commit = (v: unknown) => commitField(ctx, path, v);
  const type = (v: unknown) => commitField(ctx, path, v, true);
  const common = {
    label: info.label,
    name,
    testId,
    help: compact ? undefined : info.help,
    defaultText: compact ? undefined : formatDefault(spec.default),
    live: path.length === 1 && ctx.liveFields.has(String(path[0])),
    hideLabel,
  };

  switch (spec.type) {
    case 'number':
      return <NumberInput {...common} value={typeof value === 'number' ? value : 0} unit={info.unit} commit={type} />;
    case 'enum':
      return <SelectInput {...common} value={String(value)} options={spec.options} commit={commit} />;
    case 'boolean':
      return <CheckboxInput {...common} value={value === true} commit={commit} />;
    case 'text':
      if (info.ref === 'downstream' && ctx.downstream.length > 0) {
        return <SelectInput {...common} value={String(value ?? '')} options={ctx.downstream} commit={commit} />;
      }
      return <TextInput {...common} value={String(value ?? '')} commit={type} />;
    case 'duration':
      return <DurationField {...common} value={value as Duration} commit={type} />;
    case 'optional':
      return <OptionalField spec={spec} value={value} path={path} />;
    case 'object':
      return (
        <fieldset className="object-field" data-testid={testId}>
          <legend>{info.label}</legend>
          {!compact && info.help && <div className="field-hint">{info.help}</div>}
          {spec.fields.map((field) => (
            <SchemaField key={field.name} spec={field} value={(value as Record<string, unknown> | null)?.[field.name]} path={[...path, field.name]} compact={compact} />
          ))}
        </fieldset>
      );
    case 'list':
      return <ListField spec={spec} value={Array.isArray(value) ? value : []} path={path} />;
    case 'record':
      return <RecordField spec={spec} value={(value ?? {}) as Record<string, unknown>} path={path} />;
    case 'json':
      return <JsonValueField {...common} value={value} commit={type} />;
  }
}

/** An optional structure or value: a switch; when on, its own fields with their defaults. */
function OptionalField({ spec, value, path }: { spec: Extract<FieldSpec, { type: 'optional' }>; value: unknown; path: (string | number)[] }) {
  const ctx = useForm();
  const info = fieldInfo(ctx.scope, spec.path, spec.description);
  const on = value !== null && value !== undefined;
  const testId = testIdFor(path);
  const toggle = (enable: boolean) => commitField(ctx, path, enable ? (info.onValue ?? blankValue(spec.inner)) : null);
  return (
    <div className={`optional-field${on ? ' on' : ''}`} data-testid={`${testId}-section`}>
      <CheckboxInput label={info.label} name={spec.name} value={on} commit={toggle} testId={`${testId}-on`} help={info.help} />
      {on &&
        (spec.inner.type === 'object' ? (
          <div className="sub-form">
            {spec.inner.fields.map((field) => (
              <SchemaField key={field.name} spec={field} value={(value as Record<string, unknown>)[field.name]} path={[...path, field.name]} />
            ))}
          </div>
        ) : (
          <div className="sub-form">
            <SchemaField spec={spec.inner} value={value} path={path} compact hideLabel />
          </div>
        ))}
    </div>
  );
}
