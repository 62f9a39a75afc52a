/** Edits the selected edge (a call): every field of an edge's config, from the schema. */
import { useMemo } from 'react';
import type { ScenarioEdge } from '../../model';
import { edgeTarget } from '../edit/changes';
import { useDocument, useResults, useSession } from '../store';
import { ConfigForm, type Section } from './form/ConfigForm';
import { RawJson } from './RawJson';
import { edgeFields } from './schema/fieldSpecs';

const CONFIG = ['config'] as const;
const NONE: readonly string[] = [];
const NO_LIVE = new Set<string>();

/** The edge's inspector sections; fields added to the schema later land under "More". */
export const EDGE_SECTIONS: readonly Section[] = [
  { title: 'Network', fields: ['latency', 'callsPerRequest', 'weight'] },
  { title: 'Timeouts and retries', fields: ['timeoutMs', 'retry', 'idempotencyKeys'] },
  { title: 'Circuit breaker and bulkhead', fields: ['circuitBreaker', 'fallback', 'bulkhead'] },
];

function EdgeResults({ id }: { id: string }) {
  const stats = useResults((s) => s.report?.edges[id]);
  if (!stats) return null;
  return (
    <dl className="live-stats" data-testid="inspector-edge-results">
      {(['calls', 'retries', 'timeouts', 'shortCircuited', 'circuitOpened'] as const).map((k) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{String(stats[k] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EdgeInspector({ edge, index }: { edge: ScenarioEdge; index: number }) {
  const target = useMemo(() => edgeTarget(edge.id), [edge.id]);
  return (
    <div className="inspector-section" data-testid="inspector-edge" data-edge-id={edge.id}>
      <div className="inspector-title">
        <h2>
          Call <code>{edge.id}</code>
        </h2>
        <button
          type="button"
          className="menu-button"
          data-testid="inspector-actions"
          aria-label={`Actions for ${edge.id}`}
          onClick={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            useSession.getState().openMenu({ type: 'edge', id: edge.id, x: box.right - 200, y: box.bottom + 2 });
          }}
        >
          Actions ▾
        </button>
      </div>
      <p className="hint">
        <code>{edge.from}</code> calls <code>{edge.to}</code>.
      </p>
      <ConfigForm
        key={edge.id}
        scope="edge"
        target={target}
        docPrefix={`edges[${index}].config`}
        base={CONFIG}
        downstream={NONE}
        liveFields={NO_LIVE}
        fields={edgeFields()}
        sections={EDGE_SECTIONS}
        config={edge.config as Record<string, unknown>}
      />
      <EdgeResults id={edge.id} />
      <RawJson element={edge as unknown as Record<string, unknown>} target={target} />
      <button type="button" className="danger" data-testid="delete-selection" onClick={() => useDocument.getState().removeElements([], [edge.id])}>
        Delete call
      </button>
    </div>
  );
}
