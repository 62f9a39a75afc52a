/**
 * Replications and sweeps against queueing theory (SPEC §4.1, THEORY.md): the interval of a
 * replicated M/M/1 covers W = 1/(μ − λ) and is as wide as the spread of its replications
 * says; an rps sweep follows W at every point; a replicas sweep finds the count Erlang C
 * finds.
 */
import { describe, expect, it } from 'vitest';
import { runOnThreads } from '../../src/cli/experimentRunner';
import { runCli } from '../../src/cli/run';
import { studentTQuantile, sweepThreshold, type SweepResult } from '../../src/engine/experiments';
import { mmcTimeQuantile } from '../../src/theory';
import { run, station } from '../helpers';

async function simText(doc: unknown, ...flags: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['doc.json', '--json', ...flags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: () => JSON.stringify(doc),
    clock: () => 0,
    runner: runOnThreads,
    defaultThreads: 2,
  });
  if (code !== 0) throw new Error(`exit ${code}: ${stderr}`);
  return stdout;
}

const sim = async (doc: unknown, ...flags: string[]) => JSON.parse(await simText(doc, ...flags));

/**
 * Each of k intervals widened so that all k hold together with 95% confidence (Bonferroni:
 * each at 1 − 0.05/k), for a check of every point of a sweep at once.
 */
const familyWidening = (k: number, replications: number) =>
  studentTQuantile(1 - 0.05 / (2 * k), replications - 1) / studentTQuantile(0.975, replications - 1);

const mm1 = (rps: number) => ({
  version: 1,
  name: 'M/M/1',
  seed: 1,
  ...station({ rps, c: 1, service: { dist: 'exponential', meanMs: 1 }, durationMs: 60_000, warmupMs: 2_000 }),
});

describe('M/M/1 at ρ = 0.8 with --replications 20', () => {
  it('gives a mean-latency interval that covers 1/(μ − λ) = 5 ms, as wide as the replications’ spread says', async () => {
    const text = await simText(mm1(800), '--replications', '20', '--threads', '2');
    // The same command on one thread prints the very same JSON.
    expect(await simText(mm1(800), '--replications', '20', '--threads', '1')).toBe(text);
    const r = JSON.parse(text);
    expect(r.replications).toBe(20);
    const half = r.ci95.latencyMs.mean;
    expect(Math.abs(r.latencyMs.mean - 5)).toBeLessThanOrEqual(half);
    // The same 20 runs, one by one, and their spread computed here: t(0.975, 19) from a table.
    const means = Array.from({ length: 20 }, (_, i) => run(mm1(800), { seed: 1 + i }).latencyMs.mean);
    const mean = means.reduce((a, b) => a + b, 0) / 20;
    const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / 19;
    expect(r.latencyMs.mean).toBeCloseTo(mean, 12);
    expect(half).toBeCloseTo((2.0930240544083087 * Math.sqrt(variance)) / Math.sqrt(20), 12);
    // It has teeth: 20 minutes of simulated traffic pin the mean within a few percent.
    expect(half).toBeLessThan(0.25);
    expect(half).toBeGreaterThan(0);
  });
});

describe('a sweep of rps over an M/M/1 (μ = 1 per ms) from 100 to 900 per second', () => {
  it('matches W = 1/(μ − λ) at every point within its interval', async () => {
    const out = (await sim(mm1(100), '--sweep', 'nodes.users.config.rps=100:900:100', '--replications', '10')) as SweepResult;
    const points = out.sweep.points;
    expect(points.map((p) => p.value)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900]);
    const widen = familyWidening(points.length, 10);
    for (const { value, report } of points) {
      const w = 1 / (1 - value / 1000);
      const half = 'ci95' in report ? report.ci95.latencyMs.mean : NaN;
      expect(Math.abs(report.latencyMs.mean - w), `λ = ${value}/s: ${report.latencyMs.mean} vs W = ${w} ± ${half}`).toBeLessThanOrEqual(half * widen);
      // Narrow enough to mean something: within 6% of W at every load.
      expect(half).toBeLessThan(0.06 * w);
    }
  });
});

describe('a sweep of consumer replicas behind a job queue (M/M/c: 300 jobs/s, 10 ms each)', () => {
  // One FIFO in the broker, c single-worker consumers pulling from it: Erlang C's system.
  const doc = {
    version: 1,
    name: 'job queue',
    seed: 3,
    durationMs: 60_000,
    warmupMs: 5_000,
    nodes: [
      { id: 'producers', kind: 'client', config: { rps: 300 } },
      { id: 'jobs', kind: 'queue' },
      { id: 'workers', kind: 'server', config: { replicas: 1, concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 10 } } },
    ],
    edges: [
      { id: 'e1', from: 'producers', to: 'jobs', config: { latency: 0 } },
      { id: 'e2', from: 'jobs', to: 'workers', config: { latency: 0 } },
    ],
  };
  const target = 55; // ms, for the p99 from enqueue to done

  it('finds the smallest count that holds p99 under the target, the one Erlang C finds', async () => {
    const out = (await sim(doc, '--sweep', 'nodes.workers.config.replicas=1:8:1', '--replications', '10')) as SweepResult;
    const figure = 'nodes.jobs.processingLatencyMs.p99';
    const found = sweepThreshold(out.sweep.points, figure, target);
    const theory = [1, 2, 3, 4, 5, 6, 7, 8].find((c) => mmcTimeQuantile(0.3, 0.1, c, 0.99) <= target);
    expect(theory).toBe(5);
    expect(found).toBe(theory);
    // And the simulated p99 agrees with Erlang C's wherever the queue is stable.
    const widen = familyWidening(5, 10);
    for (const { value, report } of out.sweep.points.filter((p) => p.value >= 4)) {
      const p99 = mmcTimeQuantile(0.3, 0.1, value, 0.99);
      const sim = (report.nodes.jobs as unknown as { processingLatencyMs: { p99: number } }).processingLatencyMs.p99;
      const half = 'ci95' in report ? (report.ci95.nodes.jobs as { processingLatencyMs: { p99: number } }).processingLatencyMs.p99 : NaN;
      expect(Math.abs(sim - p99), `c = ${value}: ${sim} vs Erlang C ${p99} ± ${half}`).toBeLessThanOrEqual(half * widen + 0.01 * p99);
    }
  });
});
