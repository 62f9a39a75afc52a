/** Timeouts, retries, circuit breakers and bulkheads through the whole engine, against theory. */
import { describe, expect, it } from 'vitest';
import { replicate, run, seeds } from '../helpers';

describe('retries', () => {
  it('multiply offered load by (1 − fᵐ)/(1 − f) and leave fᵐ failing', () => {
    const f = 0.3;
    const m = 3;
    const r = run(
      {
        durationMs: 60_000,
        nodes: [
          { id: 'users', kind: 'client', config: { rps: 500 } },
          { id: 'web', kind: 'server', config: { concurrency: 50, errorRate: f } },
        ],
        edges: [{ id: 'e', from: 'users', to: 'web', config: { retry: { maxAttempts: m, baseDelayMs: 10 } } }],
      },
      { seed: 8 },
    );
    const n = r.requests.ok + r.requests.error;
    const failing = r.requests.error / n;
    expect(Math.abs(failing - f ** m)).toBeLessThan(4 * Math.sqrt((f ** m * (1 - f ** m)) / n));
    const attempts = r.edges.e.calls / r.requests.generated;
    const expected = (1 - f ** m) / (1 - f);
    expect(Math.abs(attempts - expected)).toBeLessThan(0.02);
    expect(r.edges.e.retries).toBe(r.edges.e.calls - r.requests.generated);
  });
});

describe('timeouts', () => {
  it('time out the fraction P(W > T) = e^−(μ−λ)T of an M/M/1 (the server keeps working)', () => {
    // λ = 0.8, μ = 1 per ms; T = 10 ms → e^−2 = 0.135.
    const doc = {
      durationMs: 120_000,
      warmupMs: 2_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 800 } },
        { id: 'web', kind: 'server', config: { concurrency: 1, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: 1 } } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0, timeoutMs: 10 } }],
    };
    const reports = seeds(8).map((seed) => run(doc, { seed }));
    const frac = replicate(seeds(8), (s) => {
      const q = reports[s - 1].requests;
      return q.timeout / (q.generated - q.inFlight);
    });
    expect(Math.abs(frac.mean - Math.exp(-2))).toBeLessThan(4 * frac.se);
    // The abandoned work still happened: the server was as busy as without timeouts.
    const util = replicate(seeds(8), (s) => reports[s - 1].nodes.web.utilization);
    expect(Math.abs(util.mean - 0.8)).toBeLessThan(4 * util.se);
    for (const r of reports) {
      expect(r.latencyMs.max).toBeLessThanOrEqual(10);
      expect(r.edges.e.timeouts).toBe(r.requests.timeout);
    }
  });

  it('a retried timeout sends the work again: a retry storm on a slow dependency', () => {
    const doc = (retry: unknown) => ({
      durationMs: 30_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 150 } },
        { id: 'web', kind: 'server', config: { concurrency: 2, queueCapacity: 1000, serviceTime: { dist: 'exponential', meanMs: 10 } } },
      ],
      edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0, timeoutMs: 30, retry } }],
    });
    const plain = run(doc(null));
    const storm = run(doc({ maxAttempts: 3, baseDelayMs: 0 }));
    expect(storm.nodes.web.arrivals).toBeGreaterThan(1.1 * plain.nodes.web.arrivals);
    expect(storm.nodes.web.utilization).toBeGreaterThan(plain.nodes.web.utilization);
  });
});

describe('circuit breaker', () => {
  const doc = (fallback: string) => ({
    durationMs: 30_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 200, arrival: 'constant' } },
      { id: 'api', kind: 'server', config: { concurrency: 20 } },
      { id: 'db', kind: 'server', config: { concurrency: 20 } },
    ],
    edges: [
      { id: 'in', from: 'users', to: 'api' },
      { id: 'q', from: 'api', to: 'db', config: { circuitBreaker: { minimumCalls: 20, windowMs: 2000, openMs: 2000, halfOpenCalls: 3 }, fallback } },
    ],
    faults: [
      { atMs: 10_000, action: 'crash', target: 'db' },
      { atMs: 20_000, action: 'recover', target: 'db' },
    ],
  });

  it('opens on failures, fails fast while open, probes half-open, and closes after recovery', () => {
    const r = run(doc('error'));
    const q = r.edges.q;
    expect(q.circuitOpened).toBeGreaterThanOrEqual(2); // opened, probed while db was still down, reopened
    expect(q.circuitOpened).toBeLessThanOrEqual(7);
    expect(q.circuitState).toBe('closed');
    // The 2 s window starts full of successes (400), so it opens once failures catch up, about
    // 1 s (200 calls) into the outage; after that only the half-open trials reach db — far
    // fewer than the 2,000 calls the 10 s outage would fail without a breaker.
    expect(r.nodes.db.errors).toBeGreaterThan(150);
    expect(r.nodes.db.errors).toBeLessThan(300);
    expect(q.shortCircuited).toBeGreaterThan(1500);
    expect(r.requests.error).toBe(r.nodes.db.errors + q.shortCircuited);
  });

  it('answers a cheap degraded success with fallback "degraded"', () => {
    const r = run(doc('degraded'));
    expect(r.edges.q.degraded).toBe(r.edges.q.shortCircuited);
    expect(r.requests.error).toBe(r.nodes.db.errors);
    expect(r.requests.ok + r.requests.error + r.requests.inFlight).toBe(r.requests.generated);
    expect(r.requests.error).toBeLessThan(300);
  });
});

describe('bulkhead', () => {
  it('caps concurrent calls: with 2 permits in front of ample workers it is an Erlang B loss system', () => {
    const a = 1.5; // 150 rps × 10 ms
    const erlangB = (a * a) / 2 / (1 + a + (a * a) / 2);
    const r = run(
      {
        durationMs: 200_000,
        nodes: [
          { id: 'users', kind: 'client', config: { rps: 150 } },
          { id: 'web', kind: 'server', config: { concurrency: 10, serviceTime: { dist: 'exponential', meanMs: 10 } } },
        ],
        edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 0, bulkhead: { maxConcurrent: 2 } } }],
      },
      { seed: 6 },
    );
    const n = r.requests.generated;
    const lost = r.requests.rejected / n;
    expect(Math.abs(lost - erlangB)).toBeLessThan(6 * Math.sqrt((erlangB * (1 - erlangB)) / n));
    expect(r.edges.e.bulkheadRejected).toBe(r.requests.rejected);
    expect(r.nodes.web.utilization * 10).toBeLessThanOrEqual(2);
  });
});
