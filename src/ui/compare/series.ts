/** The overlay charts' data: each design's figures over time, averaged across its runs window by window. */
import type { ReplicationRun, RunSeries } from '../../worker/compareProtocol';

/**
 * The pointwise mean of runs of one design (all have the same windows). A latency is the mean
 * over the runs that had one in that window (a run where nothing succeeded has none); null
 * when none had.
 */
export function meanSeries(runs: readonly ReplicationRun[]): RunSeries {
  const first = runs[0].series;
  const mean = (pick: (s: RunSeries) => (number | null)[]) =>
    first.t.map((_, i) => {
      let sum = 0;
      let n = 0;
      for (const r of runs) {
        const v = pick(r.series)[i];
        if (v === null) continue;
        sum += v;
        n++;
      }
      return n > 0 ? sum / n : null;
    });
  const throughput = first.t.map((_, i) => runs.reduce((acc, r) => acc + r.series.throughputRps[i], 0) / runs.length);
  return { t: first.t.slice(), p50: mean((s) => s.p50), p99: mean((s) => s.p99), throughputRps: throughput };
}
