/** With nothing selected: the scenario's own settings. */
import { ScenarioAbout } from '../library/ScenarioAbout';
import { useDocument } from '../store';
import { NumberField, TextField } from './fields';

function update(field: string, value: unknown) {
  return useDocument.getState().updateScenario({ [field]: value });
}

export function ScenarioInspector() {
  const scenario = useDocument((s) => s.scenario);
  return (
    <div className="inspector-section" data-testid="inspector-scenario">
      <h2>Scenario</h2>
      <p className="hint">Select a component or a call on the canvas to edit it.</p>
      <TextField label="Name" value={scenario.name} path="name" commit={(v) => update('name', v)} testId="field-name" />
      <NumberField label="Duration" unit="ms" value={scenario.durationMs} path="durationMs" commit={(v) => update('durationMs', v)} testId="field-durationMs" />
      <NumberField label="Warm-up (left out of the report)" unit="ms" value={scenario.warmupMs} path="warmupMs" commit={(v) => update('warmupMs', v)} testId="field-warmupMs" />
      <NumberField label="Seed" value={scenario.seed} path="seed" commit={(v) => update('seed', v)} testId="field-seed" hint="The same seed gives the same numbers." />
      <ScenarioAbout />
    </div>
  );
}
