/**
 * The engine against queueing theory (THEORY.md). Each statistic is estimated from
 * independent replications with fixed seeds; the tolerance is 4 standard errors of that
 * estimate (plus the histogram's 0.4% for percentiles), so a real bias fails and noise does not.
 */
import { nodeReport } from '../../src/engine';
import { describe, expect, it } from 'vitest';
import { erlangC, replicate, run, seeds, station } from '../helpers';

const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs theory ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);

describe('M/M/1: 800 rps, exponential service with mean 1 ms (ρ = 0.8)', () => {
  const lambda = 0.8; // per ms
  const mu = 1;
  const doc = station({ rps: 800, c: 1, service: { dist: 'exponential', meanMs: 1 }, durationMs: 200_000, warmupMs: 2_000 });
  const reports = seeds(16).map((seed) => run(doc, { seed }));

  it('has mean latency 1 / (μ − λ) = 5 ms', () => {
    const r = replicate(seeds(16), (s) => reports[s - 1].latencyMs.mean);
    within(r.mean, 1 / (mu - lambda), 4 * r.se);
    // 16 × 158,000 requests pin the mean to within 4% at 4 standard errors: the test has teeth.
    expect(4 * r.se).toBeLessThan(0.2);
  });

  it('has p99 = ln(100) / (μ − λ) ≈ 23.0 ms and p50 = ln 2 / (μ − λ) ≈ 3.47 ms', () => {
    const p99 = replicate(seeds(16), (s) => reports[s - 1].latencyMs.p99);
    within(p99.mean, Math.log(100) / (mu - lambda), 4 * p99.se + 0.004 * 23);
    const p50 = replicate(seeds(16), (s) => reports[s - 1].latencyMs.p50);
    within(p50.mean, Math.log(2) / (mu - lambda), 4 * p50.se + 0.004 * 3.47);
  });

  it('has utilisation ρ = 0.8 and mean queue length ρ² / (1 − ρ) = 3.2', () => {
    const u = replicate(seeds(16), (s) => reports[s - 1].nodes.web.utilization);
    within(u.mean, 0.8, 4 * u.se);
    const lq = replicate(seeds(16), (s) => reports[s - 1].nodes.web.meanQueueLength);
    within(lq.mean, 3.2, 4 * lq.se);
  });

  it('balances its books: generated = ok + error + rejected + timeout + inFlight', () => {
    for (const r of reports) {
      const q = r.requests;
      expect(q.generated).toBe(q.ok + q.error + q.rejected + q.timeout + q.inFlight);
      expect(q.error + q.rejected + q.timeout).toBe(0);
    }
  });
});

describe('M/M/4 against Erlang C: 320 rps, 4 workers, exponential service with mean 10 ms (ρ = 0.8)', () => {
  const c = 4;
  const lambda = 0.32; // per ms
  const mu = 0.1;
  const a = lambda / mu;
  const doc = station({ rps: 320, c, service: { dist: 'exponential', meanMs: 10 }, durationMs: 300_000, warmupMs: 5_000 });
  const reports = seeds(10).map((seed) => run(doc, { seed }));

  it('waits Wq = C(c, a) / (cμ − λ) in queue and W = Wq + 1/μ in all', () => {
    const wq = erlangC(c, a) / (c * mu - lambda);
    const w = wq + 1 / mu;
    const simWq = replicate(seeds(10), (s) => reports[s - 1].nodes.web.meanWaitMs);
    within(simWq.mean, wq, 4 * simWq.se);
    const simW = replicate(seeds(10), (s) => reports[s - 1].latencyMs.mean);
    within(simW.mean, w, 4 * simW.se);
  });

  it('makes the fraction C(c, a) of arrivals wait: Lq = λ Wq with the Erlang C probability', () => {
    const lq = (lambda * erlangC(c, a)) / (c * mu - lambda);
    const sim = replicate(seeds(10), (s) => reports[s - 1].nodes.web.meanQueueLength);
    within(sim.mean, lq, 4 * sim.se);
  });
});

describe('M/D/1 against Pollaczek–Khinchine: 800 rps, constant 1 ms service', () => {
  const doc = station({ rps: 800, c: 1, service: { dist: 'constant', ms: 1 }, durationMs: 120_000, warmupMs: 2_000 });

  it('has W = S + ρS / (2(1 − ρ)) = 3 ms', () => {
    const rho = 0.8;
    const expected = 1 + (rho * 1) / (2 * (1 - rho));
    const w = replicate(seeds(10), (seed) => run(doc, { seed }).latencyMs.mean);
    within(w.mean, expected, 4 * w.se);
  });
});

describe("Little's law at a server", () => {
  it('holds for the queue (Lq = λ Wq) and the whole station (L = λ W), here M/M/2 with errors', () => {
    const doc = station({ rps: 150, c: 2, service: { dist: 'erlang', meanMs: 10, k: 2 }, durationMs: 200_000, warmupMs: 0 });
    (doc.nodes[1].config as Record<string, unknown>).errorRate = 0.1;
    const r = run(doc, { seed: 5 });
    const web = nodeReport(r, 'web', 'server');
    const lambda = web.arrivals / r.simulatedMs; // admitted per ms: nothing is rejected here
    expect(web.rejected).toBe(0);
    // The same sample path on both sides: only the requests in flight at the end differ.
    within(web.meanQueueLength, lambda * web.meanWaitMs, 0.01 * web.meanQueueLength);
    within(web.meanInSystem, lambda * web.meanResponseMs, 0.01 * web.meanInSystem);
    // Busy workers = λ · E[S]: the utilisation law.
    within(web.utilization * 2, lambda * 10, 0.03 * lambda * 10);
  });
});
