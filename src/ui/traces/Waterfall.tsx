/**
 * One request's waterfall: a row per span (calls with their network legs, queue waits,
 * service, pool waits, queries, backoff, cache hits and misses, refusals), on one time axis
 * from the request's creation. Keyboard: the rows are one tab stop; arrows, Home and End move
 * between them, and the focused row's times are spelled out below.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { RequestTrace } from '../../worker/protocol';
import { layoutWaterfall, ms, type SegmentKind } from './waterfall';

const LEGEND: { kind: SegmentKind | 'wasted' | 'timeout'; label: string }[] = [
  { kind: 'network', label: 'network' },
  { kind: 'remote', label: 'at the callee' },
  { kind: 'queue', label: 'queue wait' },
  { kind: 'service', label: 'service' },
  { kind: 'pool-wait', label: 'pool wait' },
  { kind: 'query', label: 'query' },
  { kind: 'backoff', label: 'retry backoff' },
  { kind: 'timeout', label: 'timeout' },
  { kind: 'wasted', label: 'wasted work' },
];

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

export function Waterfall({ trace }: { trace: RequestTrace }) {
  const w = useMemo(() => layoutWaterfall(trace), [trace]);
  const [active, setActive] = useState(0);
  const rowsRef = useRef<HTMLOListElement>(null);
  const current = w.rows[Math.min(active, w.rows.length - 1)];

  function move(e: KeyboardEvent<HTMLOListElement>) {
    const last = w.rows.length - 1;
    const to = e.key === 'ArrowDown' ? Math.min(last, active + 1) : e.key === 'ArrowUp' ? Math.max(0, active - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    (rowsRef.current?.children[to] as HTMLElement | undefined)?.focus();
  }

  return (
    <div className="waterfall" data-testid="waterfall" data-request-id={trace.requestId}>
      <p className="wf-summary">
        Request {trace.requestId} from <strong>{trace.client}</strong>: {trace.outcome ?? 'unfinished'}
        {trace.latencyMs !== null && <> in {ms(trace.latencyMs)}</>}, created at {(trace.createdAtMs / 1000).toFixed(3)} s
        {trace.reason === 'slowest' ? ', the slowest of its window' : ', sampled'}
        {trace.truncated && ' (truncated: some spans were not recorded)'}
      </p>
      <ul className="wf-legend" aria-label="Legend">
        {LEGEND.map((l) => (
          <li key={l.kind}>
            <i className={`wf-swatch wf-${l.kind}`} aria-hidden /> {l.label}
          </li>
        ))}
      </ul>
      <div className="wf-axis" aria-hidden>
        <span className="wf-label-col" />
        <span className="wf-ticks">
          {w.ticks.map((t) => (
            <span key={t.ms} className="wf-tick" style={{ left: pct(t.at) }}>
              {t.ms === 0 ? '0' : ms(t.ms)}
            </span>
          ))}
        </span>
        <span className="wf-dur-col" />
      </div>
      <ol className="wf-rows" ref={rowsRef} aria-label={`Spans of request ${trace.requestId}`} onKeyDown={move}>
        {w.rows.map((r, i) => (
          <li
            key={r.span.id}
            className={`wf-row${r.wasted ? ' wasted' : ''}${i === active ? ' active' : ''}`}
            tabIndex={i === active ? 0 : -1}
            onFocus={() => setActive(i)}
            onClick={() => setActive(i)}
            data-testid="wf-row"
            data-kind={r.span.kind}
            data-node={r.span.node}
            data-edge={r.span.edge ?? ''}
            data-attempt={r.span.attempt ?? ''}
            data-wasted={r.wasted ? 'true' : 'false'}
            data-start-ms={r.span.startMs}
            data-end-ms={r.span.endMs ?? ''}
            data-timed-out={r.span.timedOutAtMs != null ? 'true' : 'false'}
          >
            <span className="wf-label" style={{ paddingLeft: `${r.depth * 14}px` }}>
              {r.label}
            </span>
            <span className="wf-track" aria-hidden>
              {r.segments.map((s, k) => (
                <i key={k} className={`wf-seg wf-${s.kind}`} style={{ left: pct(s.from), width: pct(s.to - s.from) }} />
              ))}
              {r.markers.map((m, k) => (
                <i key={`m${k}`} className={`wf-mark wf-${m.kind}`} style={{ left: pct(m.at) }} />
              ))}
            </span>
            <span className="wf-duration">{r.duration}</span>
            <span className="sr-only">{r.detail}</span>
          </li>
        ))}
      </ol>
      {current && (
        <p className="wf-detail" data-testid="wf-detail" aria-live="polite">
          <strong>{current.label}</strong>: {current.duration === 'hit' || current.duration === 'miss' || current.duration === 'refused' ? current.duration : `took ${current.duration}`}; {current.detail}.
        </p>
      )}
    </div>
  );
}
