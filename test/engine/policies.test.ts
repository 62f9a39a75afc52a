/** Load-balancing policies and the hash ring, as pure algorithms. */
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/core/rng';
import { HashRing, hashInt } from '../../src/engine/policies/hashRing';
import { loadBalancingPolicies, type BalancerState } from '../../src/engine/policies/loadBalancing';

function state(n: number, patch: Partial<BalancerState> = {}): BalancerState {
  return {
    n,
    active: Int32Array.from({ length: n }, (_, i) => i),
    healthy: new Uint8Array(n).fill(1),
    outstanding: new Int32Array(n),
    latencyEwma: new Float64Array(n),
    weights: new Float64Array(n).fill(1),
    wrrCurrent: new Float64Array(n),
    cursor: 0,
    ring: null,
    hashOnKey: false,
    ...patch,
  };
}

const rng = () => streamFor(1, 'lb', 'test');

describe('consistent-hash ring', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `web/${i}`);
  const keys = 100_000;

  it('moves only the removed instance’s keys, about 1/n of them, when one of n leaves', () => {
    for (const n of [4, 8]) {
      const before = new HashRing(names(n), 100);
      const healthy = new Uint8Array(n).fill(1);
      healthy[2] = 0; // instance 2 leaves the ring
      let moved = 0;
      for (let k = 0; k < keys; k++) {
        const h = hashInt(k);
        const a = before.lookup(h);
        const b = before.lookup(h, healthy);
        if (a !== b) {
          moved++;
          expect(a).toBe(2); // nobody else's keys move
        }
      }
      // With 100 virtual nodes an instance's share varies by about 10%: allow 35%.
      expect(moved / keys).toBeGreaterThan((1 / n) * 0.65);
      expect(moved / keys).toBeLessThan((1 / n) * 1.35);
    }
  });

  it('a ring rebuilt without the instance gives the same answer as skipping it', () => {
    const full = new HashRing(names(5), 100);
    const without = new HashRing(names(5).filter((_, i) => i !== 3), 100);
    const healthy = new Uint8Array([1, 1, 1, 0, 1]);
    for (let k = 0; k < 10_000; k++) {
      const b = without.lookup(hashInt(k));
      expect(full.lookup(hashInt(k), healthy)).toBe(b >= 3 ? b + 1 : b);
    }
  });

  it('spreads load more evenly with more virtual nodes (spread shrinks roughly as 1/√v)', () => {
    const spread = (v: number) => {
      const ring = new HashRing(names(10), v);
      const counts = new Array(10).fill(0);
      for (let k = 0; k < keys; k++) counts[ring.lookup(hashInt(k))]++;
      const mean = keys / 10;
      return Math.sqrt(counts.reduce((a, c) => a + (c - mean) ** 2, 0) / 10) / mean;
    };
    expect(spread(400)).toBeLessThan(spread(4) / 3);
  });
});

describe('policies', () => {
  it('round robin cycles and skips unhealthy targets', () => {
    const s = state(3);
    s.healthy[1] = 0;
    const picks = Array.from({ length: 6 }, () => loadBalancingPolicies['round-robin'](s, 0, 0, rng()));
    expect(picks).toEqual([0, 2, 0, 2, 0, 2]);
  });

  it('every policy returns -1 when nothing is healthy', () => {
    for (const [name, pick] of Object.entries(loadBalancingPolicies)) {
      const s = state(3, { healthy: new Uint8Array(3), ring: new HashRing(['a', 'b', 'c'], 10) });
      expect(pick(s, 1, 1, rng()), name).toBe(-1);
    }
  });

  it('least-connections picks the fewest outstanding calls', () => {
    const s = state(4, { outstanding: Int32Array.from([3, 1, 2, 1]) });
    const pick = loadBalancingPolicies['least-connections'];
    const take = () => {
      const t = pick(s, 0, 0, rng());
      s.outstanding[t]++; // as the balancer does when it sends the call
      return t;
    };
    expect([take(), take()].sort()).toEqual([1, 3]);
    expect(take()).not.toBe(0); // 0 still has the most (3 vs 2, 2, 2)
  });

  it('power of two choices never picks the busier of its two samples', () => {
    const s = state(2, { outstanding: Int32Array.from([5, 0]) });
    const r = rng();
    for (let i = 0; i < 100; i++) expect(loadBalancingPolicies['power-of-two-choices'](s, 0, 0, r)).toBe(1);
  });

  it('ip-hash maps a user to the same target every time and moves it only when that one is unhealthy', () => {
    const s = state(5);
    const pick = loadBalancingPolicies['ip-hash'];
    for (let user = 0; user < 200; user++) {
      const t = pick(s, user, 0, rng());
      expect(pick(s, user, 99, rng())).toBe(t);
    }
    const t7 = pick(s, 7, 0, rng());
    s.healthy[t7] = 0;
    expect(pick(s, 7, 0, rng())).not.toBe(t7);
  });

  it('random picks each healthy target about equally often', () => {
    const s = state(4);
    const r = rng();
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[loadBalancingPolicies.random(s, 0, 0, r)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(5 * Math.sqrt(40_000 * 0.25 * 0.75));
  });
});
