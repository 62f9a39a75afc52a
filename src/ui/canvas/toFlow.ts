/**
 * The scenario as React Flow nodes and edges. Unchanged elements keep their object identity
 * (and React Flow's own fields: measured size, selection), so only what changed re-renders.
 */
import { MarkerType, type Edge } from '@xyflow/react';
import type { Scenario } from '../../model';
import type { ArchFlowNode } from '../kinds/KindNode';
import type { Selection } from '../store';

export function toFlowNodes(
  scenario: Scenario,
  previous: readonly ArchFlowNode[],
  uncalled: ReadonlySet<string>,
  select: Selection | null,
): ArchFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const chosen = select ? new Set(select.nodeIds) : null;
  return scenario.nodes.map((node) => {
    const old = before.get(node.id);
    const label = node.label ?? node.id;
    const selected = chosen ? chosen.has(node.id) : (old?.selected ?? false);
    const flagged = uncalled.has(node.id);
    if (
      old &&
      old.type === node.kind &&
      old.position.x === node.position.x &&
      old.position.y === node.position.y &&
      old.data.config === node.config &&
      old.data.label === label &&
      old.data.uncalled === flagged &&
      old.selected === selected
    ) {
      return old;
    }
    return {
      ...old,
      id: node.id,
      type: node.kind,
      position: { x: node.position.x, y: node.position.y },
      data: { kind: node.kind, label, config: node.config, uncalled: flagged },
      selected,
      ariaLabel: `${node.kind} ${label}`,
    };
  });
}

export function toFlowEdges(scenario: Scenario, previous: readonly Edge[], select: Selection | null): Edge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const chosen = select ? new Set(select.edgeIds) : null;
  return scenario.edges.map((edge) => {
    const old = before.get(edge.id);
    const selected = chosen ? chosen.has(edge.id) : (old?.selected ?? false);
    if (old && old.source === edge.from && old.target === edge.to && old.selected === selected) {
      return old;
    }
    return {
      ...old,
      id: edge.id,
      source: edge.from,
      target: edge.to,
      type: 'traffic',
      selected,
      ariaLabel: `call ${edge.id} from ${edge.from} to ${edge.to}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    };
  });
}
