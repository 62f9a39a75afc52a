/** Backoff and the circuit breaker as pure algorithms. */
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/core/rng';
import { backoffDelayMs, retryDelayMs } from '../../src/engine/policies/backoff';
import { CircuitBreaker, CLOSED, HALF_OPEN, OPEN } from '../../src/engine/policies/circuitBreaker';

const retry = (jitter: 'none' | 'full' | 'equal') => ({
  maxAttempts: 5,
  baseDelayMs: 100,
  multiplier: 2,
  maxDelayMs: 500,
  jitter,
  respectRetryAfter: true,
  budgetRatio: null,
});

describe('backoff', () => {
  it('grows exponentially and stops at the cap', () => {
    const rng = streamFor(1, 'b', 'b');
    expect([1, 2, 3, 4, 5].map((k) => backoffDelayMs(retry('none'), k, rng))).toEqual([100, 200, 400, 500, 500]);
  });

  it('full jitter draws uniformly in [0, min(cap, base · 2^k)]; equal jitter in [d/2, d]', () => {
    const rng = streamFor(1, 'b', 'b');
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const d = backoffDelayMs(retry('full'), 3, rng);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(400);
      sum += d;
    }
    expect(Math.abs(sum / 10_000 - 200)).toBeLessThan(5 * (400 / Math.sqrt(12)) / 100);
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelayMs(retry('equal'), 2, rng);
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(200);
    }
  });

  it('respects a Retry-After longer than the backoff', () => {
    const rng = streamFor(1, 'b', 'b');
    expect(retryDelayMs(retry('none'), 1, 1500, rng)).toBe(1500);
    expect(retryDelayMs(retry('none'), 1, 50, rng)).toBe(100);
    expect(retryDelayMs({ ...retry('none'), respectRetryAfter: false }, 1, 1500, rng)).toBe(100);
  });
});

describe('circuit breaker', () => {
  const config = { failureRateThreshold: 0.5, minimumCalls: 10, windowMs: 1000, openMs: 500, halfOpenCalls: 3 };

  it('stays closed below the minimum number of calls, opens at the failure rate', () => {
    const b = new CircuitBreaker(config);
    for (let i = 0; i < 9; i++) b.record(i, false);
    expect(b.state).toBe(CLOSED);
    b.record(9, false);
    expect(b.state).toBe(OPEN);
    expect(b.opened).toBe(1);
    expect(b.allow(100)).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const b = new CircuitBreaker(config);
    for (let i = 0; i < 6; i++) b.record(i, false);
    for (let i = 0; i < 6; i++) b.record(2000 + i, true);
    for (let i = 0; i < 4; i++) b.record(2100 + i, false);
    expect(b.state).toBe(CLOSED); // 4 failures of 10 in the window: 40% < 50%
  });

  it('half-opens after openMs, lets halfOpenCalls trials through, closes when they succeed', () => {
    const b = new CircuitBreaker(config);
    for (let i = 0; i < 10; i++) b.record(i, false);
    expect(b.allow(400)).toBe(false);
    expect(b.allow(600)).toBe(true);
    expect(b.state).toBe(HALF_OPEN);
    expect(b.allow(601)).toBe(true);
    expect(b.allow(602)).toBe(true);
    expect(b.allow(603)).toBe(false); // only three trials
    b.record(610, true);
    b.record(611, true);
    expect(b.state).toBe(HALF_OPEN);
    b.record(612, true);
    expect(b.state).toBe(CLOSED);
  });

  it('reopens when a trial fails', () => {
    const b = new CircuitBreaker(config);
    for (let i = 0; i < 10; i++) b.record(i, false);
    expect(b.allow(600)).toBe(true);
    b.record(620, false);
    expect(b.state).toBe(OPEN);
    expect(b.opened).toBe(2);
    expect(b.allow(1000)).toBe(false);
    expect(b.allow(1121)).toBe(true);
  });
});
