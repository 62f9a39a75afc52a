/** Queueing formulas against textbook values and independent direct computations. */
import { describe, expect, it } from 'vitest';
import {
  erlangB,
  erlangC,
  erlangKSecondMoment,
  md1,
  mg1,
  mm1,
  mm1TimeQuantile,
  mmc,
  mmcTimeQuantile,
  mmcTimeTail,
  mmcWaitTail,
  overloadGrowthRate,
} from '../../src/theory';
import { streamFor } from '../../src/engine/core/rng';
import { erlangC as helpersErlangC } from '../helpers';

/** Erlang B and C straight from their definitions, with factorials. */
function direct(c: number, a: number): { b: number; c: number } {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = a ** c / (fact * c);
  const rho = a / c;
  return { b: top / (sum + top), c: top / (1 - rho) / (sum + top / (1 - rho)) };
}

describe('Erlang B and C', () => {
  it('match textbook values', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14); // two servers at ρ = 0.5
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 14);
    expect(erlangB(5, 2)).toBeCloseTo(0.03670, 5); // Erlang B table: 5 lines, 2 erlangs
    expect(erlangB(10, 5)).toBeCloseTo(0.01838, 5); // 10 lines, 5 erlangs
    expect(erlangC(10, 8)).toBeCloseTo(0.40918, 5); // 10 agents, 8 erlangs
  });

  it('agree with the definitions and with the test helper over a grid', () => {
    for (const c of [1, 2, 3, 5, 8, 13, 20, 50]) {
      for (const rho of [0.05, 0.3, 0.5, 0.8, 0.95, 0.99]) {
        const a = rho * c;
        const d = direct(c, a);
        expect(erlangB(c, a) / d.b - 1).toBeLessThan(1e-12);
        expect(Math.abs(erlangC(c, a) / d.c - 1)).toBeLessThan(1e-12);
        expect(Math.abs(erlangC(c, a) / helpersErlangC(c, a) - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('stay finite where the factorial form overflows', () => {
    const a = 950;
    expect(Number.isFinite(direct(1000, a).c)).toBe(false);
    const c = erlangC(1000, a);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    expect(erlangC(3, 3)).toBe(1); // ρ = 1: everyone waits
  });
});

describe('single stations', () => {
  it('M/M/1 at λ = 0.8, μ = 1: W = 5, L = 4, Wq = 4, Lq = 3.2, p99 = ln 100 / 0.2', () => {
    const m = mm1(0.8, 1);
    expect(m.utilization).toBeCloseTo(0.8, 14);
    expect(m.w).toBeCloseTo(5, 12);
    expect(m.l).toBeCloseTo(4, 12);
    expect(m.wq).toBeCloseTo(4, 12);
    expect(m.lq).toBeCloseTo(3.2, 12);
    expect(mm1TimeQuantile(0.8, 1, 0.99)).toBeCloseTo(23.02585, 4);
    expect(mm1(1.2, 1).w).toBe(Infinity);
  });

  it('M/M/c reduces to M/M/1 at c = 1 and obeys Little’s law', () => {
    const one = mmc(0.8, 1, 1);
    expect(one.w).toBeCloseTo(mm1(0.8, 1).w, 12);
    const four = mmc(0.32, 0.1, 4); // THEORY's M/M/4 case: a = 3.2, ρ = 0.8
    expect(four.wq).toBeCloseTo(erlangC(4, 3.2) / (0.4 - 0.32), 12);
    expect(four.w).toBeCloseTo(four.wq + 10, 12);
    expect(four.l).toBeCloseTo(0.32 * four.w, 12);
    expect(mmcWaitTail(0.32, 0.1, 4, 0)).toBeCloseTo(four.waitProbability, 14);
    expect(mmcWaitTail(0.32, 0.1, 4, 25)).toBeCloseTo(four.waitProbability * Math.exp(-2), 14);
  });

  it('M/M/c time in system: M/M/1 at c = 1, its mean is W, and a Monte Carlo of Wq + S agrees', () => {
    // c = 1: T ~ Exp(μ − λ).
    expect(mmcTimeTail(0.8, 1, 1, 3)).toBeCloseTo(Math.exp(-0.2 * 3), 12);
    expect(mmcTimeQuantile(0.8, 1, 1, 0.99)).toBeCloseTo(mm1TimeQuantile(0.8, 1, 0.99), 9);
    // ∫ P(T > t) dt = W (trapezoids over a long range).
    const four = mmc(0.2, 0.1, 4);
    let area = 0;
    for (let t = 0; t < 400; t += 0.01) area += ((mmcTimeTail(0.2, 0.1, 4, t) + mmcTimeTail(0.2, 0.1, 4, t + 0.01)) / 2) * 0.01;
    expect(area).toBeCloseTo(four.w, 4);
    // θ = μ: the limit form joins the general one continuously.
    expect(mmcTimeTail(0.3, 0.1, 4, 20)).toBeCloseTo(mmcTimeTail(0.3 + 1e-7, 0.1, 4, 20), 6);
    // Monte Carlo: wait with probability C an Exp(θ), then an Exp(μ) service.
    const rng = streamFor(12345, 'mmc', 'time tail');
    const u = () => 1 - rng.next(); // in (0, 1]
    const pw = erlangC(4, 2);
    const n = 200_000;
    let over = 0;
    const t99 = mmcTimeQuantile(0.2, 0.1, 4, 0.99);
    for (let i = 0; i < n; i++) {
      const w = u() < pw ? -Math.log(u()) / 0.2 : 0;
      if (w - Math.log(u()) / 0.1 > t99) over++;
    }
    expect(Math.abs(over / n - 0.01)).toBeLessThan(4 * Math.sqrt(0.01 * 0.99 / n));
  });

  it('M/D/1 waits half as long in queue as M/M/1; M/G/1 spans them with Erlang-k service', () => {
    const d = md1(0.8, 1);
    expect(d.w).toBeCloseTo(1 + 0.8 / (2 * 0.2), 12); // = 3
    expect(d.wq).toBeCloseTo(mm1(0.8, 1).wq / 2, 12);
    expect(mg1(0.8, 1, erlangKSecondMoment(1, 1)).w).toBeCloseTo(mm1(0.8, 1).w, 12);
    const waits = [1, 2, 4, 16, 1e9].map((k) => mg1(0.8, 1, erlangKSecondMoment(1, k)).wq);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeLessThan(waits[i - 1]);
    expect(waits[waits.length - 1]).toBeCloseTo(d.wq, 6);
  });

  it('an overloaded queue grows at λ − cμ', () => {
    expect(overloadGrowthRate(1.5, 0.25, 4)).toBeCloseTo(0.5, 14);
    expect(overloadGrowthRate(0.5, 0.25, 4)).toBe(0);
  });
});
