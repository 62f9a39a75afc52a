/** The right-hand panel: edits whatever is selected, or the scenario when nothing is. */
import { singleSelection, useDocument, useSession } from '../store';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';
import { ScenarioInspector } from './ScenarioInspector';

export function Inspector() {
  const selection = useSession((s) => s.selection);
  const scenario = useDocument((s) => s.scenario);
  const one = singleSelection(selection);
  let body = <ScenarioInspector />;
  if (one?.type === 'node') {
    const index = scenario.nodes.findIndex((n) => n.id === one.id);
    if (index >= 0) body = <NodeInspector key={one.id} node={scenario.nodes[index]} index={index} />;
  } else if (one?.type === 'edge') {
    const index = scenario.edges.findIndex((e) => e.id === one.id);
    if (index >= 0) body = <EdgeInspector key={one.id} edge={scenario.edges[index]} index={index} />;
  } else if (selection.nodeIds.length + selection.edgeIds.length > 1) {
    body = (
      <div className="inspector-section">
        <h2>{selection.nodeIds.length + selection.edgeIds.length} selected</h2>
        <p className="hint">Delete removes them; Ctrl+C and Ctrl+D copy or duplicate the nodes with the calls between them. Select one to edit it.</p>
      </div>
    );
  }
  return (
    // Leaving a field ends its burst of typing, so undo goes back one visit to a field at a time.
    <aside className="inspector" data-testid="inspector" aria-label="Inspector" onBlur={() => useDocument.getState().endGroup()}>
      {body}
    </aside>
  );
}
