/**
 * Sliding-window log: the times of the requests admitted in the last `windowMs`; a request
 * is admitted when fewer than `limit` of them fall in (now − W, now]. It never admits more
 * than `limit` in any window of length W (THEORY.md): exact, at the price of memory.
 *
 * Per scope the log is a ring of at most `limit` times in admission order, so its oldest
 * entry decides: with fewer than `limit` logged there is room; with `limit` logged, there is
 * room iff the oldest has left the window (oldest + W ≤ now), and the newcomer then
 * overwrites it. O(1) per call, no scan; the retry-after is the moment the oldest leaves,
 * exactly.
 *
 * Memory grows with use, not with the limit: a scope's ring is allocated at its first
 * admission and doubles as it fills, up to `limit` entries, so a log holds at most
 * min(limit, admissions) times a scope (under twice that in bytes) — the cost model's
 * "min(scopes × limit, arrivals) logged timestamps" — and a limit of ten million costs
 * nothing until ten million requests have been admitted. Growth copies the ring, amortised
 * O(1) a call; once a ring is full nothing is allocated again.
 */
import type { RateLimiterConfig } from '../../../model';
import { delayUntil, RateLimitState, type RateLimitFamily } from './types';

const FIRST_RING = 4;

/** Bytes of typed arrays a sliding-window log allocates at most (every scope full). */
export function slidingWindowLogBytes(scopes: number, limit: number): number {
  return scopes * limit * 8 + scopes * 8;
}

export class SlidingWindowLogState extends RateLimitState {
  /** scope → its ring of admitted times, or null before its first admission. */
  readonly rings: (Float64Array | null)[];
  /** scope → ring index of the oldest entry. */
  readonly oldest: Int32Array;
  /** scope → entries in the ring (reaches `limit` and stays there). */
  readonly length: Int32Array;

  constructor(config: RateLimiterConfig, scopes: number) {
    super(config, scopes);
    this.rings = new Array<Float64Array | null>(scopes).fill(null);
    this.oldest = new Int32Array(scopes);
    this.length = new Int32Array(scopes);
  }
}

/** A larger ring for `scope`, its entries copied oldest first. */
function grow(s: SlidingWindowLogState, scope: number, ring: Float64Array | null, len: number): Float64Array {
  const limit = s.config.limit;
  const size = ring === null ? Math.min(limit, FIRST_RING) : Math.min(limit, ring.length * 2);
  const next = new Float64Array(size);
  if (ring !== null) {
    const o = s.oldest[scope];
    for (let k = 0; k < len; k++) next[k] = ring[(o + k) % ring.length];
  }
  s.oldest[scope] = 0;
  s.rings[scope] = next;
  return next;
}

export function slidingWindowLogAdmit(s: SlidingWindowLogState, scope: number, now: number): number {
  const { limit, windowMs } = s.config;
  if (limit === 0) return Infinity;
  let ring = s.rings[scope];
  const len = s.length[scope];
  if (len < limit) {
    if (ring === null || len === ring.length) ring = grow(s, scope, ring, len);
    ring[(s.oldest[scope] + len) % ring.length] = now;
    s.length[scope] = len + 1;
  } else {
    // Full: the ring has exactly `limit` places.
    const i = s.oldest[scope];
    const leaves = ring![i] + windowMs;
    if (now < leaves) return delayUntil(now, leaves);
    ring![i] = now;
    s.oldest[scope] = i + 1 === limit ? 0 : i + 1;
  }
  s.departAt = now;
  return 0;
}

export const slidingWindowLog: RateLimitFamily<SlidingWindowLogState> = {
  create: (config, scopes) => new SlidingWindowLogState(config, scopes),
  admit: slidingWindowLogAdmit,
  unit: 'window',
  capacity: (config) => config.limit,
  /** Entries in (now − W, now]: the ring is in admission order, so count back from the newest. */
  level(s, scope, now) {
    const ring = s.rings[scope];
    if (ring === null) return 0;
    const len = s.length[scope];
    let n = 0;
    for (let k = len - 1; k >= 0; k--) {
      if (ring[(s.oldest[scope] + k) % ring.length] + s.config.windowMs <= now) break;
      n++;
    }
    return n;
  },
  reset(s) {
    s.rings.fill(null); // a crash loses the log, and its memory
    s.oldest.fill(0);
    s.length.fill(0);
  },
};
