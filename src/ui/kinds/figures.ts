/**
 * The live figures a node can show from the frames of a run. Each kind's descriptor names the
 * ones that mean something for it (a client has no workers to fill, so no utilisation); a
 * figure with nothing to say for a node (a gateway without a rate limit) shows nothing.
 */
import { formatMs, formatRate } from '../format';
import type { LiveNode } from '../store/liveState';

export interface Figure {
  /** Shown on the node; null hides the figure for this node. */
  short(live: LiveNode): string | null;
  /** The tooltip on the node and the label in the inspector's live stats. */
  title: string;
  /** The value in the inspector's live stats. */
  long(live: LiveNode): string | null;
}

const pct = (f: number) => `${(f * 100).toFixed(0)}%`;

function limitedShare(l: LiveNode): number {
  const offered = l.limitedRps + l.allowedRps;
  return offered > 0 ? l.limitedRps / offered : 0;
}

const LEVEL_UNIT = { tokens: 'tokens', window: 'window', queue: 'queued' } as const;

export const FIGURES = {
  utilization: {
    title: 'Utilisation (over about the last simulated second)',
    short: (l) => `${(l.utilization * 100).toFixed(0)}%`,
    long: (l) => `${(l.utilization * 100).toFixed(1)}%`,
  },
  queue: {
    title: 'Requests waiting now',
    short: (l) => `q ${l.queueLength}`,
    long: (l) => String(l.queueLength),
  },
  rate: {
    title: 'Arrivals per simulated second',
    short: (l) => `${formatRate(l.rateRps)} rps`,
    long: (l) => `${l.rateRps.toFixed(0)} rps`,
  },
  instances: {
    title: 'Instances up / total',
    short: (l) => `${l.instancesUp}/${l.instancesTotal} up`,
    long: (l) => `${l.instancesUp} / ${l.instancesTotal}`,
  },
  outcomes: {
    title: 'Share of this client’s calls answered ok (over about the last second)',
    short: (l) => (l.callsOkRps + l.callsFailedRps > 0 ? `ok ${pct(l.callsOkRps / (l.callsOkRps + l.callsFailedRps))}` : null),
    long: (l) =>
      l.callsOkRps + l.callsFailedRps > 0 ? `${formatRate(l.callsOkRps)} rps ok, ${formatRate(l.callsFailedRps)} rps failed` : null,
  },
  hitRate: {
    title: 'Hit rate: reads served from the cache (over about the last second)',
    short: (l) => (l.hitRateSmoothed === null ? 'hit —' : `hit ${pct(l.hitRateSmoothed)}`),
    long: (l) => (l.hitRateSmoothed === null ? 'no reads yet' : `${(l.hitRateSmoothed * 100).toFixed(1)}%`),
  },
  connections: {
    title: 'Connections in use now / pool size (all shards and replicas)',
    short: (l) => (l.connectionsInUse === undefined ? null : `conn ${l.connectionsInUse}/${l.poolSize}`),
    long: (l) => (l.connectionsInUse === undefined ? null : `${l.connectionsInUse} of ${l.poolSize}, pool wait ${formatMs(l.poolWaitMs ?? 0)}`),
  },
  depth: {
    title: 'Messages waiting for a consumer now',
    short: (l) => (l.depth === undefined ? null : `depth ${formatRate(l.depth)}`),
    long: (l) => (l.depth === undefined ? null : `${l.depth} messages`),
  },
  lag: {
    title: 'Consumer lag: how long the oldest waiting message has waited',
    short: (l) => (l.lagMs === undefined ? null : `lag ${formatMs(l.lagMs)}`),
    long: (l) => (l.lagMs === undefined ? null : formatMs(l.lagMs)),
  },
  limited: {
    title: 'Requests refused by the rate limit (share of those offered, over about the last second)',
    short: (l) => (l.rateLimit ? `limited ${pct(limitedShare(l))}` : null),
    long: (l) => (l.rateLimit ? `${formatRate(l.limitedRps)} rps limited, ${formatRate(l.allowedRps)} rps let through` : null),
  },
  level: {
    title: 'The limit’s state now: tokens left, requests in the current window, or requests queued',
    short: (l) => {
      const r = l.rateLimit;
      if (!r) return null;
      if (r.level === null) return r.limitedUsers !== null ? `${r.limitedUsers} users ltd` : null;
      return `${LEVEL_UNIT[r.unit]} ${Math.floor(r.level)}/${r.capacity}`;
    },
    long: (l) => {
      const r = l.rateLimit;
      if (!r) return null;
      if (r.level === null) return `per user: ${r.limitedUsers ?? 0} users refused in the last window`;
      return `${Math.floor(r.level)} of ${r.capacity} ${r.unit === 'tokens' ? 'tokens left' : r.unit === 'window' ? 'used in this window' : 'queued'}`;
    },
  },
  replicas: {
    title: 'Replicas: in rotation (+ starting up) → where the autoscaler is heading',
    short: (l) => {
      const r = l.replicas;
      if (!r || (r.desired === null && r.starting === 0 && r.draining === 0)) return null;
      return `${r.inRotation}${r.starting > 0 ? `+${r.starting}` : ''}${r.desired !== null && r.desired !== r.inRotation + r.starting ? `→${r.desired}` : ''} repl`;
    },
    long: (l) => {
      const r = l.replicas;
      if (!r) return null;
      return `${r.inRotation} in rotation, ${r.starting} starting, ${r.draining} draining${r.desired !== null ? `, heading for ${r.desired}` : ''}`;
    },
  },
} satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;
