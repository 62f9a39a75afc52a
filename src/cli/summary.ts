/** The human-readable summary printed by `npm run sim` without --json. */
import type { NodeReport, Report } from '../engine';
import { escapeInvisible } from '../model';

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function formatSummary(r: Report): string {
  const q = r.requests;
  const lines: string[] = [];
  lines.push(`${escapeInvisible(r.scenario)} — seed ${r.seed}, ${r.simulatedMs / 1000} s simulated (${r.warmupMs / 1000} s warm-up excluded)`);
  lines.push(`${r.events.toLocaleString('en-US')} events in ${r.wallMs.toFixed(0)} ms of wall time`);
  lines.push('');
  lines.push(
    `requests   ${q.generated} generated · ${q.ok} ok · ${q.error} error · ${q.rejected} rejected · ${q.timeout} timeout · ${q.inFlight} in flight`,
  );
  lines.push(`throughput ${r.throughputRps.toFixed(1)} rps`);
  const l = r.latencyMs;
  lines.push(`latency    mean ${ms(l.mean)} · p50 ${ms(l.p50)} · p90 ${ms(l.p90)} · p95 ${ms(l.p95)} · p99 ${ms(l.p99)} · max ${ms(l.max)} ms`);
  lines.push('');
  lines.push('node                 kind           arrivals   ok         errors   rejected  util    queue   wait ms  resp ms');
  for (const [id, n] of Object.entries(r.nodes)) lines.push(nodeLine(id, n));
  const details = Object.entries(r.nodes).flatMap(([id, n]) => detailLines(id, n));
  if (details.length > 0) lines.push('', ...details);
  if (r.unstable.length > 0) {
    lines.push('');
    lines.push(`UNSTABLE: ${r.unstable.join(', ')} — offered load exceeds capacity; queues grow with the length of the run`);
  }
  return lines.join('\n');
}

/** What a kind adds to the table: a limiter's verdicts, a gateway's routes, a server's scaling. */
function detailLines(id: string, n: NodeReport): string[] {
  const who = escapeInvisible(id);
  switch (n.kind) {
    case 'rateLimiter':
      return [`${who}: ${n.algorithm} (${n.scope}) allowed ${n.allowed} · limited ${n.limited}`];
    case 'apiGateway': {
      const routes = Object.entries(n.routes).map(([prefix, count]) => `${escapeInvisible(prefix)} ${count}`);
      const limit = n.allowed + n.limited > 0 ? ` · allowed ${n.allowed} · limited ${n.limited}` : '';
      return [`${who}: routes ${[...routes, `unmatched ${n.unmatched}`].join(' · ')}${limit}`];
    }
    case 'server': {
      if (n.replicaTimeline.length < 2) return [];
      const steps = n.replicaTimeline.map((s) => `${s.replicas} at ${s.atMs / 1000} s`);
      const shown = steps.length > 12 ? [...steps.slice(0, 6), `… ${steps.length - 12} more …`, ...steps.slice(-6)] : steps;
      return [`${who}: replicas ${shown.join(' → ')}`];
    }
    default:
      return [];
  }
}

function nodeLine(id: string, n: NodeReport): string {
  return [
    id.padEnd(20).slice(0, 20),
    n.kind.padEnd(14),
    String(n.arrivals).padStart(9),
    String(n.completed).padStart(10),
    String(n.errors).padStart(8),
    String(n.rejected).padStart(10),
    pct(n.utilization).padStart(7),
    n.meanQueueLength.toFixed(2).padStart(7),
    ms(n.meanWaitMs).padStart(8),
    ms(n.meanResponseMs).padStart(8),
  ].join(' ');
}
