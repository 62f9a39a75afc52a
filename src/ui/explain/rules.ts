/**
 * The explainer's rules: each a small pure function from the run's live state and the design
 * to findings in words, with the run's own numbers. One table, one rule a row; each has its
 * own unit test (test/ui/explain.test.ts).
 */
import { meanMs, type NodeOf } from '../../model';
import type { LiveNode } from '../store/liveState';
import { answersInto, edgeName, nodeOfKind, type ExplainContext } from './context';
import { count, ms, pct, rps, seconds, times } from './words';

/** Failing: requests fail because of it. Bottleneck: it limits or slows what gets through. */
export type Severity = 'failing' | 'bottleneck';

export interface Finding {
  rule: RuleName;
  /** The node the badge goes on. */
  node: string;
  /** The edge it is about, when it is about one. */
  edge?: string;
  severity: Severity;
  text: string;
}

export type Rule = (ctx: ExplainContext) => Finding[];

/** Fractions below these are noise, not a finding. */
export const THRESHOLDS = {
  rejectedShare: 0.01,
  busy: 0.9,
  saturated: 0.95,
  errorShare: 0.05,
  timeoutShare: 0.05,
  retryShare: 0.5,
  limitedShare: 0.05,
  lagMs: 1000,
};

/** "3 × 4 workers at 8 ms each (capacity 1,500 rps)" from the design and the instances up now. */
export function serverCapacity(server: NodeOf<'server'>, live: LiveNode, waitsOnCalls: boolean): { words: string; rps: number } | null {
  const c = server.config;
  const mean = meanMs(c.serviceTime);
  if (!(mean > 0)) return null;
  const up = live.instancesUp;
  const capacity = (up * c.concurrency * 1000) / mean;
  const plus = waitsOnCalls ? ' plus the calls they wait on' : '';
  let words = `${up} × ${c.concurrency} workers at ${ms(mean)} each${plus} (capacity ${waitsOnCalls ? 'under ' : ''}${rps(capacity)})`;
  const desired = live.replicas?.desired;
  if (c.autoscale && desired !== null && desired !== undefined && desired >= c.autoscale.max) words += `; autoscaling is at its maximum of ${c.autoscale.max}`;
  return { words, rps: capacity };
}

function waitsOnCalls(ctx: ExplainContext, server: NodeOf<'server'>): boolean {
  return server.config.io === 'blocking' && (ctx.outEdges.get(server.id)?.length ?? 0) > 0;
}

const queueFull: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, live] of Object.entries(ctx.nodes)) {
    const server = nodeOfKind(ctx, id, 'server');
    if (!server || live.utilization < THRESHOLDS.busy) continue;
    const a = answersInto(ctx, id);
    if (a.all === 0 || a.rejected / a.all < THRESHOLDS.rejectedShare) continue;
    const cap = serverCapacity(server, live, waitsOnCalls(ctx, server));
    if (!cap) continue;
    out.push({
      rule: 'queueFull',
      node: id,
      severity: 'failing',
      text: `queue full (${count(server.config.queueCapacity)} per instance) → 503 for ${pct(a.rejected / a.all)} of requests: ${rps(live.rateRps)} offered to ${cap.words}`,
    });
  }
  return out;
};

const saturated: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, live] of Object.entries(ctx.nodes)) {
    const server = nodeOfKind(ctx, id, 'server');
    if (!server || live.utilization < THRESHOLDS.saturated) continue;
    if (live.queueLength < live.instancesUp * server.config.concurrency) continue;
    const a = answersInto(ctx, id);
    if (a.all > 0 && a.rejected / a.all >= THRESHOLDS.rejectedShare) continue; // queueFull says it
    const cap = serverCapacity(server, live, waitsOnCalls(ctx, server));
    if (!cap) continue;
    out.push({
      rule: 'saturated',
      node: id,
      severity: 'bottleneck',
      text: `saturated: ${pct(live.utilization)} busy with ${count(live.queueLength)} waiting in its queue: ${rps(live.rateRps)} offered to ${cap.words}`,
    });
  }
  return out;
};

const instancesDown: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, live] of Object.entries(ctx.nodes)) {
    const node = ctx.design.get(id);
    if (!node || node.kind === 'client' || live.instancesTotal === 0) continue;
    const down = live.instancesTotal - live.instancesUp;
    if (down <= 0) continue;
    const text =
      live.instancesUp === 0
        ? live.instancesTotal === 1
          ? `${id} is down (crashed): every call to it fails`
          : `all ${live.instancesTotal} instances of ${id} are down (crashed): every call to it fails`
        : `${down} of ${live.instancesTotal} instances of ${id} down: ${live.instancesUp} take all its traffic`;
    out.push({ rule: 'instancesDown', node: id, severity: 'failing', text });
  }
  return out;
};

const breakerOpen: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, e] of Object.entries(ctx.edges)) {
    if (e.circuitState !== 'open' && e.circuitState !== 'half-open') continue;
    const edge = ctx.edgeById.get(id);
    if (!edge) continue;
    const callee = ctx.nodes[edge.to];
    const reason = !callee
      ? `calls to ${edge.to} failed`
      : callee.instancesTotal > 0 && callee.instancesUp === 0
        ? `${edge.to} crashed`
        : callee.utilization >= THRESHOLDS.saturated
          ? `${edge.to} is overloaded`
          : `calls to ${edge.to} failed`;
    const since = e.circuitOpenedAtMs !== null ? ` since ${seconds(e.circuitOpenedAtMs)}` : '';
    out.push({
      rule: 'breakerOpen',
      node: edge.from,
      edge: id,
      severity: 'failing',
      text: `breaker ${e.circuitState} on ${edgeName(ctx, id)}${since}: ${reason}`,
    });
  }
  return out;
};

const retryStorm: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, e] of Object.entries(ctx.edges)) {
    const first = e.callsPerSec - e.retriesPerSec;
    if (first <= 0 || e.retriesPerSec < THRESHOLDS.retryShare * first) continue;
    const edge = ctx.edgeById.get(id);
    if (!edge) continue;
    out.push({
      rule: 'retryStorm',
      node: edge.to,
      edge: id,
      severity: 'bottleneck',
      text: `retries ${times(e.callsPerSec / first)} the load on ${edge.to}: ${rps(e.retriesPerSec)} of the ${rps(e.callsPerSec)} calls ${edgeName(ctx, id)} are retries`,
    });
  }
  return out;
};

const timeouts: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, e] of Object.entries(ctx.edges)) {
    const answers = e.okPerSec + e.errorPerSec + e.rejectedPerSec + e.timeoutPerSec;
    if (answers === 0 || e.timeoutPerSec / answers < THRESHOLDS.timeoutShare) continue;
    const edge = ctx.edgeById.get(id);
    if (!edge || edge.config.timeoutMs === null) continue;
    const callee = ctx.nodes[edge.to];
    const busy = callee && callee.utilization >= THRESHOLDS.busy ? `: ${edge.to} is ${pct(callee.utilization)} busy` : '';
    out.push({
      rule: 'timeouts',
      node: edge.to,
      edge: id,
      severity: 'failing',
      text: `${pct(e.timeoutPerSec / answers)} of calls ${edgeName(ctx, id)} time out after ${ms(edge.config.timeoutMs)}${busy}`,
    });
  }
  return out;
};

const failing: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, live] of Object.entries(ctx.nodes)) {
    const node = ctx.design.get(id);
    if (!node || node.kind === 'client' || live.instancesUp < live.instancesTotal) continue;
    const a = answersInto(ctx, id);
    if (a.all === 0 || a.error / a.all < THRESHOLDS.errorShare) continue;
    // Refused by an open breaker on the way in: breakerOpen says it.
    if ((ctx.inEdges.get(id) ?? []).some((e) => ctx.edges[e]?.circuitState === 'open')) continue;
    let reason = '';
    if (node.kind === 'server' && node.config.errorRate > 0) reason = `: its error rate is set to ${pct(node.config.errorRate)}`;
    else {
      let worst: { id: string; rate: number } | null = null;
      for (const e of ctx.outEdges.get(id) ?? []) {
        const rate = ctx.edges[e]?.failRate ?? 0;
        if (rate >= THRESHOLDS.errorShare && (!worst || rate > worst.rate)) worst = { id: e, rate };
      }
      if (worst) reason = `: its calls to ${ctx.edgeById.get(worst.id)?.to ?? worst.id} fail (${pct(worst.rate)})`;
    }
    out.push({ rule: 'failing', node: id, severity: 'failing', text: `fails ${pct(a.error / a.all)} of requests${reason}` });
  }
  return out;
};

const poolExhausted: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, live] of Object.entries(ctx.nodes)) {
    const db = nodeOfKind(ctx, id, 'database');
    if (!db || live.connectionsInUse === undefined || live.poolSize === undefined) continue;
    if (live.connectionsInUse < live.poolSize || (live.poolWaitMs ?? 0) < 1) continue;
    out.push({
      rule: 'poolExhausted',
      node: id,
      severity: 'bottleneck',
      text: `all ${count(live.poolSize)} connections in use: queries wait ${ms(live.poolWaitMs!)} for one (pool timeout ${ms(db.config.poolTimeoutMs)})`,
    });
  }
  return out;
};

const queueBacklog: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, live] of Object.entries(ctx.nodes)) {
    const q = nodeOfKind(ctx, id, 'queue');
    if (!q || live.depth === undefined) continue;
    const lag = live.lagMs ?? 0;
    if (lag < THRESHOLDS.lagMs && live.depth < q.config.capacity / 2) continue;
    let consumed = 0;
    for (const e of ctx.outEdges.get(id) ?? []) consumed += ctx.edges[e]?.callsPerSec ?? 0;
    const full = live.depth >= q.config.capacity ? (q.config.whenFull === 'reject' ? ' (full: producers are refused)' : ' (full: producers wait)') : '';
    out.push({
      rule: 'queueBacklog',
      node: id,
      severity: full ? 'failing' : 'bottleneck',
      text: `backlog of ${count(live.depth)} messages${full}, the oldest waiting ${ms(lag)}: ${rps(live.rateRps)} in, consumers take ${rps(consumed)}`,
    });
  }
  return out;
};

const rateLimited: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const [id, live] of Object.entries(ctx.nodes)) {
    const node = ctx.design.get(id);
    const limit = node?.kind === 'rateLimiter' ? node.config : node?.kind === 'apiGateway' ? node.config.rateLimit : null;
    if (!limit || !live.rateLimit) continue;
    const offered = live.limitedRps + live.allowedRps;
    if (offered === 0 || live.limitedRps / offered < THRESHOLDS.limitedShare) continue;
    const how =
      limit.algorithm === 'token-bucket'
        ? `token bucket ${count(limit.ratePerSec)}/s, burst ${count(limit.burst)}`
        : limit.algorithm === 'leaky-bucket'
          ? `leaky bucket ${count(limit.ratePerSec)}/s`
          : `${limit.algorithm} ${count(limit.limit)} per ${ms(limit.windowMs)}`;
    const scope = limit.scope === 'per-user' ? ', per user' : '';
    out.push({
      rule: 'rateLimited',
      node: id,
      severity: 'bottleneck',
      text: `limiting ${pct(live.limitedRps / offered)} of requests: ${rps(offered)} offered, ${rps(live.allowedRps)} let through (${how}${scope})`,
    });
  }
  return out;
};

export const RULES = {
  instancesDown,
  breakerOpen,
  queueFull,
  saturated,
  timeouts,
  failing,
  retryStorm,
  poolExhausted,
  queueBacklog,
  rateLimited,
} satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;
