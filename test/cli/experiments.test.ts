/**
 * `npm run sim -- … --replications N --sweep PATH=FROM:TO:STEP --threads T` (SPEC §4.1): the
 * output's shape, the same JSON whatever the thread count (real worker threads), every bad
 * point refused by name, a failed run named by its point and seed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobFailure, runOnThreads } from '../../src/cli/experimentRunner';
import { runCli } from '../../src/cli/run';
import { planExperiment } from '../../src/engine/experiments';
import { scenario } from '../helpers';

const doc = {
  version: 1,
  name: 'experiments',
  seed: 7,
  durationMs: 4000,
  warmupMs: 500,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 400 } },
    { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'least-connections' } },
    { id: 'web', kind: 'server', config: { replicas: 2, concurrency: 2, serviceTime: { dist: 'exponential', meanMs: 4 } } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web', config: { timeoutMs: 30, retry: { maxAttempts: 2, baseDelayMs: 5, jitter: 'full' } } },
  ],
};

async function cli(d: unknown, ...flags: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['scenario.json', ...flags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: () => JSON.stringify(d),
    clock: () => 0,
    runner: runOnThreads,
    defaultThreads: 2,
  });
  return { code, stdout, stderr };
}

describe('replications and sweeps on the command line', () => {
  it('prints the means with "replications" and a "ci95" that mirrors the numeric fields', async () => {
    const { code, stdout, stderr } = await cli(doc, '--json', '--replications', '5');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.replications).toBe(5);
    expect(r.seed).toBe(7);
    expect(r.wallMs).toBe(0);
    expect(typeof r.ci95.latencyMs.p99).toBe('number');
    expect(typeof r.ci95.throughputRps).toBe('number');
    expect(typeof r.ci95.nodes.web.utilization).toBe('number');
    expect(typeof r.ci95.edges.e2.retries).toBe('number');
    expect(r.ci95.nodes.web.kind).toBeUndefined();
  });

  it('prints the same JSON on 1, 2 and 3 threads', async () => {
    const one = await cli(doc, '--json', '--replications', '6', '--threads', '1');
    const two = await cli(doc, '--json', '--replications', '6', '--threads', '2');
    const three = await cli(doc, '--json', '--replications', '6', '--threads', '3');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(one.stdout);
    const sweep = ['--json', '--sweep', 'nodes.users.config.rps=200:600:200', '--replications', '3'];
    const s1 = await cli(doc, ...sweep, '--threads', '1');
    const s2 = await cli(doc, ...sweep, '--threads', '2');
    expect(s1.code).toBe(0);
    expect(s2.stdout).toBe(s1.stdout);
  });

  it('prints a sweep as {"sweep": {"path", "points": [{"value", "report"}]}}, with ci95 per point when replicated', async () => {
    const plain = JSON.parse((await cli(doc, '--json', '--sweep', 'nodes.web.config.replicas=1:3:1')).stdout);
    expect(Object.keys(plain)).toEqual(['sweep']);
    expect(plain.sweep.path).toBe('nodes.web.config.replicas');
    expect(plain.sweep.points.map((p: { value: number }) => p.value)).toEqual([1, 2, 3]);
    expect(plain.sweep.points.map((p: { report: { nodes: { web: { replicas: number } } } }) => p.report.nodes.web.replicas)).toEqual([1, 2, 3]);
    expect(plain.sweep.points[0].report.ci95).toBeUndefined();
    const replicated = JSON.parse((await cli(doc, '--json', '--sweep', 'edges.e2.config.timeoutMs=10:20:10', '--replications', '2')).stdout);
    expect(replicated.sweep.points).toHaveLength(2);
    for (const p of replicated.sweep.points) {
      expect(p.report.replications).toBe(2);
      expect(typeof p.report.ci95.latencyMs.mean).toBe('number');
    }
  });

  it('splits by point: each point run alone prints what the whole sweep prints for it (README)', async () => {
    const whole = await cli(doc, '--json', '--replications', '3', '--sweep', 'nodes.users.config.rps=200:600:200');
    const parts = await Promise.all(
      [600, 200, 400].map(async (rps) => JSON.parse((await cli(doc, '--json', '--replications', '3', '--sweep', `nodes.users.config.rps=${rps}:${rps}:1`)).stdout)),
    );
    // What the README's jq does: gather the points, in order of value.
    const merged = { sweep: { path: parts[0].sweep.path, points: parts.flatMap((p) => p.sweep.points).sort((a, b) => a.value - b.value) } };
    expect(`${JSON.stringify(merged, null, 2)}\n`).toBe(whole.stdout);
  });

  it('refuses every invalid point by number and value, and runs nothing', async () => {
    const { code, stdout, stderr } = await cli(doc, '--json', '--sweep', 'nodes.web.config.replicas=-1:1:1', '--replications', '3');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--sweep point 1 (nodes.web.config.replicas = -1): invalid scenario document');
    expect(stderr).toContain('--sweep point 2 (nodes.web.config.replicas = 0): invalid scenario document');
    expect(stderr).toContain('nodes[2].config.replicas: must be an integer ≥ 1');
    expect(stderr).not.toContain('point 3');
  });

  it('holds every run to the budget, naming the point', async () => {
    const { code, stderr } = await cli(doc, '--sweep', 'nodes.users.config.rps=1000:201000:100000', '--max-events', '3000000');
    expect(code).toBe(2);
    expect(stderr).toContain('--sweep point 3 (nodes.users.config.rps = 201000): the run would take more than');
    expect(stderr).not.toContain('point 1');
  });

  it('refuses bad flags', async () => {
    expect((await cli(doc, '--replications', '1')).stderr).toContain('--replications: must be an integer from 2 to 1000');
    expect((await cli(doc, '--replications', '1001')).code).toBe(2);
    expect((await cli(doc, '--replications', '2', '--threads', '0')).stderr).toContain('--threads: must be an integer from 1 to 256');
    expect((await cli(doc, '--sweep', 'nodes.web.config.replicas')).stderr).toContain('--sweep: must be PATH=FROM:TO:STEP');
    expect((await cli(doc, '--sweep', 'nodes.nope.config.replicas=1:2:1')).stderr).toContain('"nodes" has no element with id "nope"');
  });

  it('prints a summary for people without --json', async () => {
    const r = await cli(doc, '--replications', '3');
    expect(r.stdout).toContain('3 replications, seeds 7 to 9');
    expect(r.stdout).toMatch(/latency {4}mean [\d.]+ ± [\d.]+/);
    const s = await cli(doc, '--sweep', 'nodes.users.config.rps=100:300:100');
    expect(s.stdout).toContain('sweep of nodes.users.config.rps over 3 points');
  });

  it('names the point and the seed of a run that fails in a worker thread', async () => {
    const planned = planExperiment(scenario(doc), { replications: 2, sweep: { path: 'nodes.web.config.replicas', from: 1, to: 2, step: 1 } });
    if (!planned.ok) throw new Error('fixture');
    // Break the second point's document behind the schema's back: its runs throw inside the engine.
    (planned.plan.points[1].scenario.nodes[2].config as { serviceTime: unknown }).serviceTime = { dist: 'no-such-law' };
    const failure = await runOnThreads(planned.plan, 2, () => {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(JobFailure);
    expect((failure as JobFailure).message).toMatch(/^point 2 \(nodes\.web\.config\.replicas = 2\), seed (7|8): /);
  });
});

describe('the real process', () => {
  it('runs replications over worker threads from `npm run sim`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archsim-'));
    const file = join(dir, 'doc.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = (threads: string) =>
      spawnSync('npx', ['tsx', 'src/cli/main.ts', file, '--json', '--replications', '3', '--threads', threads], {
        cwd: resolve(__dirname, '../..'),
        encoding: 'utf8',
        timeout: 120_000,
      });
    const two = run('2');
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(JSON.parse(two.stdout).replications).toBe(3);
    expect(run('1').stdout).toBe(two.stdout);
  });
});
