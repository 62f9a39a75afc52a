/**
 * Request traces as hosts see them (plain data: they cross to the page unchanged). A trace
 * is one request's journey: every call it made along an edge (each attempt), and what each
 * node did with it — waited in a queue, was served, waited for a connection, hit or missed
 * a cache — on one time axis, the run's simulated milliseconds.
 */

export interface TraceOptions {
  /** Keep one request in this many (deterministically: every N-th created); 0 keeps none this way. */
  sampleEvery: number;
  /** Also keep the slowest finished request of each window of this many ms; null keeps none this way. */
  slowestPerWindowMs: number | null;
  /** Traces kept of each kind (sampled, slowest); past it the oldest make room. */
  maxTraces: number;
  /** Spans held for the requests in flight, all together; a request that finds none free is not traced. */
  spanPool: number;
  /** Spans one trace keeps; past it the trace is marked truncated. */
  maxSpansPerTrace: number;
}

export const DEFAULT_TRACE_OPTIONS: TraceOptions = {
  sampleEvery: 100,
  slowestPerWindowMs: 1000,
  maxTraces: 100,
  spanPool: 1 << 16,
  maxSpansPerTrace: 64,
};

export type TraceOutcome = 'ok' | 'error' | 'rejected' | 'timeout';

export type TraceSpanKind =
  /** One attempt of a call along an edge, seen from the caller. */
  | 'call'
  /** Waiting between a failed attempt and the next (retry backoff). */
  | 'backoff'
  /** Waiting in a station's queue for a worker. */
  | 'queue'
  /** A worker's own work on the request. */
  | 'service'
  /** A query waiting for a database connection. */
  | 'pool-wait'
  /** A query holding its connection. */
  | 'query'
  | 'cache-hit'
  | 'cache-miss';

export interface TraceSpan {
  /** Position in the trace's `spans`. */
  id: number;
  /** The span this one happened inside (a call's callee work, a callee's own calls); null at the top. */
  parent: number | null;
  kind: TraceSpanKind;
  /** Where it happened: the node that did the work; for a call, the callee. */
  node: string;
  /** A call's (and a backoff's) caller. */
  from?: string;
  /** A call's (and a backoff's) edge. */
  edge?: string;
  /** The instance (a server's) or shard (a database's) that did the work. */
  instance?: number;
  /** A call's attempt (1 for the first try); a backoff's, the attempt it waits for. */
  attempt?: number;
  startMs: number;
  /** null: not over when the trace was taken (a call whose answer never came). */
  endMs: number | null;
  /** A call: when it reached the callee (null: dropped on the way, or refused before it left). */
  deliveredAtMs?: number | null;
  /** A call: when the callee sent its answer back. */
  answeredAtMs?: number | null;
  /** A call: when the answer reached the caller (null: never, or thrown away after a timeout). */
  returnedAtMs?: number | null;
  /** A call: when the caller gave up waiting (its timeout). */
  timedOutAtMs?: number | null;
  outcome?: TraceOutcome;
  /** A call refused on the spot by the caller's own circuit breaker or bulkhead. */
  refused?: 'circuit-breaker' | 'bulkhead';
  /** Work done for a caller that had already given up (a timeout): wasted. */
  wasted?: boolean;
}

export interface RequestTrace {
  requestId: number;
  client: string;
  /** Why it was kept. */
  reason: 'sampled' | 'slowest';
  createdAtMs: number;
  /** When the client had its final answer; null if the run ended first. */
  finishedAtMs: number | null;
  latencyMs: number | null;
  outcome: TraceOutcome | null;
  /** Some spans were not recorded (the trace's or the pool's limit). */
  truncated: boolean;
  /** In order of their start. */
  spans: TraceSpan[];
}

export interface TraceSet {
  options: TraceOptions;
  /** Sampled traces, oldest first (at most `maxTraces`). */
  sampled: RequestTrace[];
  /** The slowest of each window, oldest first (the last one's window may still be open). */
  slowest: RequestTrace[];
  /** Requests not traced for want of a free slot, and spans lost to the limits. */
  untraced: number;
  spansLost: number;
}
