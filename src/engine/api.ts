import type { FaultAction, NodeKind } from '../model';
import type { KindReport } from './components';

/**
 * The engine's public contract for its hosts (the worker, the CLI, tests, benchmarks).
 * Plain data only: every type here crosses a structured-clone boundary unchanged.
 */

/** Latency summary in milliseconds (SPEC §4). */
export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RequestCounts {
  generated: number;
  ok: number;
  error: number;
  rejected: number;
  timeout: number;
  inFlight: number;
}

export interface InstanceReport {
  served: number;
  utilization: number;
}

/** The fields every node reports (SPEC §4); each kind adds its own. */
export interface NodeReportBase {
  kind: NodeKind;
  arrivals: number;
  completed: number;
  rejected: number;
  errors: number;
  utilization: number;
  meanQueueLength: number;
  meanWaitMs: number;
  meanResponseMs: number;
  instances: InstanceReport[];
}

/** A kind that the engine does not simulate yet: it never appears in a report. */
export interface UnsimulatedReport<K extends NodeKind> extends NodeReportBase {
  kind: K;
}

/**
 * Each kind's report, as its component declares it (components/index.ts derives it from
 * the components' own `report()`): a new kind brings its report type with it.
 */
export type NodeReportByKind = { [K in NodeKind]: KindReport<K> };

/** One node's statistics, discriminated on `kind`. */
export type NodeReport = NodeReportByKind[NodeKind];

export type { ClientReport } from './components/client';
export type { ServerReport, ServerInstanceReport } from './components/server';
export type { LoadBalancerReport, BalancerTargetReport } from './components/loadBalancer';
export type { CacheReport } from './components/cache';
export type { CdnReport } from './components/cdn';
export type { CachingStats } from './components/cacheBase';
export type { QueueReport } from './components/queue';
export type { DatabaseReport, DatabaseShardReport, DatabaseReplicaReport } from './components/database';
export type { RateLimiterReport } from './components/rateLimiter';
export type { ApiGatewayReport } from './components/apiGateway';
export type { ReplicaStep } from './components/replicaTimeline';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export interface EdgeReport {
  calls: number;
  retries: number;
  timeouts: number;
  shortCircuited: number;
  circuitOpened: number;
  /** null when the edge has no breaker. */
  circuitState: CircuitStateName | null;
  bulkheadRejected: number;
  /** Degraded answers given by an open breaker with `fallback: "degraded"`. */
  degraded: number;
  /** Calls and answers lost to a partition. */
  dropped: number;
  /** Retries refused by the edge's retry budget (`retry.budgetRatio`). */
  retriesDenied: number;
}

/** The report of SPEC §4. Field names are a public contract: add, never rename or drop. */
export interface Report {
  version: 1;
  scenario: string;
  seed: number;
  simulatedMs: number;
  warmupMs: number;
  events: number;
  wallMs: number;
  requests: RequestCounts;
  throughputRps: number;
  latencyMs: LatencySummary;
  nodes: Record<string, NodeReport>;
  edges: Record<string, EdgeReport>;
  /** Nodes whose offered load exceeded what they could serve (utilisation ≈ 1 with a growing queue). */
  unstable: string[];
}

/** A node's live state in a frame (for colouring the canvas and the per-node charts). */
export interface NodeFrame {
  /** Busy workers ÷ all workers over the frame's window (0 for kinds without workers). */
  utilization: number;
  /** Requests waiting in queues now. */
  queueLength: number;
  /** Requests that arrived during this frame's window of time. */
  arrivals: number;
  instancesUp: number;
  instancesTotal: number;
  // Live figures of one kind each (absent for the others).
  /** Caches and CDNs: reads served from the store in this window, and reads that missed. */
  hits?: number;
  misses?: number;
  /** Caches and CDNs: hits ÷ (hits + misses) over this window; 0 when no read came. */
  hitRate?: number;
  /** Databases: connections in use now, and connections in all (every pool of every shard). */
  connectionsInUse?: number;
  poolSize?: number;
  /** Databases: mean wait for a connection of the queries that got one in this window */
  poolWaitMs?: number;
  /** Queues: messages waiting for a consumer now. */
  depth?: number;
  /** Queues: how long the first waiting message has waited for a consumer, now (consumer lag). */
  lagMs?: number;
  /** Rate limiters, and gateways with a `rateLimit`. */
  rateLimit?: RateLimitFrame;
  /** Gateways: requests per route over the window */
  routes?: RoutesFrame;
  /** Servers: where their instances stand now (for a replicas chart). */
  replicas?: ReplicasFrame;
}

/** A rate limit's live figures: counts over the frame's window, state now. */
export interface RateLimitFrame {
  /** Requests let through (queued ones included) and refused over the window */
  allowed: number;
  limited: number;
  /** Per-user scope: distinct users refused at least once over the window; null when global. */
  limitedUsers: number | null;
  /** What `level` counts: tokens left in the bucket, requests in the current window, or requests queued. */
  unit: 'tokens' | 'window' | 'queue';
  /** The (global) limiter's state now, in `unit`s; null for a per-user limiter (one state a user). */
  level: number | null;
  /** The most `level` can be: the burst, the limit, the queue's size. */
  capacity: number;
  /** Requests waiting in a leaky bucket's queue now (all users); 0 for the other algorithms. */
  queueLength: number;
}

/** A gateway's requests per route over the frame's window */
export interface RoutesFrame {
  /** Keyed by route prefix, in the routes' order. */
  byPrefix: Record<string, number>;
  unmatched: number;
}

/** A server's instances now. */
export interface ReplicasFrame {
  /** In rotation: taking traffic. */
  inRotation: number;
  /** Added by the autoscaler and still starting up (they take traffic after `startupMs`). */
  starting: number;
  /** Retired by scaling in and still finishing the work they had. */
  draining: number;
  /** Where the autoscaler is heading (in rotation + starting); null without autoscale. */
  desired: number | null;
}

/**
 * One edge's traffic over a frame's window, as its caller sees it. Attempts count every try
 * (retries included); answers count what came back to the caller, by outcome, plus the
 * attempts the caller gave up on (timeouts) and those refused on the spot by its breaker or
 * bulkhead (counted under their outcome, and also as `shortCircuited` / `bulkheadRejected`).
 */
export interface EdgeFrame {
  /** Attempts sent over the window (first tries and retries). */
  calls: number;
  /** Retries among `calls`. */
  retries: number;
  ok: number;
  error: number;
  rejected: number;
  timeout: number;
  /** Refused by an open breaker (their answer is `error`, or `ok` with a degraded fallback). */
  shortCircuited: number;
  /** Refused by the bulkhead (their answer is `rejected`). */
  bulkheadRejected: number;
  /** Calls and answers lost to a partition. */
  dropped: number;
  /** The breaker's state now; null when the edge has no breaker. */
  circuitState: CircuitStateName | null;
  /** When the breaker last opened, simulated ms; null when it never has (or there is none). */
  circuitOpenedAtMs: number | null;
}

/** Requests that got their final outcome in a frame's window, by outcome (every request, warm-up included). */
export interface OutcomeCounts {
  ok: number;
  error: number;
  rejected: number;
  timeout: number;
}

/** Aggregates over the simulated-time window since the previous frame. */
export interface Frame {
  /** Simulated time at the end of the window, ms. */
  simTimeMs: number;
  /** Simulated duration of the window, ms. */
  windowMs: number;
  /** Total events processed so far. */
  events: number;
  /** Requests completed ok per simulated second, over this frame's window of time. */
  throughputRps: number;
  /** Fraction of the window's finished requests that were not ok. */
  errorRate: number;
  completed: number;
  /**
   * Latency percentiles of ok requests finished in the window; null when none succeeded (a
   * gap in a chart: 0 ms would read as the system getting fast just as it fails).
   */
  latencyMs: { p50: number; p95: number; p99: number; mean: number } | null;
  nodes: Record<string, NodeFrame>;
  /** Requests finished in the window by outcome (`completed` is their sum). */
  outcomes: OutcomeCounts;
  /** Each edge's traffic over the window, by edge id. */
  edges: Record<string, EdgeFrame>;
}

/**
 * A change applied to a running simulation at the current simulated time.
 * Faults use the same shape as the document's `faults` (SPEC §3.4).
 */
export type LiveChange =
  | { type: 'setRps'; node: string; rps: number }
  | { type: 'setReplicas'; node: string; replicas: number }
  | { type: 'setAlgorithm'; node: string; algorithm: string }
  | { type: 'fault'; action: FaultAction; target: string; instance?: number; factor?: number };

/** A live change addressed to one node (everything but a fault). */
export type NodeLiveChange = Exclude<LiveChange, { type: 'fault' }>;

/** What is still held when a run stops; after a drain every count is 0. */
export interface Holdings {
  /** Requests and calls out of their pools. */
  requests: number;
  calls: number;
  /** Components' own records of work in hand (server jobs, balancer visits, …). */
  records: number;
  /** Workers busy and jobs waiting in every station. */
  busy: number;
  waiting: number;
  /** Bulkhead permits in use and calls a balancer waits on. */
  permits: number;
  outstanding: number;
  /** Events still pending. */
  events: number;
  /** Measured requests without a final outcome. */
  inFlight: number;
}
