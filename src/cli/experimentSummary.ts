/** The human-readable summary of replications and sweeps (`npm run sim` without --json). */
import type { NodeReport, Report } from '../engine';
import type { ExperimentPlan, ExperimentResult, ReplicatedReport, SweepResult } from '../engine/experiments';
import { escapeInvisible } from '../model';

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
/** A mean and its interval: `5.02 ± 0.11`. */
const pm = (v: number, ci: number | undefined, f: (x: number) => string) => (ci === undefined ? f(v) : `${f(v)} ± ${f(ci)}`);

const isReplicated = (r: Report | ReplicatedReport): r is ReplicatedReport => 'replications' in r;
const isSweep = (r: ExperimentResult): r is SweepResult => 'sweep' in r;

export interface RunStats {
  threads: number;
  wallMs: number;
}

export function formatExperiment(result: ExperimentResult, plan: ExperimentPlan, stats: RunStats): string {
  const runs = `${plan.jobs.length} runs on ${stats.threads} thread${stats.threads === 1 ? '' : 's'} in ${(stats.wallMs / 1000).toFixed(1)} s of wall time`;
  if (isSweep(result)) return [formatSweep(result, plan), '', runs].join('\n');
  return [formatReplicated(result as ReplicatedReport), '', runs].join('\n');
}

function errorRate(r: Report): number {
  const q = r.requests;
  const done = q.ok + q.error + q.rejected + q.timeout;
  return done > 0 ? (q.error + q.rejected + q.timeout) / done : 0;
}

function formatSweep(result: SweepResult, plan: ExperimentPlan): string {
  const { path, points } = result.sweep;
  const first = points[0]?.report;
  const lines: string[] = [];
  const reps = plan.replications > 1 ? `, ${plan.replications} replications a point (mean ± 95% interval)` : '';
  lines.push(`${escapeInvisible(first?.scenario ?? '')} — sweep of ${escapeInvisible(path)} over ${points.length} points${reps}`);
  lines.push('');
  lines.push(`${'value'.padStart(12)}  ${'throughput rps'.padStart(20)}  ${'errors'.padStart(7)}  ${'mean ms'.padStart(17)}  ${'p50 ms'.padStart(17)}  ${'p99 ms'.padStart(17)}`);
  for (const { value, report: r } of points) {
    const ci = isReplicated(r) ? r.ci95 : undefined;
    lines.push(
      [
        String(value).padStart(12),
        pm(r.throughputRps, ci?.throughputRps, (x) => x.toFixed(1)).padStart(20),
        pct(errorRate(r)).padStart(7),
        pm(r.latencyMs.mean, ci?.latencyMs.mean, ms).padStart(17),
        pm(r.latencyMs.p50, ci?.latencyMs.p50, ms).padStart(17),
        pm(r.latencyMs.p99, ci?.latencyMs.p99, ms).padStart(17),
      ].join('  '),
    );
  }
  const unstable = [...new Set(points.flatMap((p) => p.report.unstable.map((id) => `${id} at ${p.value}`)))];
  if (unstable.length > 0) lines.push('', `UNSTABLE: ${unstable.map(escapeInvisible).join(', ')} — offered load exceeds capacity`);
  return lines.join('\n');
}

function formatReplicated(r: ReplicatedReport): string {
  const ci = r.ci95;
  const q = r.requests;
  const lines: string[] = [];
  lines.push(
    `${escapeInvisible(r.scenario)} — ${r.replications} replications, seeds ${r.seed} to ${r.seed + r.replications - 1}, ${r.simulatedMs / 1000} s simulated each (${r.warmupMs / 1000} s warm-up excluded)`,
  );
  lines.push('means across replications ± the half-width of their 95% Student-t interval');
  lines.push('');
  const c = (x: number) => x.toFixed(1);
  lines.push(
    `requests   ${pm(q.generated, ci.requests.generated, c)} generated · ${pm(q.ok, ci.requests.ok, c)} ok · ${pm(q.error, ci.requests.error, c)} error · ${pm(q.rejected, ci.requests.rejected, c)} rejected · ${pm(q.timeout, ci.requests.timeout, c)} timeout`,
  );
  lines.push(`throughput ${pm(r.throughputRps, ci.throughputRps, c)} rps`);
  const l = r.latencyMs;
  const lc = ci.latencyMs;
  lines.push(`latency    mean ${pm(l.mean, lc.mean, ms)} · p50 ${pm(l.p50, lc.p50, ms)} · p99 ${pm(l.p99, lc.p99, ms)} ms`);
  lines.push('');
  lines.push(`${'node'.padEnd(20)} ${'kind'.padEnd(14)} ${'utilization'.padStart(18)} ${'wait ms'.padStart(18)} ${'response ms'.padStart(18)}`);
  for (const [id, n] of Object.entries(r.nodes) as [string, NodeReport][]) {
    const nc = (ci.nodes[id] ?? {}) as Record<string, number | undefined>;
    lines.push(
      [
        escapeInvisible(id).padEnd(20).slice(0, 20),
        n.kind.padEnd(14),
        pm(n.utilization, nc.utilization, pct).padStart(18),
        pm(n.meanWaitMs, nc.meanWaitMs, ms).padStart(18),
        pm(n.meanResponseMs, nc.meanResponseMs, ms).padStart(18),
      ].join(' '),
    );
  }
  if (r.unstable.length > 0) lines.push('', `UNSTABLE in some replication: ${r.unstable.map(escapeInvisible).join(', ')}`);
  return lines.join('\n');
}
