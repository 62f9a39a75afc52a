/**
 * Chart redraws, at most one per animation frame for all charts together, and only when the
 * history changed (a batch arrived, a run started or finished) or a setting did. The charts
 * never re-render through React for new data: they set their canvas's data directly.
 */
import { currentView, history, useResults } from '../store';
import type { ColumnView } from '../series/history';
import { useChartSettings } from './settings';

type Redraw = (view: ColumnView, frames: number) => void;

const redraws = new Set<Redraw>();
let pending = 0;
let unsubscribe: (() => void) | null = null;

function flush(): void {
  pending = 0;
  const view = currentView();
  for (const r of redraws) r(view, history.frames);
}

export function scheduleRedraw(): void {
  if (!pending) pending = requestAnimationFrame(flush);
}

function start(): void {
  const offResults = useResults.subscribe((s, p) => {
    if (s.pointsVersion !== p.pointsVersion || s.status.finished !== p.status.finished) scheduleRedraw();
  });
  const offSettings = useChartSettings.subscribe(scheduleRedraw);
  unsubscribe = () => {
    offResults();
    offSettings();
  };
}

/** Registers a chart's redraw; it is called at once on the next animation frame. */
export function onRedraw(redraw: Redraw): () => void {
  if (!unsubscribe) start();
  redraws.add(redraw);
  scheduleRedraw();
  return () => {
    redraws.delete(redraw);
    if (redraws.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}
