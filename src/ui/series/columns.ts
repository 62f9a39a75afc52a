/**
 * What the charts plot, as named columns computed from each frame: the run's latency,
 * throughput by outcome and cache hit rate, and each node's own figures (`web:util`,
 * `cache:hitRate`, …). A column holds one number per frame, or null where the figure has no
 * value (a hit rate with no reads).
 */
import type { Frame, NodeFrame } from '../../worker/protocol';

export type Row = Record<string, number | null>;

/** Per-node figures, each present only for the kinds whose frames carry it. */
export const NODE_METRICS = {
  util: (n: NodeFrame) => n.utilization,
  queue: (n: NodeFrame) => n.queueLength,
  up: (n: NodeFrame) => n.instancesUp,
  hitRate: (n: NodeFrame) => (n.hitRate === undefined ? undefined : n.hits! + n.misses! > 0 ? n.hitRate : null),
  conns: (n: NodeFrame) => n.connectionsInUse,
  poolWait: (n: NodeFrame) => n.poolWaitMs,
  depth: (n: NodeFrame) => n.depth,
  lag: (n: NodeFrame) => n.lagMs,
  replicas: (n: NodeFrame) => n.replicas?.inRotation,
  starting: (n: NodeFrame) => n.replicas?.starting,
  desired: (n: NodeFrame) => n.replicas?.desired ?? undefined,
} satisfies Record<string, (n: NodeFrame) => number | null | undefined>;

export type NodeMetric = keyof typeof NODE_METRICS | 'rate' | 'limited' | 'allowed';

export const nodeColumn = (id: string, metric: NodeMetric) => `${id}:${metric}`;

/** One frame as a row of every column it has values for. */
export function rowOf(frame: Frame): Row {
  const perSec = frame.windowMs > 0 ? 1000 / frame.windowMs : 0;
  const o = frame.outcomes;
  const latency = frame.latencyMs;
  const row: Row = {
    t: frame.simTimeMs / 1000,
    p50: latency !== null ? latency.p50 : null,
    p95: latency !== null ? latency.p95 : null,
    p99: latency !== null ? latency.p99 : null,
    ok: o.ok * perSec,
    error: o.error * perSec,
    rejected: o.rejected * perSec,
    timeout: o.timeout * perSec,
    throughputRps: frame.throughputRps,
    errorPct: frame.errorRate * 100,
  };
  let hits = 0;
  let reads = 0;
  let caches = 0;
  for (const id in frame.nodes) {
    const n = frame.nodes[id];
    row[nodeColumn(id, 'rate')] = n.arrivals * perSec;
    for (const metric in NODE_METRICS) {
      const v = NODE_METRICS[metric as keyof typeof NODE_METRICS](n);
      if (v !== undefined) row[nodeColumn(id, metric as NodeMetric)] = v;
    }
    if (n.rateLimit) {
      row[nodeColumn(id, 'limited')] = n.rateLimit.limited * perSec;
      row[nodeColumn(id, 'allowed')] = n.rateLimit.allowed * perSec;
    }
    if (n.hits !== undefined) {
      caches++;
      hits += n.hits;
      reads += n.hits + n.misses!;
    }
  }
  if (caches > 0) row.hitRate = reads > 0 ? hits / reads : null;
  return row;
}
