/** Every fault of the current run as a mark for the timeline and the charts: scheduled ones from the document, live ones from the run. */
import { useMemo } from 'react';
import type { FaultAction } from '../../model';
import { useDocument, useResults } from '../store';

export interface FaultMark {
  atMs: number;
  action: FaultAction;
  target: string;
  instance?: number;
  factor?: number;
  source: 'scheduled' | 'live';
  /** Index in the document's `faults` (scheduled) or in the run's live faults. */
  index: number;
}

export function describeFault(m: Pick<FaultMark, 'action' | 'target' | 'instance' | 'factor'>): string {
  const who = m.instance === undefined ? m.target : `${m.target} #${m.instance}`;
  return m.action === 'slow' ? `slow ${who} ×${m.factor ?? 5}` : `${m.action} ${who}`;
}

/** Colours by what a fault does: breaking (red), mending (green), degrading (amber). */
export const FAULT_COLORS: Record<FaultAction, string> = {
  crash: '#d9463b',
  partition: '#d9463b',
  recover: '#2f9e63',
  heal: '#2f9e63',
  slow: '#e8a317',
};

export function useFaultMarks(): FaultMark[] {
  const faults = useDocument((s) => s.scenario.faults);
  const live = useResults((s) => s.liveFaults);
  return useMemo(
    () => [
      ...faults.map((f, index): FaultMark => ({ ...f, source: 'scheduled', index })),
      ...live.map((f, index): FaultMark => ({ ...f, source: 'live', index })),
    ],
    [faults, live],
  );
}
