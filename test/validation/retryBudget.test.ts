/**
 * Retry budgets and where retries go, through the engine: a retry storm that a budget stops,
 * and a balancer's retries sent to another instance than the one that failed.
 */
import { describe, expect, it } from 'vitest';
import { ERROR, OK } from '../../src/engine/runtime/request';
import { build, run } from '../helpers';
import { recordAnswers, recordArrivals } from './probe';

type Json = Record<string, unknown>;

describe('a retry storm against an overloaded server', () => {
  /**
   * 800 rps against 1,000 rps of capacity, callers time out after 200 ms; the server is
   * slowed 4× for 5 s (10–15 s). Once its queue holds more than 200 ms of work, every
   * request it serves has already been given up on, and each timeout comes back as up to
   * two retries.
   */
  const doc = (edge: Json, warmupMs: number) => ({
    seed: 11,
    durationMs: 60_000,
    warmupMs,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 800 } },
      { id: 'web', kind: 'server', config: { concurrency: 10, queueCapacity: 1000, serviceTime: { dist: 'exponential', meanMs: 10 } } },
    ],
    edges: [{ id: 'e', from: 'users', to: 'web', config: { latency: 1, timeoutMs: 200, ...edge } }],
    faults: [
      { atMs: 10_000, action: 'slow', target: 'web', factor: 4 },
      { atMs: 15_000, action: 'recover', target: 'web' },
    ],
  });
  const retry = { maxAttempts: 3, baseDelayMs: 10, jitter: 'full' };
  const breaker = { failureRateThreshold: 0.5, minimumCalls: 20, windowMs: 5000, openMs: 2000, halfOpenCalls: 5 };

  it('collapses goodput without a budget or a breaker; a 20% budget (like a breaker) holds it', () => {
    const cases = {
      storm: { retry },
      breaker: { retry, circuitBreaker: breaker },
      budget: { retry: { ...retry, budgetRatio: 0.2 } },
    };
    // Goodput 10 s after the slowdown ended: ok requests per second created from 25 s on.
    const late = Object.fromEntries(Object.entries(cases).map(([name, edge]) => [name, run(doc(edge, 25_000))]));
    const demand = 800;
    // ~28,000 requests in the window: a goodput within 5% of the demand is far outside noise.
    expect(late.storm.throughputRps).toBeLessThan(0.05 * demand); // metastable: it never recovers
    expect(late.storm.nodes.web.utilization).toBeGreaterThan(0.99); // busy with work nobody waits for
    expect(late.budget.throughputRps).toBeGreaterThan(0.95 * demand);
    expect(late.breaker.throughputRps).toBeGreaterThan(0.95 * demand);

    // Over the whole run the budget kept retries within 20% of the first attempts (THEORY.md:
    // offered load ≤ 1.2 × demand), and counted the retries it refused.
    const whole = run(doc(cases.budget, 0));
    const e = whole.edges.e;
    expect(e.retries).toBeLessThanOrEqual(0.2 * whole.requests.generated);
    expect(e.retries).toBeGreaterThan(0.1 * e.timeouts * 0.2);
    expect(e.retriesDenied).toBeGreaterThan(0);
    expect(e.calls).toBe(whole.requests.generated + e.retries);
    const storm = run(doc(cases.storm, 0)).edges.e;
    expect(storm.retriesDenied).toBe(0);
    expect(storm.calls).toBeGreaterThan(2 * whole.requests.generated);
  });
});

describe("a load balancer's retries", () => {
  /** Three instances, one crashed and no health check: the balancer keeps choosing it. */
  const doc = (algorithm: string, retry: Json | null) => ({
    seed: 4,
    durationMs: 10_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 300, users: 500 } },
      { id: 'lb', kind: 'loadBalancer', config: { algorithm } },
      { id: 'web', kind: 'server', config: { replicas: 3, concurrency: 10, serviceTime: 5 } },
    ],
    edges: [
      { id: 'e0', from: 'users', to: 'lb' },
      { id: 'e1', from: 'lb', to: 'web', config: { retry } },
    ],
    faults: [{ atMs: 0, action: 'crash', target: 'web', instance: 1 }],
  });

  for (const algorithm of ['round-robin', 'least-response-time', 'consistent-hash', 'ip-hash']) {
    it(`go to another instance than the one that failed (${algorithm})`, () => {
      const sim = build(doc(algorithm, { maxAttempts: 2, baseDelayMs: 0 }));
      const atWeb = recordArrivals(sim, 'web');
      const answers = recordAnswers(sim, 'users');
      sim.runToEnd();
      sim.drain();
      // Every attempt that found instance 1 down was retried elsewhere.
      const attempts = new Map<number, number[]>();
      for (const a of atWeb) attempts.set(a.id, [...(attempts.get(a.id) ?? []), a.instance]);
      let retried = 0;
      for (const tries of attempts.values()) {
        if (tries[0] !== 1) {
          expect(tries).toHaveLength(1);
          continue;
        }
        retried++;
        expect(tries).toHaveLength(2);
        expect(tries[1]).not.toBe(1);
      }
      expect(retried).toBeGreaterThan(algorithm.endsWith('hash') ? 500 : 800);
      expect(answers.every((a) => a.outcome === OK)).toBe(true);
      expect(sim.holdings().outstanding).toBe(0);
      // Without retries those requests fail: the balancer has no reason to avoid the instance.
      const plain = run(doc(algorithm, null));
      expect(plain.requests.error).toBeGreaterThan(algorithm.endsWith('hash') ? 500 : 800);
    });
  }

  it('go back to the same instance when it is the only one', () => {
    const one = build({
      durationMs: 5000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 100 } },
        { id: 'lb', kind: 'loadBalancer' },
        { id: 'web', kind: 'server', config: { errorRate: 0.5 } },
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'lb' },
        { id: 'e1', from: 'lb', to: 'web', config: { retry: { maxAttempts: 3, baseDelayMs: 0 } } },
      ],
    });
    const answers = recordAnswers(one, 'users');
    one.runToEnd();
    one.drain();
    const r = one.report();
    expect(r.edges.e1.retries).toBeGreaterThan(200);
    // 0.5³ of the requests fail all three attempts.
    const n = answers.length;
    const failed = answers.filter((a) => a.outcome === ERROR).length / n;
    expect(Math.abs(failed - 0.125)).toBeLessThan(4 * Math.sqrt((0.125 * 0.875) / n));
  });
});
