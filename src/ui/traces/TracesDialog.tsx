/**
 * The kept request traces of the current run: the slowest first, and the chosen one's
 * waterfall. Opened from a moment of the latency chart (the slowest request that finished
 * then) or from "Slowest requests". Loaded when first opened.
 */
import { useCallback, useEffect, useState } from 'react';
import { Modal } from '../library/Modal';
import { simulation } from '../store';
import type { RequestTrace, TraceSet } from '../../worker/protocol';
import { slowestFirst, traceNear } from './pick';
import { closeTraces, useTraces } from './traceStore';
import { ms, summarize } from './waterfall';
import { Waterfall } from './Waterfall';
import './traces.css';

/** The list shows at most this many (the engine keeps a fixed number of each kind). */
const LIST_MAX = 200;

function TraceItem({ trace, selected, onSelect }: { trace: RequestTrace; selected: boolean; onSelect(): void }) {
  const s = summarize(trace);
  const flags = [s.retried && 'retried', s.timedOut && 'timed out', s.wasted && 'wasted work', s.refused && 'refused'].filter(Boolean) as string[];
  return (
    <li>
      <button
        type="button"
        className="trace-item"
        aria-pressed={selected}
        onClick={onSelect}
        data-testid="trace-item"
        data-request-id={trace.requestId}
        data-retried={s.retried}
        data-timed-out={s.timedOut}
        data-wasted={s.wasted}
      >
        <span className="trace-latency">{trace.latencyMs === null ? 'unfinished' : ms(trace.latencyMs)}</span>
        <span className={`trace-outcome outcome-${trace.outcome ?? 'none'}`}>{trace.outcome ?? '—'}</span>
        <span className="trace-path">{s.path.join(' → ')}</span>
        <span className="trace-when">at {((trace.finishedAtMs ?? trace.createdAtMs) / 1000).toFixed(1)} s</span>
        {flags.length > 0 && <span className="trace-flags">{flags.join(', ')}</span>}
      </button>
    </li>
  );
}

export default function TracesDialog() {
  const open = useTraces((s) => s.open);
  const [set, setSet] = useState<TraceSet | null | undefined>(undefined);
  const [selected, setSelected] = useState<RequestTrace | null>(null);

  const load = useCallback(async () => {
    const fresh = await simulation.traces();
    setSet(fresh);
    return fresh;
  }, []);

  useEffect(() => {
    void load().then((fresh) => {
      if (!fresh) return;
      const at = useTraces.getState().open?.at ?? null;
      setSelected(at ? traceNear(fresh, at.tMs, at.windowMs) : (slowestFirst(fresh)[0] ?? null));
    });
  }, [open, load]);

  const list = set ? slowestFirst(set).slice(0, LIST_MAX) : [];
  const at = open?.at ?? null;
  return (
    <Modal
      title={at ? `Requests near ${(at.tMs / 1000).toFixed(1)} s` : 'Slowest requests'}
      onClose={closeTraces}
      testId="traces-dialog"
      actions={
        <button type="button" className="tool-button" data-testid="traces-refresh" onClick={() => void load()} title="Read the traces kept since">
          Refresh
        </button>
      }
    >
      {set === undefined ? (
        <p className="hint">Reading the traces…</p>
      ) : set === null || list.length === 0 ? (
        <p className="hint" data-testid="traces-empty">
          No request traced yet. Turn on “Record request traces” under the charts and run the design.
        </p>
      ) : (
        <div className="traces">
          <section className="trace-list" aria-label="Kept requests, slowest first">
            <p className="hint">
              {list.length} kept: one request in {set.options.sampleEvery} and the slowest of each {set.options.slowestPerWindowMs} ms window, at most{' '}
              {set.options.maxTraces} of each.
            </p>
            <ul>
              {list.map((t) => (
                <TraceItem key={t.requestId} trace={t} selected={selected?.requestId === t.requestId} onSelect={() => setSelected(t)} />
              ))}
            </ul>
          </section>
          {selected ? <Waterfall key={selected.requestId} trace={selected} /> : <p className="hint">Choose a request.</p>}
        </div>
      )}
    </Modal>
  );
}
