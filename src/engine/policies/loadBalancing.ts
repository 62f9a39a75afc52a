/**
 * Load-balancing policies (SPEC §3.2). Each is a pure choice over the balancer's targets:
 * `(state, user, key, rng) => target`, or -1 when no target is healthy. A target is a
 * stable number (one per downstream instance, kept for the whole run, so per-target state
 * never moves when a node scales); `active` lists the targets in rotation. The balancer's
 * state (health, outstanding calls, latency EWMA) is kept by the component.
 */
import type { LoadBalancerConfig } from '../../model';
import type { Rng } from '../core/rng';
import { hashInt, type HashRing } from './hashRing';

export type LoadBalancingAlgorithm = LoadBalancerConfig['algorithm'];

export interface BalancerState {
  /** Number of targets in rotation. */
  n: number;
  /** The targets in rotation: `active[0 … n − 1]`. The arrays below are indexed by target. */
  active: Int32Array;
  /** 1 when the balancer believes the target is healthy. */
  healthy: Uint8Array;
  /** Calls sent to the target and not yet answered. */
  outstanding: Int32Array;
  /** Exponentially weighted mean of observed response times, ms. */
  latencyEwma: Float64Array;
  /** Edge weights scaled so the largest is 1: weighted round robin's sums cannot overflow. */
  weights: Float64Array;
  /** Smooth weighted round robin's running scores. */
  wrrCurrent: Float64Array;
  /** Round robin's next position. */
  cursor: number;
  ring: HashRing | null;
  hashOnKey: boolean;
}

export type PickTarget = (s: BalancerState, user: number, key: number, rng: Rng) => number;

const roundRobin: PickTarget = (s) => {
  for (let k = 0; k < s.n; k++) {
    const c = s.cursor;
    s.cursor = c + 1 >= s.n ? 0 : c + 1;
    const i = s.active[c];
    if (s.healthy[i] === 1) return i;
  }
  return -1;
};

/** nginx's smooth weighted round robin: exact proportions, interleaved rather than bursty. */
const weightedRoundRobin: PickTarget = (s) => {
  let best = -1;
  let total = 0;
  for (let k = 0; k < s.n; k++) {
    const i = s.active[k];
    if (s.healthy[i] !== 1) continue;
    s.wrrCurrent[i] += s.weights[i];
    total += s.weights[i];
    if (best < 0 || s.wrrCurrent[i] > s.wrrCurrent[best]) best = i;
  }
  if (best >= 0) s.wrrCurrent[best] -= total;
  return best;
};

/**
 * The healthy target with the fewest outstanding calls (or, `byLatency`, the lowest
 * EWMA × (outstanding + 1)); ties go to the first after a rotating start so that equal
 * targets share the load. No closure: this runs once per request.
 */
function argminRotating(s: BalancerState, byLatency: boolean): number {
  let best = -1;
  let bestScore = Infinity;
  const start = s.cursor;
  s.cursor = start + 1 >= s.n ? 0 : start + 1;
  for (let k = 0; k < s.n; k++) {
    const i = s.active[start + k < s.n ? start + k : start + k - s.n];
    if (s.healthy[i] !== 1) continue;
    const v = byLatency ? s.latencyEwma[i] * (s.outstanding[i] + 1) : s.outstanding[i];
    if (v < bestScore) {
      bestScore = v;
      best = i;
    }
  }
  return best;
}

const leastConnections: PickTarget = (s) => argminRotating(s, false);

/**
 * Lowest EWMA latency, weighted by (outstanding + 1) as in "peak EWMA" balancers: a pure
 * EWMA would send everything to the target that was fastest a moment ago.
 */
const leastResponseTime: PickTarget = (s) => argminRotating(s, true);

/** The n-th healthy target, for n drawn uniformly. */
function nthHealthy(s: BalancerState, nth: number): number {
  for (let k = 0; k < s.n; k++) {
    const i = s.active[k];
    if (s.healthy[i] === 1 && nth-- === 0) return i;
  }
  return -1;
}

function healthyCount(s: BalancerState): number {
  let c = 0;
  for (let k = 0; k < s.n; k++) c += s.healthy[s.active[k]];
  return c;
}

const random: PickTarget = (s, _u, _k, rng) => {
  const h = healthyCount(s);
  return h === 0 ? -1 : nthHealthy(s, Math.floor(rng.next() * h));
};

const powerOfTwoChoices: PickTarget = (s, _u, _k, rng) => {
  const h = healthyCount(s);
  if (h <= 1) return h === 0 ? -1 : nthHealthy(s, 0);
  const a = Math.floor(rng.next() * h);
  let b = Math.floor(rng.next() * (h - 1));
  if (b >= a) b++;
  const ia = nthHealthy(s, a);
  const ib = nthHealthy(s, b);
  return s.outstanding[ib] < s.outstanding[ia] ? ib : ia;
};

/** hash(user) mod n; an unhealthy target hands its users to the next healthy one. */
const ipHash: PickTarget = (s, user) => {
  if (s.n === 0) return -1;
  const start = hashInt(user) % s.n;
  for (let k = 0; k < s.n; k++) {
    const i = s.active[(start + k) % s.n];
    if (s.healthy[i] === 1) return i;
  }
  return -1;
};

const consistentHash: PickTarget = (s, user, key) =>
  s.ring === null ? -1 : s.ring.lookup(hashInt(s.hashOnKey ? key : user), s.healthy);

export const loadBalancingPolicies = {
  'round-robin': roundRobin,
  'weighted-round-robin': weightedRoundRobin,
  'least-connections': leastConnections,
  'least-response-time': leastResponseTime,
  'ip-hash': ipHash,
  'consistent-hash': consistentHash,
  random,
  'power-of-two-choices': powerOfTwoChoices,
} satisfies Record<LoadBalancingAlgorithm, PickTarget>;
