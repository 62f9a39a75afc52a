/** Edits the selected node: its label, every field of its kind (from the schema), its live state, its faults. */
import { lazy, Suspense, useMemo } from 'react';
import { kindDefinitions, type ScenarioNode } from '../../model';
import { nodeTarget } from '../edit/changes';
import { uiKind } from '../kinds';
import { useDocument, useResults, useSession } from '../store';
import { ConfigForm } from './form/ConfigForm';
import { commitField } from './form/context';
import { TextInput } from './form/inputs';
import { NodeCalls } from './NodeCalls';
import { NodeLiveStats } from './NodeLiveStats';
import { NodeResults } from './NodeResults';
import { RawJson } from './RawJson';
import { kindFields } from './schema/fieldSpecs';

// With the chart library, loaded when a node is first selected.
const NodeCharts = lazy(() => import('./NodeCharts'));

const CONFIG = ['config'] as const;
const NO_LIVE = new Set<string>();

/** The node's charts, once the run has data (the chart library loads then, not before). */
function LiveCharts({ id, kind }: { id: string; kind: ScenarioNode['kind'] }) {
  const hasData = useResults((s) => s.latest !== null);
  if (!hasData) return null;
  return (
    <Suspense fallback={<p className="hint">Loading charts…</p>}>
      <NodeCharts id={id} kind={kind} />
    </Suspense>
  );
}

export function NodeInspector({ node, index }: { node: ScenarioNode; index: number }) {
  const definition = kindDefinitions[node.kind];
  const descriptor = uiKind(node.kind);
  const edges = useDocument((s) => s.scenario.edges);
  const downstreamKey = edges.filter((e) => e.from === node.id).map((e) => e.to).join('\n');
  const downstream = useMemo(() => (downstreamKey ? downstreamKey.split('\n') : []), [downstreamKey]);
  const target = useMemo(() => nodeTarget(node.id), [node.id]);
  const liveFields = useMemo(() => new Set(Object.keys(descriptor.live)), [descriptor]);
  const labelContext = { scope: node.kind, target, docPrefix: `nodes[${index}]`, base: [], downstream, liveFields: NO_LIVE };
  return (
    <div className="inspector-section" data-testid="inspector-node" data-node-id={node.id}>
      <div className="inspector-title">
        <h2>
          {definition.label} <code>{node.id}</code>
        </h2>
        <button
          type="button"
          className="menu-button"
          data-testid="inspector-actions"
          aria-label={`Actions for ${node.id}`}
          onClick={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            useSession.getState().openMenu({ type: 'node', id: node.id, x: box.right - 200, y: box.bottom + 2 });
          }}
        >
          Actions ▾
        </button>
      </div>
      <p className="hint">{definition.description}</p>
      {/* First after a run: what the learner came to see; the fields follow. */}
      <NodeResults id={node.id} station={descriptor.figures.includes('utilization')} />
      <TextInput
        label="Label"
        name="label"
        value={node.label ?? ''}
        placeholder={node.id}
        commit={(label) => commitField(labelContext, ['label'], label === '' ? undefined : label, true)}
        testId="field-label"
      />
      <ConfigForm
        key={node.id}
        scope={node.kind}
        target={target}
        docPrefix={`nodes[${index}].config`}
        base={CONFIG}
        downstream={downstream}
        liveFields={liveFields}
        fields={kindFields(node.kind)}
        sections={descriptor.sections}
        config={node.config as Record<string, unknown>}
      />
      <NodeCalls id={node.id} />
      <NodeLiveStats id={node.id} figures={descriptor.figures} />
      <LiveCharts id={node.id} kind={node.kind} />
      <RawJson element={node as unknown as Record<string, unknown>} target={target} />
      <button type="button" className="danger" data-testid="delete-selection" onClick={() => useDocument.getState().removeElements([node.id], [])}>
        Delete {definition.label.toLowerCase()}
      </button>
    </div>
  );
}
