/**
 * Chart redraws, only when the history changed (a batch arrived, a run started or finished) or
 * a setting did, and spread over animation frames: one chart per frame, so no frame's task
 * grows with the number of charts (a batch comes every ~100 ms, six frames at 60 fps). The
 * charts never re-render through React for new data: they set their canvas's data directly.
 */
import { currentView, history, useResults } from '../store';
import type { ColumnView } from '../series/history';
import { useChartSettings } from './settings';

type Redraw = (view: ColumnView, frames: number) => void;

const redraws = new Set<Redraw>();
/** Charts still to redraw for the latest change, in order. */
let queue: Redraw[] = [];
let pending = 0;
let unsubscribe: (() => void) | null = null;

function step(): void {
  pending = 0;
  const next = queue.shift();
  if (next && redraws.has(next)) next(currentView(), history.frames);
  if (queue.length > 0) pending = requestAnimationFrame(step);
}

export function scheduleRedraw(): void {
  // Every chart once more; a chart already waiting keeps its place.
  const waiting = new Set(queue);
  for (const r of redraws) if (!waiting.has(r)) queue.push(r);
  if (!pending && queue.length > 0) pending = requestAnimationFrame(step);
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

/** Registers a chart's redraw; it is called on a coming animation frame. */
export function onRedraw(redraw: Redraw): () => void {
  if (!unsubscribe) start();
  redraws.add(redraw);
  queue.push(redraw);
  if (!pending) pending = requestAnimationFrame(step);
  return () => {
    redraws.delete(redraw);
    queue = queue.filter((r) => r !== redraw);
    if (redraws.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}
