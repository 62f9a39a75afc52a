/**
 * A request's waterfall from its trace: one row per span, in the order a person reads a call
 * tree (each span followed by what happened inside it), indented by depth, placed on one time
 * axis from the request's creation. A call's row shows its legs: the network out, the time at
 * the callee, the network back; a timeout marks where the caller gave up. Pure: the view
 * draws the rows as they are given.
 */
import type { RequestTrace, TraceSpan, TraceSpanKind } from '../../worker/protocol';

export type SegmentKind = 'network' | 'remote' | 'queue' | 'service' | 'pool-wait' | 'query' | 'backoff';
export type MarkerKind = 'timeout' | 'refused' | 'cache-hit' | 'cache-miss' | 'lost';

export interface Segment {
  kind: SegmentKind;
  /** Fractions of the axis, 0 to 1. */
  from: number;
  to: number;
}

export interface Marker {
  kind: MarkerKind;
  at: number;
}

export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** What the row is, in words: "lb → api, attempt 2", "api: queue wait". */
  label: string;
  /** Its times, relative to the request's creation, in words. */
  detail: string;
  /** How long it took ("12.4 ms"), or what it was ("hit"). */
  duration: string;
  segments: Segment[];
  markers: Marker[];
  wasted: boolean;
}

export interface Waterfall {
  /** The axis: from the request's creation to its end (or its last span's), ms of simulated time. */
  startMs: number;
  endMs: number;
  rows: WaterfallRow[];
  /** Round times along the axis, relative to the start, with their place (fraction). */
  ticks: { ms: number; at: number }[];
}

/** "12.4 ms" with as many digits as a waterfall needs. */
export function ms(v: number): string {
  const a = Math.abs(v);
  if (a >= 100) return `${v.toFixed(0)} ms`;
  if (a >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

const KIND_WORDS: Record<Exclude<TraceSpanKind, 'call' | 'backoff'>, string> = {
  queue: 'queue wait',
  service: 'service',
  'pool-wait': 'waiting for a connection',
  query: 'query',
  'cache-hit': 'cache hit',
  'cache-miss': 'cache miss',
};

/** A round step that puts about `count` ticks on `span` ms. */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

/** Spans in reading order (parent, then its children by start) with their depth; no recursion. */
export function treeOrder(spans: readonly TraceSpan[]): { span: TraceSpan; depth: number }[] {
  const children = new Map<number | null, TraceSpan[]>();
  const ids = new Set(spans.map((s) => s.id));
  for (const s of spans) {
    // A parent missing from a truncated trace: the span goes to the top.
    const p = s.parent !== null && ids.has(s.parent) ? s.parent : null;
    const list = children.get(p) ?? [];
    list.push(s);
    children.set(p, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  const out: { span: TraceSpan; depth: number }[] = [];
  const stack: { span: TraceSpan; depth: number }[] = (children.get(null) ?? []).map((span) => ({ span, depth: 0 })).reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push(item);
    const kids = children.get(item.span.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i], depth: item.depth + 1 });
  }
  return out;
}

/** Calls along one edge from one parent: more than one means the call was retried. */
function attemptsOf(spans: readonly TraceSpan[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const s of spans) {
    if (s.kind !== 'call') continue;
    const key = `${s.parent}/${s.edge}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return count;
}

function callLabel(s: TraceSpan, retried: boolean): string {
  let label = `${s.from} → ${s.node}`;
  if (retried || (s.attempt ?? 1) > 1) label += `, attempt ${s.attempt}`;
  if (s.refused === 'circuit-breaker') label += ': refused by the circuit breaker';
  else if (s.refused === 'bulkhead') label += ': refused by the bulkhead';
  else if (s.timedOutAtMs != null) label += ': timed out';
  else if (s.outcome !== undefined && s.outcome !== 'ok') label += `: ${s.outcome}`;
  return label;
}

export function layoutWaterfall(trace: RequestTrace): Waterfall {
  const startMs = trace.createdAtMs;
  let endMs = trace.finishedAtMs ?? startMs;
  for (const s of trace.spans) {
    for (const t of [s.startMs, s.endMs, s.answeredAtMs, s.returnedAtMs, s.timedOutAtMs]) if (t != null && t > endMs) endMs = t;
  }
  const total = endMs > startMs ? endMs - startMs : 1;
  const at = (t: number) => Math.min(1, Math.max(0, (t - startMs) / total));
  const rel = (t: number) => `+${ms(t - startMs)}`;
  const attempts = attemptsOf(trace.spans);

  const rows = treeOrder(trace.spans).map(({ span: s, depth }): WaterfallRow => {
    const segments: Segment[] = [];
    const markers: Marker[] = [];
    const end = s.endMs ?? endMs;
    const wasted = s.wasted === true;
    let label: string;
    let detail: string;
    let duration = ms(end - s.startMs);
    if (s.kind === 'call') {
      label = callLabel(s, (attempts.get(`${s.parent}/${s.edge}`) ?? 1) > 1);
      const parts = [`sent ${rel(s.startMs)}`];
      if (s.refused !== undefined) {
        markers.push({ kind: 'refused', at: at(s.startMs) });
        duration = 'refused';
      } else {
        const delivered = s.deliveredAtMs ?? null;
        if (delivered === null) {
          segments.push({ kind: 'network', from: at(s.startMs), to: at(end) });
          markers.push({ kind: 'lost', at: at(end) });
          parts.push('lost on the way');
        } else {
          segments.push({ kind: 'network', from: at(s.startMs), to: at(delivered) });
          parts.push(`reached ${s.node} ${rel(delivered)}`);
          const answered = s.answeredAtMs ?? null;
          const returned = s.returnedAtMs ?? null;
          // At the callee until it answered (or until the caller stopped waiting).
          const remoteEnd = answered === null ? end : Math.min(answered, end);
          segments.push({ kind: 'remote', from: at(delivered), to: at(remoteEnd) });
          if (answered !== null) parts.push(`answered ${rel(answered)}`);
          if (answered !== null && returned !== null) {
            segments.push({ kind: 'network', from: at(answered), to: at(returned) });
            parts.push(`back ${rel(returned)}`);
          }
        }
        if (s.timedOutAtMs != null) {
          markers.push({ kind: 'timeout', at: at(s.timedOutAtMs) });
          parts.push(`gave up ${rel(s.timedOutAtMs)} (timeout)`);
        }
      }
      if (s.outcome !== undefined) parts.push(s.outcome);
      detail = parts.join(', ');
    } else if (s.kind === 'backoff') {
      label = `${s.node}: backoff before attempt ${s.attempt}`;
      segments.push({ kind: 'backoff', from: at(s.startMs), to: at(end) });
      detail = `waited ${rel(s.startMs)} to ${rel(end)}`;
    } else if (s.kind === 'cache-hit' || s.kind === 'cache-miss') {
      label = `${s.node}: ${KIND_WORDS[s.kind]}`;
      markers.push({ kind: s.kind, at: at(s.startMs) });
      duration = s.kind === 'cache-hit' ? 'hit' : 'miss';
      detail = `at ${rel(s.startMs)}`;
    } else {
      const where = s.instance !== undefined ? `${s.node} #${s.instance + 1}` : s.node;
      label = `${where}: ${KIND_WORDS[s.kind]}`;
      segments.push({ kind: s.kind, from: at(s.startMs), to: at(end) });
      detail = `${rel(s.startMs)} to ${rel(end)}`;
    }
    if (wasted) {
      label += ' (wasted)';
      detail += '; wasted: its caller had already given up';
    }
    return { span: s, depth, label, detail, duration, segments, markers, wasted };
  });

  const step = tickStep(total, 5);
  const ticks: { ms: number; at: number }[] = [];
  for (let t = 0; t <= total + 1e-9; t += step) ticks.push({ ms: t, at: t / total });
  return { startMs, endMs, rows, ticks };
}

/** What a trace's list entry says about it at a glance. */
export interface TraceSummary {
  retried: boolean;
  timedOut: boolean;
  wasted: boolean;
  refused: boolean;
  /** Nodes it visited, in order of first visit. */
  path: string[];
}

export function summarize(trace: RequestTrace): TraceSummary {
  const path: string[] = [trace.client];
  const seen = new Set(path);
  let retried = false;
  let timedOut = false;
  let wasted = false;
  let refused = false;
  for (const s of trace.spans) {
    if (s.kind === 'call' && (s.attempt ?? 1) > 1) retried = true;
    if (s.timedOutAtMs != null) timedOut = true;
    if (s.wasted) wasted = true;
    if (s.refused !== undefined) refused = true;
    if (s.kind !== 'backoff' && !seen.has(s.node)) {
      seen.add(s.node);
      path.push(s.node);
    }
  }
  return { retried, timedOut, wasted, refused, path };
}
