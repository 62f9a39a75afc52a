/**
 * The fault timeline under the charts: every fault of the run as a marker at its simulated
 * time, scheduled ones (from the document) and live ones (injected during this run), with the
 * run's current time. Scheduled faults are added here, moved by dragging or with the arrow
 * keys, edited with Enter and deleted with Delete; each is one undo step.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scenarioTarget } from '../edit/changes';
import { formatSeconds } from '../format';
import { useDocument, useResults } from '../store';
import { FaultForm } from './FaultForm';
import { describeFault, FAULT_COLORS, useFaultMarks, type FaultMark } from './marks';

/** Drags and arrow keys move a scheduled fault on this grid, ms. */
const MOVE_STEP_MS = 100;

function moveFault(index: number, atMs: number) {
  useDocument.getState().setField(scenarioTarget, ['faults', index, 'atMs'], atMs, `fault-move:${index}`);
}

function removeFault(index: number) {
  const { scenario, setField } = useDocument.getState();
  setField(scenarioTarget, ['faults'], scenario.faults.filter((_, i) => i !== index));
}

export function Timeline() {
  const marks = useFaultMarks();
  const status = useResults((s) => s.status);
  const planned = useDocument((s) => s.scenario.durationMs);
  const faults = useDocument((s) => s.scenario.faults);
  // The embed view shows the faults; it does not schedule, move or delete them.
  const readOnly = useDocument((s) => s.readOnly);
  const durationMs = Math.max(status.durationMs || planned, 1);
  const track = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<{ index: number | null } | null>(null);
  const [drag, setDrag] = useState<{ index: number; atMs: number; startX: number; moved: boolean } | null>(null);

  const pct = (ms: number) => `${Math.min(100, Math.max(0, (ms / durationMs) * 100))}%`;

  function msAt(clientX: number): number {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    const ms = ((clientX - box.left) / box.width) * durationMs;
    return Math.min(durationMs, Math.max(0, Math.round(ms / MOVE_STEP_MS) * MOVE_STEP_MS));
  }

  function onPointerDown(event: PointerEvent<HTMLButtonElement>, mark: FaultMark) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ index: mark.index, atMs: mark.atMs, startX: event.clientX, moved: false });
  }

  function onPointerMove(event: PointerEvent<HTMLButtonElement>) {
    if (!drag) return;
    const moved = drag.moved || Math.abs(event.clientX - drag.startX) > 3;
    setDrag({ ...drag, atMs: moved ? msAt(event.clientX) : drag.atMs, moved });
  }

  function onPointerUp() {
    if (!drag) return;
    if (drag.moved) moveFault(drag.index, drag.atMs);
    else setForm({ index: drag.index });
    setDrag(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, mark: FaultMark) {
    const step = event.shiftKey ? 10_000 : 1000;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      const next = mark.atMs + (event.key === 'ArrowRight' ? step : -step);
      moveFault(mark.index, Math.min(durationMs, Math.max(0, next)));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      removeFault(mark.index);
    }
  }

  return (
    <div className="timeline" data-testid="timeline" aria-label="Fault timeline">
      <div className="timeline-head">
        <span className="timeline-title">Faults</span>
        {!readOnly && (
          <button type="button" data-testid="fault-add" onClick={() => setForm({ index: null })}>
            + Schedule a fault
          </button>
        )}
        {form && (
          <FaultForm
            key={form.index ?? 'new'}
            editing={form.index === null ? null : { index: form.index, fault: faults[form.index] }}
            atMs={Math.round(status.simTimeMs / 1000) * 1000}
            onDone={() => setForm(null)}
          />
        )}
        {!form && marks.length === 0 && !readOnly && <span className="hint">None yet: right-click a node or call to inject one live, or schedule one.</span>}
        {marks.length === 0 && readOnly && <span className="hint">None in this scenario.</span>}
      </div>
      <div className="timeline-track" ref={track}>
        <div className="timeline-axis" />
        <div className="timeline-now" style={{ left: pct(status.simTimeMs) }} title={`now: ${formatSeconds(status.simTimeMs)}`} />
        {marks.map((mark) => {
          const label = `${describeFault(mark)} at ${formatSeconds(mark.atMs)} (${mark.source})`;
          const at = drag && mark.source === 'scheduled' && drag.index === mark.index ? drag.atMs : mark.atMs;
          const style = { left: pct(at), background: FAULT_COLORS[mark.action] };
          return mark.source === 'scheduled' && !readOnly ? (
            <button
              type="button"
              key={`s${mark.index}`}
              className="fault-marker scheduled"
              style={style}
              data-testid={`fault-marker-${mark.index}`}
              data-at-ms={at}
              aria-label={`${label}. Drag or arrow keys to move, Enter to edit, Delete to remove.`}
              title={label}
              onPointerDown={(e) => onPointerDown(e, mark)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onKeyDown={(e) => onKeyDown(e, mark)}
              onClick={(e) => e.detail === 0 && setForm({ index: mark.index })}
            />
          ) : (
            <span
              key={`${mark.source === 'live' ? 'l' : 's'}${mark.index}`}
              className={`fault-marker ${mark.source}`}
              style={style}
              data-testid={mark.source === 'live' ? `fault-marker-live-${mark.index}` : `fault-marker-${mark.index}`}
              data-at-ms={mark.atMs}
              data-action={mark.action}
              role="img"
              aria-label={label}
              title={label}
            />
          );
        })}
      </div>
      <div className="timeline-scale" aria-hidden>
        <span>0 s</span>
        <span>{formatSeconds(durationMs / 2)}</span>
        <span>{formatSeconds(durationMs)}</span>
      </div>
    </div>
  );
}
