/**
 * Fixed window: at most `limit` requests in each window [k·W, (k+1)·W); the count resets at
 * each boundary. Cheap (two numbers per scope) and exact per window, but not per sliding
 * window: `limit` requests at the end of one window and `limit` at the start of the next
 * make 2·limit inside one window length across the boundary (THEORY.md). A refused request
 * may retry at the next boundary, exactly.
 */
import type { RateLimiterConfig } from '../../../model';
import { delayUntil, RateLimitState, type RateLimitFamily } from './types';
import { windowIndex, windowStart } from './windows';

export class FixedWindowState extends RateLimitState {
  /** scope → index of the window its count belongs to. */
  readonly currentWindow: Float64Array;
  /** scope → requests admitted in that window */
  readonly count: Float64Array;

  constructor(config: RateLimiterConfig, scopes: number) {
    super(config, scopes);
    this.currentWindow = new Float64Array(scopes).fill(-Infinity);
    this.count = new Float64Array(scopes);
  }
}

export function fixedWindowAdmit(s: FixedWindowState, scope: number, now: number): number {
  const { limit, windowMs } = s.config;
  if (limit === 0) return Infinity;
  const k = windowIndex(now, windowMs);
  if (s.currentWindow[scope] !== k) {
    s.currentWindow[scope] = k;
    s.count[scope] = 0;
  }
  if (s.count[scope] >= limit) return delayUntil(now, windowStart(k + 1, windowMs));
  s.count[scope]++;
  s.departAt = now;
  return 0;
}

export const fixedWindow: RateLimitFamily<FixedWindowState> = {
  create: (config, scopes) => new FixedWindowState(config, scopes),
  admit: fixedWindowAdmit,
  unit: 'window',
  capacity: (config) => config.limit,
  level: (s, scope, now) => (s.currentWindow[scope] === windowIndex(now, s.config.windowMs) ? s.count[scope] : 0),
  reset(s) {
    s.currentWindow.fill(-Infinity);
    s.count.fill(0);
  },
};
