/** Edits the selected node: its label and the main fields of its kind. */
import { LOAD_BALANCING_ALGORITHMS, kindDefinitions, type ScenarioNode } from '../../model';
import { useDocument, type EditResult } from '../store';
import { ConfigJsonField } from './ConfigJsonField';
import { DurationField } from './DurationField';
import { NumberField, SelectField, TextField } from './fields';
import { NodeLiveStats } from './NodeLiveStats';

interface Props {
  node: ScenarioNode;
  index: number;
}

function setConfig(id: string, field: string, value: unknown): EditResult {
  return useDocument.getState().updateNode(id, { config: { [field]: value } });
}

function KindFields({ node, index }: Props) {
  const path = (field: string) => `nodes[${index}].config.${field}`;
  const id = node.id;
  switch (node.kind) {
    case 'client':
      return (
        <>
          <NumberField label="Requests per second" unit="rps" value={node.config.rps} path={path('rps')} commit={(v) => setConfig(id, 'rps', v)} testId="field-rps" />
          <SelectField label="Arrivals" value={node.config.arrival} options={['poisson', 'constant'] as const} path={path('arrival')} commit={(v) => setConfig(id, 'arrival', v)} testId="field-arrival" hint="Poisson: random gaps (real traffic); constant: evenly spaced." />
        </>
      );
    case 'server':
      return (
        <>
          <NumberField label="Replicas" value={node.config.replicas} path={path('replicas')} commit={(v) => setConfig(id, 'replicas', v)} testId="field-replicas" />
          <NumberField label="Concurrency (workers per replica)" value={node.config.concurrency} path={path('concurrency')} commit={(v) => setConfig(id, 'concurrency', v)} testId="field-concurrency" />
          <NumberField label="Queue capacity (per replica)" value={node.config.queueCapacity} path={path('queueCapacity')} commit={(v) => setConfig(id, 'queueCapacity', v)} testId="field-queueCapacity" hint="A full queue rejects with 503." />
          <DurationField label="Service time" value={node.config.serviceTime} path={path('serviceTime')} commit={(v) => setConfig(id, 'serviceTime', v)} testId="field-serviceTime" />
        </>
      );
    case 'loadBalancer':
      return (
        <SelectField label="Algorithm" value={node.config.algorithm} options={LOAD_BALANCING_ALGORITHMS} path={path('algorithm')} commit={(v) => setConfig(id, 'algorithm', v)} testId="field-algorithm" />
      );
    default:
      return <ConfigJsonField node={node} index={index} />;
  }
}

export function NodeInspector({ node, index }: Props) {
  const definition = kindDefinitions[node.kind];
  return (
    <div className="inspector-section" data-testid="inspector-node" data-node-id={node.id}>
      <h2>
        {definition.label} <code>{node.id}</code>
      </h2>
      <p className="hint">{definition.description}</p>
      <TextField
        label="Label"
        value={node.label ?? ''}
        placeholder={node.id}
        path={`nodes[${index}].label`}
        commit={(label) => useDocument.getState().updateNode(node.id, { label })}
        testId="field-label"
      />
      <KindFields key={node.id} node={node} index={index} />
      <NodeLiveStats id={node.id} />
      <button type="button" className="danger" data-testid="delete-selection" onClick={() => useDocument.getState().removeElements([node.id], [])}>
        Delete {definition.label.toLowerCase()}
      </button>
    </div>
  );
}
