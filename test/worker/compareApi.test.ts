/**
 * The comparison worker's API over a real message channel: a replication is the very run the
 * CLI makes (same seed, same report), its series reads the run's figures over time, and the
 * comparison of two designs' pairs is the engine's paired comparison.
 */
import { expose, wrap, type Endpoint, type Remote } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { pairedComparison, runScenario } from '../../src/engine/experiments';
import { meanSeries } from '../../src/ui/compare/series';
import { createCompareApi } from '../../src/worker/compareApi';
import type { CompareWorkerApi } from '../../src/worker/compareProtocol';
import { scenario } from '../helpers';

const design = (meanMs: number) =>
  scenario({
    seed: 5,
    durationMs: 8000,
    warmupMs: 1000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 300 } },
      { id: 'web', kind: 'server', config: { concurrency: 2, queueCapacity: 10_000, serviceTime: { dist: 'exponential', meanMs } } },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'web' }],
  });

const ports: MessagePort[] = [];
function connect(): Remote<CompareWorkerApi> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(createCompareApi(), port1 as unknown as Endpoint);
  return wrap<CompareWorkerApi>(port2 as unknown as Endpoint);
}
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

describe('the comparison worker', () => {
  it('runs a replication exactly as runScenario does, and reads its figures over time', async () => {
    const api = connect();
    const { report, series } = await api.runReplication(design(5), 7, 40);
    expect(report).toEqual(runScenario(design(5), 7));
    expect(series.t).toHaveLength(40);
    expect(series.t[0]).toBeCloseTo(0.2, 9);
    expect(series.t[39]).toBeCloseTo(8, 9);
    // The windows' throughput averages (weighted equally: equal windows) to the run's own.
    const after = series.throughputRps.slice(5);
    const mean = after.reduce((a, b) => a + b, 0) / after.length;
    expect(Math.abs(mean - report.throughputRps) / report.throughputRps).toBeLessThan(0.02);
    for (let i = 0; i < 40; i++) {
      expect(series.p50[i]).not.toBeNull();
      expect(series.p99[i]!).toBeGreaterThanOrEqual(series.p50[i]!);
    }
  });

  it('a window in which nothing succeeded has no latency; the mean of runs takes those that have one', async () => {
    const api = connect();
    // The server fails everything from 4 s on (a crash without recovery).
    const failing = scenario({ ...design(5), faults: [{ atMs: 4000, action: 'crash', target: 'web' }] });
    const run = await api.runReplication(failing, 7, 8);
    expect(run.series.p50.slice(0, 3).every((v) => v !== null && v > 0)).toBe(true);
    expect(run.series.p50.slice(5)).toEqual([null, null, null]);
    expect(run.series.p99.slice(5)).toEqual([null, null, null]);
    const healthy = await api.runReplication(design(5), 7, 8);
    const mean = meanSeries([run, healthy]);
    // Late windows: only the healthy run has a latency, so the mean is its own.
    expect(mean.p50[7]).toBe(healthy.series.p50[7]);
    // Early windows: both have one.
    expect(mean.p50[0]).toBeCloseTo((run.series.p50[0]! + healthy.series.p50[0]!) / 2, 9);
    expect(meanSeries([run]).p99[7]).toBeNull();
  });

  it('shortens a run when asked', async () => {
    const api = connect();
    const { report, series } = await api.runReplication(design(5), 7, 10, 3000);
    expect(report.simulatedMs).toBe(3000);
    expect(series.t[9]).toBeCloseTo(3, 9);
  });

  it('compares pairs with the engine’s paired comparison', async () => {
    const api = connect();
    const a = [];
    const b = [];
    for (const seed of [1, 2, 3, 4]) {
      a.push((await api.runReplication(design(5), seed, 4)).report);
      b.push((await api.runReplication(design(5.5), seed, 4)).report);
    }
    const figures = ['latencyMs.mean', 'errorRate'];
    expect(await api.compare(a, b, figures)).toEqual(pairedComparison(a, b, figures));
  });

  it('refuses a design that cannot run, naming the problem', async () => {
    const api = connect();
    const lonely = scenario({ nodes: [{ id: 'users', kind: 'client' }], edges: [] });
    await expect(api.runReplication(lonely, 1, 4)).rejects.toThrow(/users/);
  });
});
