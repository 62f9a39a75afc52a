/** Live state of canvas nodes, read from the latest frame of the running simulation. */
import type { NodeKind, Scenario } from '../../model';
import { useResults, type LiveNode } from '../store';

/** The node's live state (undefined before the first frame of a run); utilisation smoothed over ~1 s. */
export function useNodeLive(id: string): LiveNode | undefined {
  return useResults((s) => s.live[id]);
}

/** Utilisation as a colour: calm green at 0, amber around 0.7, saturated red at 1 and beyond. */
export function utilizationColor(utilization: number): string {
  const u = Math.min(1, Math.max(0, utilization));
  const hue = 140 * (1 - u * u * 0.6 - u * 0.4);
  return `hsl(${hue.toFixed(0)} 70% 42%)`;
}

/** What React Flow carries for each node: the scenario node's fields the view shows. */
export interface ArchNodeData extends Record<string, unknown> {
  kind: NodeKind;
  label: string;
  config: Scenario['nodes'][number]['config'];
}
