/**
 * The app's experiment pool (issue 12's Sweep panel): jobs handed to whichever worker is free,
 * reports merged in plan order. Its result must be the CLI's, bit for bit, whatever the number
 * of workers and whatever order they finish in; a point is handed on once, when whole;
 * cancelling and a failed run stop every worker; a refused plan starts no runs.
 */
import { describe, expect, it } from 'vitest';
import { planExperiment, runExperiment, type SweepSpec } from '../../src/engine/experiments';
import type { Report } from '../../src/engine';
import { createExperimentApi, MAX_EXPERIMENT_EVENTS, type ExperimentRequest } from '../../src/worker/experimentApi';
import { runInPool, type JobWorker, type PoolOutcome } from '../../src/worker/experimentPool';
import { scenario, station } from '../helpers';

const doc = {
  version: 1,
  name: 'M/M/1',
  seed: 7,
  ...station({ rps: 300, c: 1, service: { dist: 'exponential', meanMs: 1 }, durationMs: 2_000, warmupMs: 200 }),
};
const sweep: SweepSpec = { path: 'nodes.users.config.rps', from: 100, to: 500, step: 200 };

/** A small deterministic generator for the fake workers' delays. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Log {
  started: number[];
  created: number;
  terminated: number;
}

/** In-process workers with the real API, answering after a random delay, so they finish out of order. */
function fakeWorkers(seed: number, log: Log, options: { failOn?: number; delayMs?: number } = {}): () => JobWorker {
  const random = lcg(seed);
  return () => {
    const api = createExperimentApi();
    log.created++;
    let alive = true;
    const later = <T>(value: () => T) =>
      new Promise<T>((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(value());
          } catch (e) {
            reject(e as Error);
          }
        }, Math.floor(random() * (options.delayMs ?? 8))),
      );
    return {
      prepare: (request) => later(() => api.prepare(request)),
      run: (index) => {
        if (!alive) throw new Error('run on a terminated worker');
        log.started.push(index);
        return later(() => {
          if (index === options.failOn) throw new Error('the engine broke');
          return api.run(index);
        });
      },
      terminate: () => {
        alive = false;
        log.terminated++;
      },
    };
  };
}

const newLog = (): Log => ({ started: [], created: 0, terminated: 0 });

async function runPool(request: ExperimentRequest, workers: number, seed: number, log = newLog()) {
  const points: { index: number; value: number | null; report: Report }[] = [];
  const progress: number[] = [];
  const outcome = await runInPool(request, {
    workers,
    createWorker: fakeWorkers(seed, log),
    onPoint: (index, value, report) => points.push({ index, value, report }),
    onProgress: (done) => progress.push(done),
  }).done;
  return { outcome, points, progress, log };
}

describe('the experiment pool', () => {
  const request: ExperimentRequest = { scenario: scenario(doc), replications: 3, sweep };
  const planned = planExperiment(scenario(doc), { replications: 3, sweep });
  if (!planned.ok) throw new Error('plan');
  // The CLI's reference: every job here, one after another.
  const reference = JSON.stringify(runExperiment(planned.plan));

  it('gives the CLI’s result bit for bit, whatever the number of workers and the order they finish in', async () => {
    for (const [workers, seed] of [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [9, 5],
      [16, 6],
    ]) {
      const { outcome, log, progress } = await runPool(request, workers, seed);
      expect(outcome.status, `${workers} workers`).toBe('done');
      const done = outcome as Extract<PoolOutcome, { status: 'done' }>;
      expect(JSON.stringify(done.result), `${workers} workers`).toBe(reference);
      // Never more workers than runs; each job run exactly once; progress counts every run.
      expect(done.workers).toBe(Math.min(workers, 9));
      expect(log.created).toBe(Math.min(workers, 9));
      expect([...log.started].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(log.terminated).toBe(log.created);
    }
  });

  it('hands out jobs in plan order, so the first points finish first', async () => {
    const { log } = await runPool(request, 2, 11);
    // Workers take the next job when free: the start order is the plan's order.
    expect(log.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('hands each point on once, when its last run reports, with the report the result has', async () => {
    const { outcome, points } = await runPool(request, 3, 12);
    const result = (outcome as Extract<PoolOutcome, { status: 'done' }>).result as { sweep: { points: { value: number; report: Report }[] } };
    expect(points.map((p) => p.index).sort()).toEqual([0, 1, 2]);
    for (const p of points) {
      expect(p.value).toBe([100, 300, 500][p.index]);
      expect(p.report).toEqual(result.sweep.points[p.index].report);
      expect((p.report as Report & { replications: number }).replications).toBe(3);
    }
  });

  it('replications alone give one replicated report, the CLI’s', async () => {
    const alone = planExperiment(scenario(doc), { replications: 4 });
    if (!alone.ok) throw new Error('plan');
    const { outcome } = await runPool({ scenario: scenario(doc), replications: 4 }, 3, 13);
    expect(JSON.stringify((outcome as Extract<PoolOutcome, { status: 'done' }>).result)).toBe(JSON.stringify(runExperiment(alone.plan)));
  });

  it('stops every worker when cancelled, and starts no run after', async () => {
    const log = newLog();
    const running: ReturnType<typeof runInPool> = runInPool(request, {
      workers: 2,
      createWorker: fakeWorkers(21, log, { delayMs: 30 }),
      onProgress: (done) => {
        if (done === 2) running.cancel();
      },
    });
    const outcome = await running.done;
    expect(outcome).toEqual({ status: 'cancelled' });
    const startedAtCancel = log.started.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(log.started.length).toBe(startedAtCancel);
    expect(startedAtCancel).toBeLessThan(9);
    expect(log.terminated).toBe(log.created);
  });

  it('stops at a failed run, naming its point and seed', async () => {
    const log = newLog();
    const outcome = await runInPool(request, { workers: 2, createWorker: fakeWorkers(31, log, { failOn: 4 }) }).done;
    // Job 4 is point 2 (rps 300), replication 2: seed 7 + 1.
    expect(outcome).toEqual({ status: 'failed', message: 'point 2 (nodes.users.config.rps = 300), seed 8: the engine broke' });
    expect(log.terminated).toBe(log.created);
  });

  it('refuses a point the schema refuses, naming it, and runs nothing', async () => {
    const log = newLog();
    const bad: ExperimentRequest = { scenario: scenario(doc), replications: 2, sweep: { path: 'nodes.web.config.replicas', from: 0, to: 2, step: 1 } };
    const outcome = await runInPool(bad, { workers: 4, createWorker: fakeWorkers(41, log) }).done;
    expect(outcome.status).toBe('refused');
    const refused = outcome as Extract<PoolOutcome, { status: 'refused' }>;
    expect(refused.prepared.reason).toBe('points');
    if (refused.prepared.reason !== 'points') return;
    expect(refused.prepared.failures.map((f) => [f.point, f.value])).toEqual([[1, 0]]);
    expect(log.started).toEqual([]);
    expect(log.created).toBe(1);
  });

  it('refuses an experiment whose runs together would take more than the browser’s limit of events', async () => {
    const log = newLog();
    const long = { ...doc, durationMs: 3_600_000, nodes: doc.nodes.map((n) => (n.id === 'users' ? { ...n, config: { rps: 5_000 } } : n)) };
    const outcome = await runInPool({ scenario: scenario(long), replications: 40 }, { workers: 2, createWorker: fakeWorkers(51, log) }).done;
    expect(outcome.status).toBe('refused');
    const refused = outcome as Extract<PoolOutcome, { status: 'refused' }>;
    if (refused.prepared.reason !== 'too-large') throw new Error(refused.prepared.reason);
    expect(refused.prepared.limit).toBe(MAX_EXPERIMENT_EVENTS);
    expect(refused.prepared.estimatedEvents).toBeGreaterThan(MAX_EXPERIMENT_EVENTS);
    expect(log.started).toEqual([]);
  });
});
