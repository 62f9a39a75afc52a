/**
 * The scenario as React Flow nodes and edges. Unchanged elements keep their object identity
 * (and React Flow's own fields: measured size, selection), so only what changed re-renders.
 */
import { MarkerType, type Edge } from '@xyflow/react';
import type { Scenario } from '../../model';
import type { ArchFlowNode } from '../nodes/types';

export function toFlowNodes(scenario: Scenario, previous: readonly ArchFlowNode[], selectId?: string | null): ArchFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return scenario.nodes.map((node) => {
    const old = before.get(node.id);
    const label = node.label ?? node.id;
    const selected = selectId ? node.id === selectId : old?.selected;
    if (
      old &&
      old.type === node.kind &&
      old.position.x === node.position.x &&
      old.position.y === node.position.y &&
      old.data.config === node.config &&
      old.data.label === label &&
      old.selected === selected
    ) {
      return old;
    }
    return {
      ...old,
      id: node.id,
      type: node.kind,
      position: { x: node.position.x, y: node.position.y },
      data: { kind: node.kind, label, config: node.config },
      selected,
    };
  });
}

export function toFlowEdges(scenario: Scenario, previous: readonly Edge[], running: boolean, deselect = false): Edge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return scenario.edges.map((edge) => {
    const old = before.get(edge.id);
    const selected = deselect ? false : old?.selected;
    if (old && old.source === edge.from && old.target === edge.to && old.animated === running && old.selected === selected) {
      return old;
    }
    return {
      ...old,
      id: edge.id,
      source: edge.from,
      target: edge.to,
      animated: running,
      selected,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    };
  });
}
