/**
 * The traffic trade-offs' lessons: what a fixed window lets through at its edge (THEORY.md's
 * 2 × limit against the log's limit) and what that does to the API behind it, the autoscaler's
 * lag (an evaluation period plus the startup), and the retry budget's cap on offered load.
 */
import { expect } from 'vitest';
import { createSimulation, nodeReport } from '../../src/engine';
import { parseScenario, type ScenarioInput } from '../../src/model';
import { galleryEntry } from '../../src/model/gallery';
import { fixedWindowWorstCase, slidingWindowLogWorstCase } from '../../src/theory';
import { recordArrivals } from '../validation/probe';
import { edge, maxOverSpan, node, nodeMax, observed, replicated, server, within, type Lesson } from './lessonKit';
import { observe, stretch, tried } from './observe';

/**
 * The 503s of the API, found independently: its arrival times (recorded at the node) through
 * a hand-run queue of 2 workers of 10 ms and 100 waiting places. An arrival at the instant a
 * worker finishes finds it free (the finish was scheduled earlier, so it runs first).
 */
function refusedByHand(document: ScenarioInput): { refused: number; engine: number } {
  const parsed = parseScenario(document);
  if (!parsed.ok) throw new Error('invalid');
  const sim = createSimulation(parsed.scenario);
  const seen = recordArrivals(sim, 'api');
  sim.runToEnd();
  const arrivals = seen.map((a) => a.t);
  const finishes: number[] = []; // of the (at most 2) requests in service
  const waiting: number[] = [];
  let refused = 0;
  for (const t of arrivals) {
    // Serve every finish up to t, handing freed workers to the waiting line.
    for (;;) {
      finishes.sort((a, b) => a - b);
      if (finishes.length === 0 || finishes[0] > t) break;
      const done = finishes.shift()!;
      if (waiting.length > 0) {
        waiting.shift();
        finishes.push(done + 10);
      }
    }
    if (finishes.length < 2) finishes.push(t + 10);
    else if (waiting.length < 100) waiting.push(t);
    else refused++;
  }
  return { refused, engine: nodeReport(sim.report(), 'api', 'server').rejected };
}

export const TRAFFIC_LESSONS: Record<string, Lesson> = {
  'rate-limit-windows'(entry) {
    const bursts = 14;
    // 50 ms bins: the most that reached the API in any 1,000 ms (20 bins) that start on a bin edge.
    const fixed = observe(entry.document, { binMs: 50 });
    expect(maxOverSpan(fixed, 'api', 'arrivals', 20)).toBe(fixedWindowWorstCase(100));
    const limiter = nodeReport(fixed.report, 'limiter', 'rateLimiter');
    expect(limiter.allowed).toBe(2 * 100 * bursts);
    // The API was sized for 100 at once: the double burst overflows its queue.
    expect(nodeMax(fixed, 'api', 'queueLength')).toBe(100);
    const hand = refusedByHand(entry.document);
    expect(hand.engine).toBe(hand.refused);
    within(hand.refused / bursts, 50, 5, '503s per burst');
    // The log never lets more than the limit through in any window, and nothing overflows.
    const log = observe(tried(entry), { binMs: 50 });
    expect(maxOverSpan(log, 'api', 'arrivals', 20)).toBe(slidingWindowLogWorstCase(100));
    expect(nodeReport(log.report, 'limiter', 'rateLimiter').allowed).toBe(100 * bursts);
    expect(node(log, 'api').rejected).toBe(0);
    expect(nodeMax(log, 'api', 'queueLength')).toBeLessThanOrEqual(80);
    expect(refusedByHand(tried(entry)).refused).toBe(0);
  },

  'autoscaling-lag'(entry) {
    // Evaluations every 5 s. The one at 20 s still measures the quiet period; the one at 25 s
    // measures 100% busy and asks for ⌈2 × 1 / 0.65⌉ = 4 instances, in rotation 20 s later.
    // Four then run 1,000 × 10 ms / 16 workers = 62.5% busy (a little more while the full
    // queues drain), well within the 10% tolerance around the 65% target: no further change.
    const o = observed(entry.document);
    expect(server(o, 'web').replicaTimeline).toEqual([
      { atMs: 0, replicas: 2 },
      { atMs: 45_000, replicas: 4 },
    ]);
    // Until then two instances serve 8 workers / 10 ms = 800 a second of 1,000: one in five is
    // turned away (their queues are full).
    const share = replicated(entry, (x) => stretch(x, 22_000, 45_000).errorRate);
    within(share.mean, 0.2, 4 * share.se, 'share turned away while instances start');
    expect(stretch(o, 0, 20_000).errorRate).toBe(0);
    expect(stretch(o, 47_000, 60_000).errorRate).toBe(0);
    expect(stretch(o, 22_000, 45_000).meanLatencyMs).toBeGreaterThan(200);
    // Two-second startups: in rotation at 27 s, and the trouble ends there.
    const quick = observed(tried(entry));
    expect(server(quick, 'web').replicaTimeline[1]).toEqual({ atMs: 27_000, replicas: 4 });
    expect(stretch(quick, 29_000, 60_000).errorRate).toBe(0);
    expect(quick.report.requests.rejected).toBeLessThan(0.3 * o.report.requests.rejected);
  },

  'retry-budget'(entry) {
    const o = observed(entry.document);
    const calls = edge(o, 'calls');
    // The budget refused retries, and kept them within 10% of the demand (THEORY.md: offered
    // load at most (1 + r) times the demand).
    expect(calls.retriesDenied).toBeGreaterThan(1000);
    expect(calls.retries).toBeLessThanOrEqual(0.1 * o.report.requests.generated);
    expect(node(o, 'backend').arrivals).toBeLessThanOrEqual(1.1 * o.report.requests.generated);
    // The slow spell still fails calls, but after it the backend drains its queue (2,000
    // calls at 800 − 660 a second, in about 15 s) and the errors stop; the storm's never do.
    expect(stretch(o, 22_000, 30_000).errorRate).toBeGreaterThan(0.9);
    expect(stretch(o, 47_000, 60_000).errorRate).toBeLessThan(0.01);
    const storm = observed(galleryEntry('retry-storm')!.document);
    expect(stretch(storm, 47_000, 60_000).errorRate).toBeGreaterThan(0.95);
    expect(node(o, 'backend').arrivals).toBeLessThan(0.5 * node(storm, 'backend').arrivals);
    // A budget of 100% lets retries double the load, past what the backend serves: the storm is back.
    const loose = observed(tried(entry));
    expect(stretch(loose, 47_000, 60_000).errorRate).toBeGreaterThan(0.95);
  },
};
