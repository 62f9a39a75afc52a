/**
 * A config edited through its schema-derived fields, in titled sections. Fields no section
 * names go under "More", so a field new to the schema shows up without a change here.
 */
import { useMemo } from 'react';
import type { FieldSpec } from '../schema/fieldSpecs';
import { FormContext, type FormContextValue } from './context';
import { SchemaField } from './SchemaField';

export interface Section {
  title: string;
  fields: readonly string[];
}

interface ConfigFormProps extends FormContextValue {
  fields: readonly FieldSpec[];
  sections: readonly Section[];
  config: Record<string, unknown>;
}

export function ConfigForm({ fields, sections, config, ...context }: ConfigFormProps) {
  const { scope, target, docPrefix, base, downstream, liveFields } = context;
  const ctx = useMemo(
    () => ({ scope, target, docPrefix, base, downstream, liveFields }),
    [scope, target, docPrefix, base, downstream, liveFields],
  );
  const byName = new Map(fields.map((f) => [f.name, f]));
  const named = new Set(sections.flatMap((s) => s.fields));
  const more = fields.filter((f) => !named.has(f.name));
  const groups = [...sections.map((s) => ({ title: s.title, specs: s.fields.flatMap((n) => byName.get(n) ?? []) })), { title: 'More', specs: more }];
  return (
    <FormContext.Provider value={ctx}>
      {groups
        .filter((g) => g.specs.length > 0)
        .map((g) => (
          <section className="form-section" key={g.title} aria-label={g.title}>
            <h3>{g.title}</h3>
            {g.specs.map((spec) => (
              <SchemaField key={spec.name} spec={spec} value={config[spec.name]} path={[spec.name]} />
            ))}
          </section>
        ))}
    </FormContext.Provider>
  );
}
