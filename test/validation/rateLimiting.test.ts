/**
 * Rate limiters through the whole engine: what reaches the node behind a limiter, measured
 * at that node's arrivals (zero-latency edges, so an arrival is a departure from the
 * limiter), against THEORY.md's bounds and independent counts.
 */
import { describe, expect, it } from 'vitest';
import { nodeReport } from '../../src/engine';
import { windowIndex } from '../../src/engine/policies/rateLimit/windows';
import { REJECTED } from '../../src/engine/runtime/request';
import { RATE_LIMIT_ALGORITHMS } from '../../src/model';
import { fixedWindowWorstCase, slidingWindowCounterWorstCase, slidingWindowLogWorstCase, tokenBucketMaxAdmitted } from '../../src/theory';
import { build } from '../helpers';
import { maxInAnyWindow, recordAnswers, recordArrivals } from './probe';

type Json = Record<string, unknown>;

/** users → limiter → an ample server, every edge without latency. */
function limited(limiter: Json, client: Json, durationMs: number, edge: Json = {}): Json {
  return {
    durationMs,
    nodes: [
      { id: 'users', kind: 'client', config: client },
      { id: 'rl', kind: 'rateLimiter', config: limiter },
      { id: 'web', kind: 'server', config: { concurrency: 1000, queueCapacity: 0, serviceTime: 1 } },
    ],
    edges: [
      { id: 'in', from: 'users', to: 'rl', config: { latency: 0, ...edge } },
      { id: 'out', from: 'rl', to: 'web', config: { latency: 0 } },
    ],
  };
}

describe('token bucket', () => {
  it('at 1,000 rps offered, refill 200/s and burst 50, admits 200·T + 50 over T seconds', () => {
    const sim = build(limited({ algorithm: 'token-bucket', ratePerSec: 200, burst: 50 }, { rps: 1000, arrival: 'constant' }, 10_000));
    const passed = recordArrivals(sim, 'web');
    const answers = recordAnswers(sim, 'users');
    for (const T of [1000, 2500, 10_000]) {
      sim.runUntil(T);
      const r = sim.report();
      const rl = nodeReport(r, 'rl', 'rateLimiter');
      // Arrivals are 1 ms apart from t = 1 ms: the interval from the first to the last is T − 1 ms.
      expect(rl.allowed, `T = ${T}`).toBe(tokenBucketMaxAdmitted(200, 50, T - 1));
      expect(Math.abs(rl.allowed - ((200 * T) / 1000 + 50)), `T = ${T}`).toBeLessThanOrEqual(1);
      expect(rl.allowed + rl.limited).toBe(rl.arrivals);
      expect(rl.arrivals).toBe(T);
      expect(passed.length).toBe(rl.allowed);
    }
    // An independent count: tokens in fifths (200/s is a fifth of a token a ms), capped at 50.
    let fifths = 250;
    let admitted = 0;
    for (let t = 1; t <= 10_000; t++) {
      if (t > 1) fifths = Math.min(250, fifths + 1);
      if (fifths >= 5) {
        fifths -= 5;
        admitted++;
      }
    }
    expect(passed.length).toBe(admitted);
    // Every refusal told the caller when to come back: a token is due within 5 ms.
    const refused = answers.filter((a) => a.outcome === REJECTED);
    expect(refused.length).toBe(10_000 - admitted);
    for (const a of refused) {
      expect(a.retryAfterMs).toBeGreaterThan(0);
      expect(a.retryAfterMs).toBeLessThanOrEqual(5 + 1e-9);
    }
  });
});

describe('window algorithms, measured at the protected node', () => {
  const W = 1000;
  const L = 100;
  /** Quiet until 899 ms, then 1,000 rps (from 900 ms): the first window's limit is spent at its very end. */
  const lateStart = { rps: 0, arrival: 'constant', rateSchedule: [{ atMs: 899, rps: 1000 }] };
  const poisson = { rps: 400 };

  function passedTimes(algorithm: string, client: Json, seed = 1): number[] {
    const sim = build({ ...limited({ algorithm, limit: L, windowMs: W }, client, 6000), seed });
    const passed = recordArrivals(sim, 'web');
    sim.runToEnd();
    return passed.map((p) => p.t);
  }

  it('the fixed window lets 2 × limit through in one window length across a boundary; the log never more than the limit', () => {
    const fixed = passedTimes('fixed-window', lateStart);
    expect(maxInAnyWindow(fixed, W)).toBe(fixedWindowWorstCase(L));
    // The burst: the 100 at the end of the first window and the 100 at the start of the next.
    const inBurst = fixed.filter((t) => t >= 900 && t < 1100).length;
    expect(inBurst).toBe(2 * L);
    // Each fixed window on its own holds the limit.
    for (let k = 0; k < 6; k++) expect(fixed.filter((t) => t >= k * W && t < (k + 1) * W).length).toBeLessThanOrEqual(L);

    for (const client of [lateStart, poisson]) {
      const log = passedTimes('sliding-window-log', client);
      expect(maxInAnyWindow(log, W)).toBe(slidingWindowLogWorstCase(L)); // reached, never passed
    }
  });

  it('the sliding-window counter stays within its documented error: L + ⌊e⌋ in every window, 2L − 1 at worst', () => {
    let overLimit = 0;
    for (const [client, seed] of [
      [lateStart, 1],
      [poisson, 2],
      [{ rps: 150 }, 3],
    ] as const) {
      const times = passedTimes('sliding-window-counter', client, seed);
      expect(maxInAnyWindow(times, W)).toBeLessThanOrEqual(slidingWindowCounterWorstCase(L));
      // At each admission t in window k: e = a − p·(1 − f), where p were admitted in window
      // k − 1, a of them are still in (t − W, t], and f is how far t is into window k.
      let lo = 0;
      for (let i = 0; i < times.length; i++) {
        const t = times[i];
        while (times[lo] + W <= t) lo++;
        const inWindow = i - lo + 1;
        const k = windowIndex(t, W);
        let p = 0;
        let a = 0;
        for (const s of times) {
          if (windowIndex(s, W) !== k - 1) continue;
          p++;
          if (s + W > t) a++;
        }
        const e = a - p * (1 - (t - k * W) / W);
        expect(inWindow, `window ending at ${t}`).toBeLessThanOrEqual(L + Math.floor(e + 1e-9));
        if (inWindow > L) overLimit++;
      }
    }
    // The estimator's error is real: the late start lets more than L through in some window.
    expect(overLimit).toBeGreaterThan(0);
  });
});

describe('leaky bucket', () => {
  for (const ratePerSec of [100, 300]) {
    it(`turns a burst into an even stream: departures exactly 1000/${ratePerSec} ms apart while its queue is non-empty`, () => {
      const I = 1000 / ratePerSec;
      const sim = build(
        limited(
          { algorithm: 'leaky-bucket', ratePerSec, queueSize: 80 },
          { rps: ratePerSec / 2, rateSchedule: [{ atMs: 2000, rps: ratePerSec * 5 }, { atMs: 2500, rps: ratePerSec / 2 }] },
          8000,
        ),
      );
      const arrived = new Map<number, number>();
      const into = recordArrivals(sim, 'rl');
      const out = recordArrivals(sim, 'web');
      sim.runToEnd();
      for (const a of into) arrived.set(a.id, a.t);
      let waited = 0;
      for (let k = 1; k < out.length; k++) {
        const gap = out[k].t - out[k - 1].t;
        expect(gap, 'never faster than the rate').toBeGreaterThan(I - 1e-9);
        if (out[k].t > arrived.get(out[k].id)!) {
          // It waited in the queue: it left when the drain slot freed, one interval after the previous.
          waited++;
          expect(Math.abs(gap - I), `departure ${k}`).toBeLessThan(1e-9);
        }
      }
      const r = sim.report();
      const rl = nodeReport(r, 'rl', 'rateLimiter');
      // The burst (5× the rate for 0.5 s) filled the queue: 80 waited at once, and the rest was refused.
      expect(waited).toBeGreaterThan(200);
      expect(rl.limited).toBeGreaterThan(0);
      expect(rl.allowed).toBe(out.length);
      expect(rl.meanWaitMs).toBeGreaterThan(0);
      // The queue never held more than its size: the longest wait is 80 intervals.
      let longest = 0;
      for (const o of out) longest = Math.max(longest, o.t - arrived.get(o.id)!);
      expect(longest).toBeLessThanOrEqual(80 * I + 1e-6);
      expect(longest).toBeGreaterThan(70 * I);
    });
  }
});

describe('leaky bucket per user, and a crash', () => {
  it('spaces each user on their own: a greedy user leaves every 1000/r ms, the others wait for nobody', () => {
    const I = 1000 / 20;
    const sim = build({
      durationMs: 20_000,
      nodes: [
        { id: 'greedy', kind: 'client', config: { rps: 100, users: 1 } },
        { id: 'crowd', kind: 'client', config: { rps: 50, users: 1000 } },
        { id: 'rl', kind: 'rateLimiter', config: { algorithm: 'leaky-bucket', scope: 'per-user', ratePerSec: 20, queueSize: 10 } },
        { id: 'web', kind: 'server', config: { concurrency: 1000, serviceTime: 1 } },
      ],
      edges: [
        { id: 'g', from: 'greedy', to: 'rl', config: { latency: 0 } },
        { id: 'c', from: 'crowd', to: 'rl', config: { latency: 0 } },
        { id: 'out', from: 'rl', to: 'web', config: { latency: 0 } },
      ],
    });
    const into = recordArrivals(sim, 'rl');
    const out = recordArrivals(sim, 'web');
    sim.runToEnd();
    sim.drain();
    const arrived = new Map(into.map((a) => [a.id, a.t]));
    const greedy = out.filter((o) => o.user === 0);
    let waited = 0;
    for (let k = 1; k < greedy.length; k++) {
      const gap = greedy[k].t - greedy[k - 1].t;
      expect(gap).toBeGreaterThan(I - 1e-9);
      if (greedy[k].t > arrived.get(greedy[k].id)!) {
        waited++;
        expect(Math.abs(gap - I)).toBeLessThan(1e-9);
      }
    }
    expect(waited).toBeGreaterThan(300); // 20 a second for 20 s, nearly all from the queue
    // A user of the crowd (~0.05 rps each) is almost never behind anyone: users other than
    // 0 that waited at all are those who came twice within 50 ms.
    const others = out.filter((o) => o.user !== 0);
    const delayed = others.filter((o) => o.t > arrived.get(o.id)!).length;
    expect(delayed / others.length).toBeLessThan(0.01);
    const rl = nodeReport(sim.report(), 'rl', 'rateLimiter');
    expect(rl.allowed).toBe(out.length);
    expect(sim.holdings().waiting).toBe(0);
  });

  it('a crash fails the requests waiting in the queue and forgets the schedule', () => {
    for (const scope of ['global', 'per-user']) {
      const sim = build(
        limited({ algorithm: 'leaky-bucket', scope, ratePerSec: 50, queueSize: 40 }, { rps: 200, users: 1, arrival: 'constant' }, 4000),
      );
      sim.runUntil(1000);
      const waiting = sim.takeFrame().nodes.rl.rateLimit!.queueLength;
      expect(waiting).toBe(40);
      sim.applyChange({ type: 'fault', action: 'crash', target: 'rl' });
      sim.runUntil(1001);
      expect(nodeReport(sim.report(), 'rl', 'rateLimiter').errors).toBe(40);
      expect(sim.takeFrame().nodes.rl.rateLimit!.queueLength).toBe(0);
      sim.applyChange({ type: 'fault', action: 'recover', target: 'rl' });
      sim.runToEnd();
      sim.drain();
      expect(sim.holdings()).toMatchObject({ waiting: 0, busy: 0, records: 0, requests: 0 });
    }
  });
});

describe('per-user scope', () => {
  /** A greedy user (the only user of one client) and 100 modest ones (~1 rps each). */
  function perUser(limiter: Json): { greedy: number[]; others: { user: number; outcome: number }[] } {
    const sim = build({
      durationMs: 20_000,
      nodes: [
        { id: 'greedy', kind: 'client', config: { rps: 200, users: 1 } },
        { id: 'crowd', kind: 'client', config: { rps: 100, users: 100 } },
        { id: 'rl', kind: 'rateLimiter', config: limiter },
        { id: 'web', kind: 'server', config: { concurrency: 1000, serviceTime: 1 } },
      ],
      edges: [
        { id: 'g', from: 'greedy', to: 'rl', config: { latency: 0 } },
        { id: 'c', from: 'crowd', to: 'rl', config: { latency: 0 } },
        { id: 'out', from: 'rl', to: 'web', config: { latency: 0 } },
      ],
    });
    const greedy = recordAnswers(sim, 'greedy');
    const crowd = recordAnswers(sim, 'crowd');
    sim.runToEnd();
    return { greedy: greedy.map((a) => a.outcome), others: crowd.map((a) => ({ user: a.user, outcome: a.outcome })) };
  }

  it('limits one greedy user while the others pass untouched, with every algorithm', () => {
    for (const algorithm of RATE_LIMIT_ALGORITHMS) {
      const { greedy, others } = perUser({ algorithm, scope: 'per-user', ratePerSec: 10, burst: 10, queueSize: 10, limit: 10, windowMs: 1000 });
      const refused = greedy.filter((o) => o === REJECTED).length;
      // 10 a second of 200 offered.
      expect(refused / greedy.length, algorithm).toBeGreaterThan(0.9);
      // Only user 0, whom the greedy client shares with the crowd, is ever refused there.
      const refusedOthers = others.filter((o) => o.outcome === REJECTED);
      expect(refusedOthers.every((o) => o.user === 0), algorithm).toBe(true);
      expect(others.filter((o) => o.user !== 0).length).toBeGreaterThan(1900);
    }
  });

  it('a global limiter with the same rate turns the crowd away too', () => {
    const { others } = perUser({ algorithm: 'token-bucket', scope: 'global', ratePerSec: 10, burst: 10 });
    const refused = others.filter((o) => o.outcome === REJECTED).length;
    expect(refused / others.length).toBeGreaterThan(0.9);
  });
});

describe('retry-after', () => {
  it('a retrying caller comes back exactly when the limiter said (the next fixed window), unless told to ignore it', () => {
    const retryAt = (respectRetryAfter: boolean) => {
      const sim = build(
        limited({ algorithm: 'fixed-window', limit: 20, windowMs: 1000 }, { rps: 50 }, 10_000, {
          retry: { maxAttempts: 2, baseDelayMs: 1, respectRetryAfter },
        }),
      );
      const into = recordArrivals(sim, 'rl');
      sim.runToEnd();
      const seen = new Set<number>();
      const retries: number[] = [];
      for (const a of into) {
        if (seen.has(a.id)) retries.push(a.t);
        seen.add(a.id);
      }
      return { retries, report: sim.report() };
    };
    const { retries, report } = retryAt(true);
    expect(retries.length).toBe(report.edges.in.retries);
    expect(retries.length).toBeGreaterThan(200);
    for (const t of retries) {
      const boundary = Math.round(t / 1000) * 1000;
      expect(t).toBeGreaterThanOrEqual(boundary);
      expect(t - boundary).toBeLessThan(1e-9);
    }
    // Told to ignore it, the caller retries 1 ms later, inside the same full window.
    const blind = retryAt(false).retries;
    expect(blind.filter((t) => Math.abs(t - Math.round(t / 1000) * 1000) < 1e-9).length).toBeLessThan(blind.length / 10);
  });
});

describe('frames', () => {
  it('carry the limiter’s allowed and limited per window, and its state within its capacity', () => {
    const sim = build(limited({ algorithm: 'token-bucket', ratePerSec: 100, burst: 20 }, { rps: 300 }, 5000));
    let allowed = 0;
    let limitedCount = 0;
    for (let t = 100; t <= 5000; t += 100) {
      sim.runUntil(t);
      const f = sim.takeFrame().nodes.rl.rateLimit!;
      allowed += f.allowed;
      limitedCount += f.limited;
      expect(f.unit).toBe('tokens');
      expect(f.capacity).toBe(20);
      expect(f.level).toBeGreaterThanOrEqual(0);
      expect(f.level).toBeLessThanOrEqual(20);
      expect(f.limitedUsers).toBeNull();
    }
    const rl = nodeReport(sim.report(), 'rl', 'rateLimiter');
    expect(allowed).toBe(rl.allowed);
    expect(limitedCount).toBe(rl.limited);
  });
});
