/**
 * The message queue against the fluid law of overload (THEORY.md: a queue fed at λ and
 * served at μ < λ grows at λ − μ) and against exact counts: rejection, backpressure,
 * redelivery and dead letters, durability across a crash, batches.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, nodeReport } from '../../src/engine';
import { overloadGrowthRate } from '../../src/theory';
import { replicate, run, scenario, seeds } from '../helpers';

const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);

/** Producer → queue → one consumer with one worker of 10 ms (μ = 100 a second). */
function pipeline(opts: { rps: number; arrival?: string; queue?: Record<string, unknown>; consumer?: Record<string, unknown>; durationMs?: number; faults?: unknown[] }) {
  return {
    durationMs: opts.durationMs ?? 20_000,
    nodes: [
      { id: 'producer', kind: 'client', config: { rps: opts.rps, arrival: opts.arrival ?? 'constant' } },
      { id: 'jobs', kind: 'queue', config: { capacity: 1_000_000, ...opts.queue } },
      { id: 'worker', kind: 'server', config: { concurrency: 1, serviceTime: { dist: 'constant', ms: 10 }, ...opts.consumer } },
    ],
    edges: [
      { id: 'e1', from: 'producer', to: 'jobs', config: { latency: 0 } },
      { id: 'e2', from: 'jobs', to: 'worker', config: { latency: 0 } },
    ],
    faults: opts.faults ?? [],
  };
}

describe('a queue fed faster than its consumers', () => {
  it('grows at λ − μ: 200 a second in, 100 out, 100 more waiting each second; the lag grows at 1 − μ/λ', () => {
    const sim = createSimulation(scenario(pipeline({ rps: 200 })));
    const rate = overloadGrowthRate(0.2, 0.1, 1) * 1000; // per second
    expect(rate).toBeCloseTo(100, 9);
    sim.takeFrame();
    for (const t of [5, 10, 15, 20]) {
      sim.runUntil(t * 1000);
      const f = sim.takeFrame().nodes.jobs;
      // Constant arrivals and service: the fluid law holds to within the message in service.
      within(f.depth!, rate * t, 2);
      // The oldest waiting message arrived when the one being served now was sent: at the
      // time μt/λ, so it has waited t(1 − μ/λ).
      within(f.lagMs!, t * 1000 * (1 - 100 / 200), 15);
      expect(f.utilization).toBeGreaterThan(0.99); // the consumer never idles (but for the first 5 ms)
    }
    const q = nodeReport(sim.report(), 'jobs', 'queue');
    within(q.maxDepth, 2_000, 2);
    within(q.meanDepth, 1_000, 2); // the mean of a straight line from 0 to 2,000
    within(q.oldestAgeMs, 10_000, 15);
    expect(q.enqueued).toBe(4_000);
    within(q.dequeued, 2_000, 1);
    // Processing latency, enqueue to done: messages done at s waited s/2, then 10 ms.
    within(q.processingLatencyMs.max, 10_000, 30);
  });

  it('grows at λ − μ with Poisson arrivals and exponential service too (16 replications)', () => {
    const doc = pipeline({ rps: 150, arrival: 'poisson', consumer: { serviceTime: { dist: 'exponential', meanMs: 10 } } });
    const depth = replicate(seeds(16), (seed) => nodeReport(run(doc, { seed }), 'jobs', 'queue').depth);
    // Depth(T) = arrivals − departures: Poisson counts of means λT and μT, sd ≈ √((λ+μ)T) ≈ 70.
    // (The consumer idles a little at the start, before the backlog builds: a few messages.)
    expect(4 * depth.se).toBeLessThan(0.1 * 1_000);
    within(depth.mean, (150 - 100) * 20, 4 * depth.se + 5);
  });

  it('with whenFull: reject, turns the overflow away (503) and counts it', () => {
    const r = run(pipeline({ rps: 200, queue: { capacity: 100, whenFull: 'reject' } }));
    const q = nodeReport(r, 'jobs', 'queue');
    expect(q.depth).toBe(100);
    expect(q.maxDepth).toBe(100);
    // 4,000 offered, 2,000 consumed (one in service), 100 waiting: the rest rejected.
    within(q.rejected, 4_000 - 2_000 - 100, 2);
    expect(q.rejected + q.enqueued).toBe(4_000);
    expect(r.requests.rejected).toBe(q.rejected);
    expect(q.blocked).toBe(0);
  });

  it('with whenFull: block, makes the producers wait for room: nothing rejected, producers held to μ', () => {
    // A producing service between the clients and the queue: its workers are held while the
    // queue makes them wait, so the backpressure reaches the users as latency and 503s.
    const doc = (whenFull: string) => ({
      durationMs: 20_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 200, arrival: 'constant' } },
        { id: 'api', kind: 'server', config: { concurrency: 4, queueCapacity: 50, serviceTime: { dist: 'constant', ms: 1 } } },
        { id: 'jobs', kind: 'queue', config: { capacity: 10, whenFull } },
        { id: 'worker', kind: 'server', config: { concurrency: 1, serviceTime: { dist: 'constant', ms: 10 } } },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'api', config: { latency: 0 } },
        { id: 'e2', from: 'api', to: 'jobs', config: { latency: 0 } },
        { id: 'e3', from: 'jobs', to: 'worker', config: { latency: 0 } },
      ],
    });
    const blocking = run(doc('block'));
    const rejecting = run(doc('reject'));
    const qb = nodeReport(blocking, 'jobs', 'queue');
    const qr = nodeReport(rejecting, 'jobs', 'queue');
    expect(qb.rejected).toBe(0);
    expect(qb.blocked).toBeGreaterThan(1_000);
    // Accepted at the consumers' pace: 100 a second (plus the 10 that fill the queue).
    within(qb.enqueued, 2_000 + 10, 5);
    // The producers slowed to that pace: the api's workers wait, its queue fills and turns
    // the surplus away, and what gets through waits — where with reject it did not.
    within(nodeReport(blocking, 'api', 'server').completed, 2_000 + 10, 10);
    expect(blocking.latencyMs.mean).toBeGreaterThan(100 * rejecting.latencyMs.mean);
    expect(qb.meanBlockedMs).toBeGreaterThan(10);
    expect(rejecting.latencyMs.mean).toBeCloseTo(1, 6);
    within(qr.rejected, 2_000 - 10, 5);
  });
});

describe('delivery', () => {
  it('dead-letters a message that always fails after maxAttempts deliveries', () => {
    const sim = createSimulation(scenario(pipeline({ rps: 20, queue: { maxAttempts: 3 }, consumer: { errorRate: 1 } })));
    sim.runToEnd();
    sim.drain();
    const r = sim.report();
    const q = nodeReport(r, 'jobs', 'queue');
    const worker = nodeReport(r, 'worker', 'server');
    expect(q.enqueued).toBe(400);
    expect(q.deadLettered).toBe(400);
    expect(q.dequeued).toBe(0);
    expect(q.redelivered).toBe(800);
    expect(worker.arrivals).toBe(3 * 400);
    // The producers were answered at acceptance: their requests are all ok.
    expect(r.requests.ok).toBe(400);
  });

  it('acknowledges what succeeds: with a 50% error rate, P(dead letter) = 0.5³', () => {
    const doc = pipeline({ rps: 80, arrival: 'poisson', queue: { maxAttempts: 3 }, consumer: { errorRate: 0.5 }, durationMs: 100_000 });
    const sim = createSimulation(scenario(doc));
    sim.runToEnd();
    sim.drain();
    const q = nodeReport(sim.report(), 'jobs', 'queue');
    const n = q.enqueued;
    expect(q.dequeued + q.deadLettered).toBe(n);
    within(q.deadLettered / n, 0.125, 4 * Math.sqrt((0.125 * 0.875) / n));
    // Expected deliveries a message: 1 + 0.5 + 0.25 (THEORY.md: (1 − f^m) / (1 − f)).
    within((n + q.redelivered) / n, 1.75, 4 * Math.sqrt(0.6875 / n));
  });

  it('a consumer worker pulls batchSize messages at once and pulls again when all are answered', () => {
    const single = run(pipeline({ rps: 200, queue: { batchSize: 1 } }));
    const batched = run(pipeline({ rps: 200, queue: { batchSize: 5 } }));
    // One worker: a batch of 5 waits in the consumer's own queue behind the one in service.
    expect(nodeReport(single, 'worker', 'server').meanQueueLength).toBe(0);
    within(nodeReport(batched, 'worker', 'server').meanQueueLength, (4 + 3 + 2 + 1 + 0) / 5, 0.01);
    // The throughput is the consumer's either way.
    within(nodeReport(batched, 'jobs', 'queue').dequeued, 2_000, 5);
  });
});

describe('a crash of the queue', () => {
  const crashAt = (durable: boolean) =>
    pipeline({
      rps: 200,
      queue: { durable },
      durationMs: 10_000,
      faults: [
        { atMs: 5_000, action: 'crash', target: 'jobs' },
        { atMs: 6_000, action: 'recover', target: 'jobs' },
      ],
    });

  it('durable: keeps every message, accepts and delivers nothing while down, and delivers all after', () => {
    const sim = createSimulation(scenario(crashAt(true)));
    sim.runUntil(5_000);
    sim.takeFrame();
    sim.runUntil(5_500);
    const frame = sim.takeFrame().nodes;
    const down = frame.jobs;
    expect(down.instancesUp).toBe(0);
    within(down.depth!, 500, 2); // 1,000 in, 500 out by 5 s, and kept
    expect(down.arrivals).toBe(100); // refused
    expect(frame.worker.arrivals).toBe(0); // nothing delivered
    sim.runToEnd();
    sim.drain();
    const r = sim.report();
    const q = nodeReport(r, 'jobs', 'queue');
    expect(q.lostMessages).toBe(0);
    within(r.requests.error, 200, 1); // the producers' calls while it was down
    expect(q.dequeued).toBe(q.enqueued);
  });

  it('not durable: loses what it held, counted as lostMessages', () => {
    const sim = createSimulation(scenario(crashAt(false)));
    sim.runToEnd();
    sim.drain();
    const q = nodeReport(sim.report(), 'jobs', 'queue');
    // The ~500 waiting and the one being delivered.
    within(q.lostMessages, 501, 2);
    expect(q.dequeued + q.lostMessages).toBe(q.enqueued);
  });
});
