/**
 * The explainer's rules, one test each: a live state where the rule must speak (and say what, in
 * the run's own numbers), and one where it must stay quiet.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/ui/explain';
import { RULES, serverCapacity } from '../../src/ui/explain/rules';
import { ctx, design, edge, node } from './explainFixtures';

const overloaded = design(
  [
    { id: 'users', kind: 'client', config: { rps: 1800 } },
    { id: 'web', kind: 'server', config: { replicas: 3, concurrency: 4, serviceTime: 8, queueCapacity: 50, io: 'async' } },
  ],
  [{ id: 'e1', from: 'users', to: 'web' }],
);

describe('explainer rules', () => {
  it('queueFull: names the queue, the share refused, the offer and the capacity', () => {
    const c = ctx(overloaded, { users: node({ utilization: 0 }), web: node({ utilization: 0.99, queueLength: 150, instancesUp: 3, instancesTotal: 3, rateRps: 1800 }) }, {
      e1: edge({ callsPerSec: 1800, okPerSec: 1476, rejectedPerSec: 324 }),
    });
    const [f] = RULES.queueFull(c);
    expect(f.node).toBe('web');
    expect(f.severity).toBe('failing');
    // 324 of 1,800 answers refused = 18%; 3 × 4 workers at 8 ms = 1,500 rps.
    expect(f.text).toBe('queue full (50 per instance) → 503 for 18% of requests: 1,800 rps offered to 3 × 4 workers at 8 ms each (capacity 1,500 rps)');
    // Nothing refused: quiet.
    const calm = ctx(overloaded, { web: node({ utilization: 0.99, instancesUp: 3, instancesTotal: 3 }) }, { e1: edge() });
    expect(RULES.queueFull(calm)).toEqual([]);
  });

  it('serverCapacity: the instances up now, and an autoscaler at its maximum', () => {
    const d = design([{ id: 'web', kind: 'server', config: { concurrency: 2, serviceTime: { dist: 'exponential', meanMs: 20 }, autoscale: { min: 1, max: 4 } } }], []);
    const web = d.nodes[0] as Extract<(typeof d.nodes)[number], { kind: 'server' }>;
    const cap = serverCapacity(web, node({ instancesUp: 4, replicas: { inRotation: 4, starting: 0, draining: 0, desired: 4 } }), false)!;
    expect(cap.rps).toBe(400);
    expect(cap.words).toBe('4 × 2 workers at 20 ms each (capacity 400 rps); autoscaling is at its maximum of 4');
  });

  it('saturated: a full-time busy server with a long queue and no refusals yet', () => {
    const c = ctx(overloaded, { web: node({ utilization: 0.985, queueLength: 340, instancesUp: 3, instancesTotal: 3, rateRps: 1560 }) }, { e1: edge({ okPerSec: 1500 }) });
    const [f] = RULES.saturated(c);
    expect(f.text).toBe('saturated: 99% busy with 340 waiting in its queue: 1,560 rps offered to 3 × 4 workers at 8 ms each (capacity 1,500 rps)');
    expect(RULES.saturated(ctx(overloaded, { web: node({ utilization: 0.985, queueLength: 5, instancesUp: 3, instancesTotal: 3 }) }, {}))).toEqual([]);
  });

  it('instancesDown: all down, or some', () => {
    expect(RULES.instancesDown(ctx(overloaded, { web: node({ instancesUp: 0, instancesTotal: 3 }) }, {}))[0].text).toBe(
      'all 3 instances of web are down (crashed): every call to it fails',
    );
    expect(RULES.instancesDown(ctx(overloaded, { web: node({ instancesUp: 2, instancesTotal: 3 }) }, {}))[0].text).toBe('1 of 3 instances of web down: 2 take all its traffic');
    expect(RULES.instancesDown(ctx(overloaded, { web: node({ instancesUp: 3, instancesTotal: 3 }) }, {}))).toEqual([]);
  });

  const withBreaker = design(
    [
      { id: 'web', kind: 'server', config: {} },
      { id: 'db', kind: 'database', config: {} },
    ],
    [{ id: 'e2', from: 'web', to: 'db', config: { circuitBreaker: { failureRateThreshold: 0.5 }, timeoutMs: 200, retry: { maxAttempts: 3 } } }],
  );

  it('breakerOpen: the edge, since when, and why (the callee crashed)', () => {
    const c = ctx(withBreaker, { web: node(), db: node({ instancesUp: 0 }) }, { e2: edge({ circuitState: 'open', circuitOpenedAtMs: 31_200 }) });
    const [f] = RULES.breakerOpen(c);
    expect(f).toMatchObject({ node: 'web', edge: 'e2', severity: 'failing' });
    expect(f.text).toBe('breaker open on web → db since 31.2 s: db crashed');
    expect(RULES.breakerOpen(ctx(withBreaker, { web: node(), db: node() }, { e2: edge({ circuitState: 'closed' }) }))).toEqual([]);
  });

  it('retryStorm: retries that multiply the load on the callee', () => {
    const c = ctx(withBreaker, { web: node(), db: node() }, { e2: edge({ callsPerSec: 2700, retriesPerSec: 1800 }) });
    const [f] = RULES.retryStorm(c);
    expect(f.node).toBe('db');
    expect(f.text).toBe('retries triple the load on db: 1,800 rps of the 2,700 rps calls web → db are retries');
    expect(RULES.retryStorm(ctx(withBreaker, {}, { e2: edge({ callsPerSec: 1000, retriesPerSec: 100 }) }))).toEqual([]);
  });

  it('timeouts: the share of calls that time out, and the timeout', () => {
    const c = ctx(withBreaker, { web: node(), db: node({ utilization: 0.97 }) }, { e2: edge({ okPerSec: 60, timeoutPerSec: 40 }) });
    expect(RULES.timeouts(c)[0].text).toBe('40% of calls web → db time out after 200 ms: db is 97% busy');
    expect(RULES.timeouts(ctx(withBreaker, {}, { e2: edge({ okPerSec: 99, timeoutPerSec: 1 }) }))).toEqual([]);
  });

  it('failing: errors from a configured error rate, or from the node\'s own calls', () => {
    const flaky = design(
      [
        { id: 'users', kind: 'client', config: {} },
        { id: 'web', kind: 'server', config: { errorRate: 0.2 } },
        { id: 'api', kind: 'server', config: {} },
        { id: 'db', kind: 'server', config: {} },
      ],
      [
        { id: 'e1', from: 'users', to: 'web' },
        { id: 'e2', from: 'users', to: 'api' },
        { id: 'e3', from: 'api', to: 'db' },
      ],
    );
    const found = RULES.failing(
      ctx(flaky, { web: node(), api: node(), db: node({ instancesUp: 1 }) }, {
        e1: edge({ okPerSec: 80, errorPerSec: 20 }),
        e2: edge({ okPerSec: 50, errorPerSec: 50 }),
        e3: edge({ okPerSec: 50, errorPerSec: 50, failRate: 0.5 }),
      }),
    );
    expect(found.map((f) => [f.node, f.text])).toEqual([
      ['web', 'fails 20% of requests: its error rate is set to 20%'],
      ['api', 'fails 50% of requests: its calls to db fail (50%)'],
      // db's own callers see half their calls fail, and nothing the design says explains it.
      ['db', 'fails 50% of requests'],
    ]);
  });

  it('poolExhausted: every connection taken and queries waiting', () => {
    const d = design([{ id: 'db', kind: 'database', config: { connections: 10, poolTimeoutMs: 1000 } }], []);
    expect(RULES.poolExhausted(ctx(d, { db: node({ connectionsInUse: 10, poolSize: 10, poolWaitMs: 45 }) }, {}))[0].text).toBe(
      'all 10 connections in use: queries wait 45 ms for one (pool timeout 1 s)',
    );
    expect(RULES.poolExhausted(ctx(d, { db: node({ connectionsInUse: 6, poolSize: 10, poolWaitMs: 0 }) }, {}))).toEqual([]);
  });

  it('queueBacklog: depth, lag, and consumers slower than producers', () => {
    const d = design(
      [
        { id: 'q', kind: 'queue', config: { capacity: 10_000 } },
        { id: 'worker', kind: 'server', config: {} },
      ],
      [{ id: 'e1', from: 'q', to: 'worker' }],
    );
    const [f] = RULES.queueBacklog(ctx(d, { q: node({ depth: 5000, lagMs: 3200, rateRps: 600 }) }, { e1: edge({ callsPerSec: 400 }) }));
    expect(f.text).toBe('backlog of 5,000 messages, the oldest waiting 3.2 s: 600 rps in, consumers take 400 rps');
    expect(RULES.queueBacklog(ctx(d, { q: node({ depth: 3, lagMs: 20 }) }, {}))).toEqual([]);
  });

  it('rateLimited: the share refused and the limit that refuses it', () => {
    const d = design([{ id: 'rl', kind: 'rateLimiter', config: { algorithm: 'token-bucket', ratePerSec: 600, burst: 50 } }], []);
    const rateLimit = { allowed: 60, limited: 40, limitedUsers: null, unit: 'tokens' as const, level: 0, capacity: 50, queueLength: 0 };
    const [f] = RULES.rateLimited(ctx(d, { rl: node({ rateLimit, limitedRps: 400, allowedRps: 600 }) }, {}));
    expect(f.text).toBe('limiting 40% of requests: 1,000 rps offered, 600 rps let through (token bucket 600/s, burst 50)');
    expect(RULES.rateLimited(ctx(d, { rl: node({ rateLimit, limitedRps: 1, allowedRps: 600 }) }, {}))).toEqual([]);
  });

  it('explain: every rule runs, failing findings first', () => {
    const c = { web: node({ utilization: 0.99, queueLength: 150, instancesUp: 2, instancesTotal: 3, rateRps: 1800 }) };
    const findings = explain(overloaded, 1000, c, { e1: edge({ callsPerSec: 1800, okPerSec: 1400, rejectedPerSec: 400 }) });
    expect(findings.map((f) => f.rule)).toEqual(['instancesDown', 'queueFull']);
  });
});
