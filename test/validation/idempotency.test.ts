/**
 * Duplicate writes and idempotency keys (SPEC §3.3, issue 7): a write whose caller timed out
 * and retried is applied again by the database unless the request carries an idempotency
 * key. Checked three ways: runs of constant times whose every count is known in advance;
 * runs with a busy pool, where some timed-out attempts are applied and some are not, against
 * a count made from every answer the database gave; and the share of requests retried
 * against the exponential tail that theory gives.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, nodeReport, type Report, type Simulation } from '../../src/engine';
import type { AppliedWrites } from '../../src/engine/policies/appliedWrites';
import { OK } from '../../src/engine/runtime/request';
import { replicate, scenario, seeds } from '../helpers';
import { recordArrivals, recordGivenAnswers, runtimeOf, type Given } from './probe';

type Json = Record<string, unknown>;

const within = (actual: number, expected: number, tolerance: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected} (±${tolerance})`).toBeLessThanOrEqual(tolerance);

/** Writes only, 10 a second at constant intervals, each to its own key (almost surely). */
const writer = (id: string, rps = 10) => ({ id, kind: 'client', config: { rps, arrival: 'constant', writeFraction: 1, keys: { count: 1_000_000 } } });
/** Constant 30 ms writes on a pool that never makes a query wait long. */
const slowWrites = (extra: Json = {}) => ({
  id: 'db',
  kind: 'database',
  config: { connections: 50, poolTimeoutMs: 86_400_000, writeTime: { dist: 'constant', ms: 30 }, ...extra },
});
/** The caller gives up after 20 ms and tries once more 10 ms later: every write is retried once. */
const impatient = (extra: Json = {}) => ({ latency: 0, timeoutMs: 20, retry: { maxAttempts: 2, baseDelayMs: 10, jitter: 'none' }, ...extra });

function start(doc: Json, seed = 1): Simulation {
  return createSimulation(scenario({ durationMs: 10_000, warmupMs: 0, ...doc }), { seed });
}

/** Runs to the end, then lets every request in flight finish (the sources stop). */
function finish(sim: Simulation): Report {
  sim.runToEnd();
  sim.drain();
  return sim.report();
}

const db = (r: Report) => nodeReport(r, 'db', 'database');
/** The writes of each request that the database applied (or, with a key, answered from its table). */
function byRequest(answers: Given[]): Map<number, Given[]> {
  const m = new Map<number, Given[]>();
  for (const a of answers) {
    if (!a.write) continue;
    const list = m.get(a.id) ?? [];
    list.push(a);
    m.set(a.id, list);
  }
  return m;
}
/** The sum of every key's version: every write the database applied, since each moves its key on by one. */
function versionSum(sim: Simulation): number {
  const versions = runtimeOf<{ versions: Int32Array }>(sim, 'db').versions;
  return versions.reduce((a, v) => a + v, 0);
}

describe('a write retried after a timeout', () => {
  it('is applied twice without idempotency keys and once with them (constant times: every count known)', () => {
    for (const keys of [false, true]) {
      const sim = start({
        nodes: [writer('users'), slowWrites()],
        edges: [{ id: 'e1', from: 'users', to: 'db', config: impatient({ idempotencyKeys: keys }) }],
      });
      const given = recordGivenAnswers(sim, 'e1');
      const r = finish(sim);
      const d = db(r);
      const n = r.requests.generated;
      expect(n).toBeGreaterThanOrEqual(99);
      // Each attempt takes 30 ms against a 20 ms timeout: every request times out twice, and
      // its first write commits at 30 ms, its retry's at 60 ms.
      expect(r.requests.timeout).toBe(n);
      expect(r.edges.e1.retries).toBe(n);
      const perRequest = byRequest(given);
      expect(perRequest.size).toBe(n);
      for (const answers of perRequest.values()) {
        expect(answers.map((a) => [a.attempt, a.outcome])).toEqual([
          [1, OK],
          [2, OK],
        ]);
        // Without a key the retry wrote again; with one it got the first write's answer.
        expect(answers[1].version).toBe(keys ? answers[0].version : answers[0].version + 1);
      }
      if (keys) {
        expect(d.writesApplied).toBe(n);
        expect(d.duplicateWrites).toBe(0);
        expect(d.writesDeduplicated).toBe(n);
      } else {
        expect(d.writesApplied).toBe(2 * n);
        expect(d.duplicateWrites).toBe(n);
        expect(d.writesDeduplicated).toBe(0);
      }
      expect(versionSum(sim)).toBe(d.writesApplied);
      // Both attempts of every request ran as queries, key or not.
      expect(d.shards[0].writes).toBe(2 * n);
    }
  });

  it('the key goes with the request: keys on the client\'s edge protect the write behind a server', () => {
    // users → api → db, the retry on the users → api edge; the api makes a new query for it.
    const doc = (clientKeys: boolean, apiKeys: boolean) => ({
      nodes: [writer('users'), { id: 'api', kind: 'server', config: { concurrency: 100, serviceTime: 1 } }, slowWrites()],
      edges: [
        { id: 'e1', from: 'users', to: 'api', config: impatient({ idempotencyKeys: clientKeys }) },
        { id: 'e2', from: 'api', to: 'db', config: { latency: 0, idempotencyKeys: apiKeys } },
      ],
    });
    const counts = (clientKeys: boolean, apiKeys: boolean) => {
      const r = finish(start(doc(clientKeys, apiKeys)));
      return { n: r.requests.generated, ...db(r) };
    };
    const plain = counts(false, false);
    expect(plain.duplicateWrites).toBe(plain.n);
    expect(plain.writesApplied).toBe(2 * plain.n);
    // Keys where the retry happens: the server passes the key on, the database applies once.
    const atClient = counts(true, false);
    expect(atClient.duplicateWrites).toBe(0);
    expect(atClient.writesDeduplicated).toBe(atClient.n);
    expect(atClient.writesApplied).toBe(atClient.n);
    // Keys on the database's own edge: the retried request has the same id, so the same key.
    const atDb = counts(false, true);
    expect(atDb.duplicateWrites).toBe(0);
    expect(atDb.writesDeduplicated).toBe(atDb.n);
  });

  it('keys on a balancer\'s link protect the write, its processing time riding the link', () => {
    // users → lb → db: the balancer's 0.1 ms processing and the link's constant latency are one
    // delay line (edge.sendAfter's fast path), which must carry the key like a plain send.
    const doc = (keys: boolean) => ({
      nodes: [writer('users'), { id: 'lb', kind: 'loadBalancer', config: { processingTime: 0.1 } }, slowWrites()],
      edges: [
        { id: 'e1', from: 'users', to: 'lb', config: impatient({ timeoutMs: 20.2 }) },
        { id: 'e2', from: 'lb', to: 'db', config: { latency: 0, idempotencyKeys: keys } },
      ],
    });
    for (const keys of [false, true]) {
      const r = finish(start(doc(keys)));
      const n = r.requests.generated;
      const d = db(r);
      expect(d.duplicateWrites).toBe(keys ? 0 : n);
      expect(d.writesApplied).toBe(keys ? n : 2 * n);
    }
  });

  it('only the requests that carry a key are protected: two clients, one sending keys', () => {
    const sim = start({
      nodes: [writer('keyed'), writer('plain'), { id: 'api', kind: 'server', config: { concurrency: 100, serviceTime: 1 } }, slowWrites()],
      edges: [
        { id: 'e1', from: 'keyed', to: 'api', config: impatient({ idempotencyKeys: true }) },
        { id: 'e2', from: 'plain', to: 'api', config: impatient() },
        { id: 'e3', from: 'api', to: 'db', config: { latency: 0 } },
      ],
    });
    const r = finish(sim);
    const d = db(r);
    // Each client's requests are retried once each (every attempt outlasts the timeout).
    expect(r.edges.e1.retries + r.edges.e2.retries).toBe(r.requests.generated);
    expect(d.writesDeduplicated).toBe(r.edges.e1.retries);
    expect(d.duplicateWrites).toBe(r.edges.e2.retries);
  });

  it('through a queue: a redelivered message\'s write is a duplicate, unless the producer sent a key', () => {
    // The queue gives its consumer 20 ms; the consumer's write takes 30: every message is
    // delivered twice, and both deliveries write.
    const doc = (keys: boolean) => ({
      nodes: [
        writer('users'),
        { id: 'q', kind: 'queue', config: { maxAttempts: 2 } },
        { id: 'worker', kind: 'server', config: { concurrency: 100, serviceTime: 1 } },
        slowWrites(),
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'q', config: { latency: 0, idempotencyKeys: keys } },
        { id: 'e2', from: 'q', to: 'worker', config: { latency: 0, timeoutMs: 20 } },
        { id: 'e3', from: 'worker', to: 'db', config: { latency: 0 } },
      ],
    });
    for (const keys of [false, true]) {
      const r = finish(start(doc(keys)));
      const q = nodeReport(r, 'q', 'queue');
      expect(q.redelivered).toBeGreaterThan(90);
      expect(db(r).duplicateWrites).toBe(keys ? 0 : q.redelivered);
      expect(db(r).writesDeduplicated).toBe(keys ? q.redelivered : 0);
    }
  });

  it('a crash of the database keeps its key table, as it keeps the data', () => {
    const base = { nodes: [writer('users', 1), slowWrites()], edges: [{ id: 'e1', from: 'users', to: 'db', config: impatient({ idempotencyKeys: true, retry: { maxAttempts: 2, baseDelayMs: 20, jitter: 'none' } }) }] };
    const probe = start({ ...base, durationMs: 1_500 });
    const arrivals = recordArrivals(probe, 'db');
    probe.runToEnd();
    const t0 = arrivals[0].t;
    // The first write commits at t0 + 30; the retry arrives at t0 + 40. Crash in between.
    const sim = start({
      ...base,
      durationMs: t0 + 500,
      faults: [
        { atMs: t0 + 33, action: 'crash', target: 'db' },
        { atMs: t0 + 36, action: 'recover', target: 'db' },
      ],
    });
    sim.runToEnd();
    const d = db(sim.report());
    expect(sim.report().requests.generated).toBe(1);
    expect(d.writesApplied).toBe(1);
    expect(d.writesDeduplicated).toBe(1);
  });
});

describe('duplicates against an independent count', () => {
  /**
   * A busy pool: 4 connections of 10 ms writes at 300 rps, a 30 ms pool timeout, a caller
   * that waits 25 ms and retries once. An attempt the caller gave up on may still commit (it
   * got a connection), or die in the pool: only the first kind makes its retry a duplicate.
   */
  const busy = (keys: boolean) => ({
    durationMs: 30_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 300, writeFraction: 1, keys: { count: 1000 } } },
      { id: 'db', kind: 'database', config: { connections: 4, poolTimeoutMs: 30, writeTime: { dist: 'exponential', meanMs: 10 } } },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'db', config: { latency: 0, timeoutMs: 25, retry: { maxAttempts: 2, baseDelayMs: 5, jitter: 'full' }, idempotencyKeys: keys } }],
  });

  it('duplicates counted = retries that committed after their first attempt committed too, counted from every answer', () => {
    for (const seed of seeds(3)) {
      for (const keys of [false, true]) {
        const sim = start(busy(keys), seed);
        const given = recordGivenAnswers(sim, 'e1');
        sim.runToEnd();
        const d = db(sim.report());
        let both = 0; // first attempt and retry committed
        let retriedAfterLoss = 0; // a retry whose first attempt died in the pool
        let appliedOnce = 0;
        for (const answers of byRequest(given).values()) {
          const committed = (attempt: number) => answers.some((a) => a.attempt === attempt && a.outcome === OK);
          const retried = answers.some((a) => a.attempt === 2);
          if (committed(1) && committed(2)) both++;
          if (retried && !committed(1)) retriedAfterLoss++;
          if (committed(1) || committed(2)) appliedOnce++;
        }
        // The lesson needs both kinds of retry, and plenty of each.
        expect(both).toBeGreaterThan(300);
        expect(retriedAfterLoss).toBeGreaterThan(300);
        if (keys) {
          expect(d.duplicateWrites).toBe(0);
          expect(d.writesDeduplicated).toBe(both);
          expect(versionSum(sim)).toBe(appliedOnce);
        } else {
          expect(d.duplicateWrites).toBe(both);
          expect(d.writesDeduplicated).toBe(0);
          expect(versionSum(sim)).toBe(appliedOnce + both);
        }
        expect(d.writesApplied).toBe(versionSum(sim));
      }
    }
  });

  it('with no queueing, the duplicates per write are the chance an attempt outlasts the timeout, and its retry too: p + p²', () => {
    // Exponential 10 ms writes on a pool that never waits, a 15 ms timeout, three attempts:
    // an attempt times out with p = e^(−15/10), each attempt is applied, so a request writes
    // 1 + p + p² times on average.
    const doc = {
      durationMs: 60_000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 100, writeFraction: 1, keys: { count: 1000 } } },
        { id: 'db', kind: 'database', config: { connections: 1000, poolTimeoutMs: 86_400_000, writeTime: { dist: 'exponential', meanMs: 10 } } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'db', config: { latency: 0, timeoutMs: 15, retry: { maxAttempts: 3, baseDelayMs: 5 } } }],
    };
    const p = Math.exp(-1.5);
    const share = replicate(seeds(8), (seed) => {
      const sim = start(doc, seed);
      sim.runToEnd();
      const r = sim.report();
      return db(r).duplicateWrites / r.requests.generated;
    });
    expect(4 * share.se).toBeLessThan(0.05 * (p + p * p));
    within(share.mean, p + p * p, 4 * share.se, 'duplicate writes per request');
  });
});

describe('the memory of applied writes stays bounded', () => {
  it('40 minutes at 300 writes a second hold the last 10 minutes of ids, no more', () => {
    const sim = createSimulation(
      scenario({
        durationMs: 2_400_000,
        nodes: [
          { id: 'users', kind: 'client', config: { rps: 300, writeFraction: 1, keys: { count: 100 } } },
          { id: 'db', kind: 'database', config: { connections: 100, writeTime: { dist: 'constant', ms: 1 } } },
        ],
        edges: [{ id: 'e1', from: 'users', to: 'db', config: { latency: 0 } }],
      }),
      { seed: 3 },
    );
    const memory = runtimeOf<{ applied: AppliedWrites }>(sim, 'db').applied;
    // Poisson: 180,000 writes expected in any 10 minutes, standard deviation ≈ 424.
    const tolerance = 4 * Math.sqrt(180_000);
    for (const at of [1_200_000, 1_800_000, 2_400_000]) {
      sim.runUntil(at);
      within(memory.size, 180_000, tolerance, `ids held at ${at / 60_000} minutes`);
      expect(memory.capacity).toBe(1 << 18);
    }
    expect(db(sim.report()).rememberedWriteIds).toBe(memory.size);
    expect(db(sim.report()).writesApplied).toBeGreaterThan(700_000);
    expect(memory.forgottenEarly).toBe(0);
  });
});
