/** Edits the selected edge (a call): its network latency, timeout and weight. */
import type { ScenarioEdge } from '../../model';
import { useDocument, type EditResult } from '../store';
import { DurationField } from './DurationField';
import { NumberField } from './fields';

function setConfig(id: string, field: string, value: unknown): EditResult {
  return useDocument.getState().updateEdgeConfig(id, { [field]: value });
}

export function EdgeInspector({ edge, index }: { edge: ScenarioEdge; index: number }) {
  const path = (field: string) => `edges[${index}].config.${field}`;
  return (
    <div className="inspector-section" data-testid="inspector-edge" data-edge-id={edge.id}>
      <h2>
        Call <code>{edge.id}</code>
      </h2>
      <p className="hint">
        <code>{edge.from}</code> calls <code>{edge.to}</code>.
      </p>
      <DurationField label="Network latency (each way)" value={edge.config.latency} path={path('latency')} commit={(v) => setConfig(edge.id, 'latency', v)} testId="field-latency" />
      <NumberField
        label="Weight (weighted round robin)"
        value={edge.config.weight}
        path={path('weight')}
        commit={(v) => setConfig(edge.id, 'weight', v)}
        testId="field-weight"
      />
      <button type="button" className="danger" data-testid="delete-selection" onClick={() => useDocument.getState().removeElements([], [edge.id])}>
        Delete call
      </button>
    </div>
  );
}
