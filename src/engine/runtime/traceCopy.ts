/**
 * A kept trace, copied out of the span pool as plain data (src/engine/traces.ts). What the
 * engine did not record is derived here: a call's timeout (its send time plus the edge's
 * `timeoutMs`, when no answer came before), the backoff between two attempts of one call,
 * and which work was wasted (done under an attempt whose caller had given up).
 */
import type { RequestTrace, TraceOutcome, TraceSpan, TraceSpanKind } from '../traces';
import type { EdgeRuntime } from './edge';
import type { NodeRuntime } from './node';
import { BREAKER, BULKHEAD, CALL, LOST_BACK, LOST_OUT, type SpanPool } from './spanPool';

const KIND_NAMES: TraceSpanKind[] = ['call', 'queue', 'service', 'pool-wait', 'query', 'cache-hit', 'cache-miss'];
export const OUTCOMES: TraceOutcome[] = ['ok', 'error', 'rejected', 'timeout'];

/** What the tracer knows of the request beside its spans. */
export interface TraceHeader {
  requestId: number;
  client: number;
  reason: RequestTrace['reason'];
  createdAtMs: number;
  /** NaN while unfinished. */
  finishedAtMs: number;
  /** -1 while unfinished. */
  outcome: number;
  truncated: boolean;
}

type Draft = TraceSpan & { pool: number; parentPool: number; gaveUpAt: number };

function draft(p: SpanPool, s: number, nodes: readonly NodeRuntime[], edges: readonly EdgeRuntime[]): Draft {
  const kind = p.kind[s];
  const base: Draft = {
    id: 0,
    parent: null,
    kind: KIND_NAMES[kind],
    node: nodes[p.node[s]].id,
    startMs: p.t0[s],
    endMs: p.t1[s],
    pool: s,
    parentPool: p.parent[s],
    gaveUpAt: NaN,
  };
  if (p.instance[s] >= 0) base.instance = p.instance[s];
  if (kind !== CALL) return base;
  const edge = edges[p.edge[s]];
  const f = p.flags[s];
  const returned = f & LOST_BACK || Number.isNaN(p.t3[s]) ? null : p.t3[s];
  const deadline = edge.timeoutMs !== null && (f & (BREAKER | BULKHEAD)) === 0 ? p.t0[s] + edge.timeoutMs : Infinity;
  const timedOut = deadline < Infinity && (returned === null || returned > deadline) ? deadline : null;
  const end = timedOut ?? returned;
  const span: Draft = {
    ...base,
    from: edge.from.id,
    edge: edge.id,
    attempt: p.attempt[s],
    endMs: end,
    deliveredAtMs: f & LOST_OUT || Number.isNaN(p.t1[s]) ? null : p.t1[s],
    answeredAtMs: Number.isNaN(p.t2[s]) ? null : p.t2[s],
    returnedAtMs: timedOut !== null ? null : returned,
    timedOutAtMs: timedOut,
    gaveUpAt: end ?? NaN,
  };
  if (timedOut !== null) span.outcome = 'timeout';
  else if (p.outcome[s] >= 0) span.outcome = OUTCOMES[p.outcome[s]];
  if (f & BREAKER) span.refused = 'circuit-breaker';
  if (f & BULKHEAD) span.refused = 'bulkhead';
  return span;
}

/** Backoff: between an attempt's end, as its caller saw it, and the next attempt's start. */
function backoffs(spans: readonly Draft[]): Draft[] {
  const attempts = new Map<string, Draft[]>();
  for (const sp of spans) {
    if (sp.kind !== 'call') continue;
    const key = `${sp.parentPool}/${sp.edge}`;
    const list = attempts.get(key) ?? [];
    list.push(sp);
    attempts.set(key, list);
  }
  const out: Draft[] = [];
  for (const list of attempts.values()) {
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1];
      const cur = list[k];
      if (cur.attempt! <= 1 || Number.isNaN(prev.gaveUpAt) || !(cur.startMs > prev.gaveUpAt)) continue;
      out.push({
        id: 0,
        parent: null,
        kind: 'backoff',
        node: cur.from!,
        from: cur.from,
        edge: cur.edge,
        attempt: cur.attempt,
        startMs: prev.gaveUpAt,
        endMs: cur.startMs,
        pool: -1,
        parentPool: cur.parentPool,
        gaveUpAt: NaN,
      });
    }
  }
  return out;
}

/** The trace of the spans from `head` (a list in the pool), with `header`. */
export function copyTrace(p: SpanPool, head: number, header: TraceHeader, nodes: readonly NodeRuntime[], edges: readonly EdgeRuntime[]): RequestTrace {
  const recorded: Draft[] = [];
  for (let s = head; s >= 0; s = p.next[s]) recorded.push(draft(p, s, nodes, edges));
  const all = [...recorded, ...backoffs(recorded)].sort((a, b) => a.startMs - b.startMs);
  const idOf = new Map<number, number>();
  all.forEach((sp, i) => {
    sp.id = i;
    if (sp.pool >= 0) idOf.set(sp.pool, i);
  });
  const byPool = new Map(recorded.map((sp) => [sp.pool, sp]));
  const spans: TraceSpan[] = all.map((sp) => {
    const { pool: _pool, parentPool, gaveUpAt: _gaveUp, ...rest } = sp;
    const span: TraceSpan = { ...rest, parent: parentPool >= 0 ? (idOf.get(parentPool) ?? null) : null };
    // Work under an attempt whose caller gave up is wasted, however deep.
    for (let up = parentPool; up >= 0; ) {
      const p = byPool.get(up);
      if (p === undefined) break;
      if (p.timedOutAtMs != null) {
        span.wasted = true;
        break;
      }
      up = p.parentPool;
    }
    return span;
  });
  const finished = !Number.isNaN(header.finishedAtMs);
  return {
    requestId: header.requestId,
    client: nodes[header.client].id,
    reason: header.reason,
    createdAtMs: header.createdAtMs,
    finishedAtMs: finished ? header.finishedAtMs : null,
    latencyMs: finished ? header.finishedAtMs - header.createdAtMs : null,
    outcome: header.outcome >= 0 ? OUTCOMES[header.outcome] : null,
    truncated: header.truncated,
    spans,
  };
}
