/** With nothing selected: the scenario's own settings, each field once. */
import { formatPath } from '../../model';
import { scenarioTarget } from '../edit/changes';
import { DescriptionField, GalleryLesson, NewSeedButton } from '../library/ScenarioAbout';
import { errorsAt, useDocument } from '../store';
import { NumberInput, TextInput } from './form/inputs';

function commit(field: string, value: unknown): string | null {
  const result = useDocument.getState().setField(scenarioTarget, [field], value, `scenario:${field}`);
  if (result.ok) return null;
  const mine = errorsAt(result.errors, formatPath([field]))[0] ?? result.errors[0];
  return mine ? `${mine.path}: ${mine.message}` : `${field}: invalid value`;
}

export function ScenarioInspector() {
  const scenario = useDocument((s) => s.scenario);
  return (
    <div className="inspector-section" data-testid="inspector-scenario">
      <h2>Scenario</h2>
      <p className="hint">Select a component or a call on the canvas to edit it. Right-click one (or press the context-menu key) for faults.</p>
      <GalleryLesson />
      <TextInput label="Name" name="name" value={scenario.name} commit={(v) => commit('name', v)} testId="field-name" />
      <DescriptionField />
      <NumberInput label="Duration" name="durationMs" unit="ms" value={scenario.durationMs} commit={(v) => commit('durationMs', v)} testId="field-durationMs" help="Simulated time one run covers." />
      <NumberInput label="Warm-up" name="warmupMs" unit="ms" value={scenario.warmupMs} commit={(v) => commit('warmupMs', v)} testId="field-warmupMs" help="Requests created before this are left out of the report." />
      <NumberInput label="Seed" name="seed" value={scenario.seed} commit={(v) => commit('seed', v)} testId="field-seed" help="The same seed gives the same numbers." />
      <NewSeedButton />
    </div>
  );
}
