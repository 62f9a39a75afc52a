/** The overlay charts' data: each design's figures over time, averaged across its runs window by window. */
import type { ReplicationRun, RunSeries } from '../../worker/compareProtocol';

/** The pointwise mean of runs of one design (all have the same windows). */
export function meanSeries(runs: readonly ReplicationRun[]): RunSeries {
  const n = runs.length;
  const first = runs[0].series;
  const mean = (pick: (s: RunSeries) => number[]) => first.t.map((_, i) => runs.reduce((acc, r) => acc + pick(r.series)[i], 0) / n);
  return { t: first.t.slice(), p50: mean((s) => s.p50), p99: mean((s) => s.p99), throughputRps: mean((s) => s.throughputRps) };
}
