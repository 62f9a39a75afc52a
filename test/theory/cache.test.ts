/**
 * Cache theory: exact cases (uniform keys, where every policy hits C/N), the zipf
 * case, and the derived LRU-with-TTL law against two independent computations of the same
 * quantity: a Monte Carlo of its renewal cycle and a numerical solution of its delay
 * differential equation.
 */
import { describe, expect, it } from 'vitest';
import {
  cheCharacteristicTime,
  fifoCharacteristicTime,
  fifoHitRate,
  lfuHitRate,
  lruHitRate,
  lruTtlHitRate,
  lruTtlHitsPerFill,
  randomHitRate,
  ttlHitRate,
  zipfProbabilities,
} from '../../src/theory';

describe('zipf law', () => {
  it('sums to 1 and falls as 1/i^s', () => {
    const p = zipfProbabilities(1000, 0.9);
    expect(p.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    expect(p[0] / p[9]).toBeCloseTo(10 ** 0.9, 10);
  });
});

describe('characteristic-time approximations', () => {
  it('give every policy C/N under uniform keys, where that is exact', () => {
    const n = 500;
    const p = new Float64Array(n).fill(1 / n);
    for (const c of [1, 50, 250, 499]) {
      expect(lruHitRate(p, c)).toBeCloseTo(c / n, 10);
      expect(fifoHitRate(p, c)).toBeCloseTo(c / n, 10);
      expect(lfuHitRate(p, c)).toBeCloseTo(c / n, 10);
      expect(cheCharacteristicTime(p, c)).toBeCloseTo(-n * Math.log(1 - c / n), 6);
    }
  });

  it('solve their occupancy equations', () => {
    const p = zipfProbabilities(10_000, 0.9);
    const t = cheCharacteristicTime(p, 1000);
    expect(p.reduce((a, x) => a + (1 - Math.exp(-x * t)), 0)).toBeCloseTo(1000, 8);
    const tf = fifoCharacteristicTime(p, 1000);
    expect(p.reduce((a, x) => a + (x * tf) / (1 + x * tf), 0)).toBeCloseTo(1000, 8);
  });

  it('the issue’s case: 10,000 keys, zipf 0.9, capacity 1,000 — LRU ≈ 0.556, FIFO = random ≈ 0.510, LFU ≈ 0.671', () => {
    const p = zipfProbabilities(10_000, 0.9);
    expect(lruHitRate(p, 1000)).toBeCloseTo(0.5565, 4);
    expect(fifoHitRate(p, 1000)).toBeCloseTo(0.5101, 4);
    expect(randomHitRate(p, 1000)).toBe(fifoHitRate(p, 1000));
    expect(lfuHitRate(p, 1000)).toBeCloseTo(0.6708, 4);
  });

  it('a cache that holds every key always hits', () => {
    const p = zipfProbabilities(100, 1);
    expect([lruHitRate(p, 100), fifoHitRate(p, 100), lfuHitRate(p, 200)]).toEqual([1, 1, 1]);
  });
});

describe('TTL', () => {
  it('one key refreshed on a miss hits λT / (1 + λT)', () => {
    expect(ttlHitRate(new Float64Array([1]), 2, 3)).toBeCloseTo(6 / 7, 14);
  });

  it('LRU with a TTL: the TTL-only law when ttl ≤ τ, Che’s as ttl → ∞, decreasing in between', () => {
    const p = zipfProbabilities(10_000, 0.9);
    const tau = cheCharacteristicTime(p, 1000); // in requests; λ = 1 per ms makes it ms
    expect(lruTtlHitRate(p, 1000, 1, tau * 0.9)).toBeCloseTo(ttlHitRate(p, 1, tau * 0.9), 12);
    expect(lruTtlHitRate(p, 1000, 1, 1e12)).toBeCloseTo(lruHitRate(p, 1000), 6);
    let last = 0;
    for (const ttl of [100, 1000, 2000, 5000, 20_000, 100_000]) {
      const h = lruTtlHitRate(p, 1000, 1, ttl);
      expect(h).toBeGreaterThan(last);
      expect(h).toBeLessThanOrEqual(Math.min(lruHitRate(p, 1000), ttlHitRate(p, 1, ttl)) + 1e-12);
      last = h;
    }
  });

  it('hits per fill agree with a numerical solution of u′(t) = −q e^{−qτ} u(t − τ)', () => {
    // q = 1, τ = α. u = 1 on [0, τ], drops to 1 − e^{−α} just after τ, then follows the
    // delay equation; H = ∫₀^β u. Trapezoid steps of h on a grid aligned with τ.
    const solve = (alpha: number, beta: number) => {
      const h = alpha / 20_000;
      const steps = Math.ceil(beta / h);
      const lag = 20_000;
      const u = new Float64Array(steps + 1);
      const g = Math.exp(-alpha);
      let integral = 0;
      for (let i = 0; i <= steps; i++) {
        if (i <= lag) u[i] = 1;
        else if (i === lag + 1) u[i] = 1 - g - h * g * (u[1] + u[0]) / 2;
        else u[i] = u[i - 1] - h * g * (u[i - lag] + u[i - lag - 1]) / 2;
        if (i > 0) {
          const left = i - 1 === lag ? 1 - g : u[i - 1];
          integral += (h * (left + u[i])) / 2;
        }
      }
      return integral - (steps * h - beta) * u[steps];
    };
    for (const [alpha, beta] of [[1, 1.7], [1, 5], [0.3, 2], [2, 9], [3, 10]]) {
      expect(Math.abs(lruTtlHitsPerFill(alpha, beta) / solve(alpha, beta) - 1), `α ${alpha} β ${beta}`).toBeLessThan(2e-4);
    }
  });

  it('hits per fill agree with a Monte Carlo of the renewal cycle (fixed seed)', () => {
    // Requests at rate 1: a hit while every gap ≤ α and the time since the fill < β.
    let state = 12345;
    const uniform = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return (state + 0.5) / 4294967296;
    };
    for (const [alpha, beta] of [[1, 5], [3, 10], [0.5, 4]]) {
      const cycles = 200_000;
      let sum = 0;
      let sumSq = 0;
      for (let k = 0; k < cycles; k++) {
        let hits = 0;
        for (let t = 0; ; hits++) {
          const gap = -Math.log(uniform());
          t += gap;
          if (gap > alpha || t >= beta) break;
        }
        sum += hits;
        sumSq += hits * hits;
      }
      const mean = sum / cycles;
      const se = Math.sqrt((sumSq / cycles - mean * mean) / cycles);
      expect(Math.abs(lruTtlHitsPerFill(alpha, beta) - mean), `α ${alpha} β ${beta}`).toBeLessThan(4 * se);
    }
  });
});
