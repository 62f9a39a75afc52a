/** `--sweep PATH=FROM:TO:STEP`: the range, the path into the document, each point validated. */
import { describe, expect, it } from 'vitest';
import { parseSweep, planExperiment, sweepPoint, sweepThreshold, sweepValues } from '../../../src/engine/experiments';
import { scenario } from '../../helpers';

const base = scenario({
  durationMs: 2000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 100 } },
    { id: 'web', kind: 'server', config: { serviceTime: 4 } },
  ],
  edges: [{ id: 'e2', from: 'users', to: 'web' }],
  faults: [{ atMs: 500, action: 'crash', target: 'web' }],
});

describe('parseSweep', () => {
  it('reads PATH=FROM:TO:STEP', () => {
    expect(parseSweep('nodes.users.config.rps=100:900:100')).toEqual({ ok: true, spec: { path: 'nodes.users.config.rps', from: 100, to: 900, step: 100 } });
    expect(parseSweep('x=1e2:-2:-0.5')).toMatchObject({ ok: true, spec: { from: 100, to: -2, step: -0.5 } });
  });

  it.each([
    ['nodes.users.config.rps', 'PATH=FROM:TO:STEP'],
    ['=1:2:1', 'PATH=FROM:TO:STEP'],
    ['a=1:2', 'three numbers'],
    ['a=1:2:x', 'three numbers'],
    ['a=1:2:0', 'STEP must not be 0'],
    ['a=5:1:1', 'towards TO'],
    ['a..b=1:2:1', 'dotted path'],
    ['a=0:1000:0.5', 'at most 1000 points'],
  ])('refuses %s with a message', (text, words) => {
    const r = parseSweep(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(words);
  });
});

describe('sweepValues', () => {
  it('runs from FROM to TO inclusive, without binary-fraction dust', () => {
    expect(sweepValues({ path: 'x', from: 0.1, to: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(sweepValues({ path: 'x', from: 100, to: 900, step: 100 })).toHaveLength(9);
    expect(sweepValues({ path: 'x', from: 1, to: 10, step: 4 })).toEqual([1, 5, 9]);
    expect(sweepValues({ path: 'x', from: 3, to: 1, step: -1 })).toEqual([3, 2, 1]);
  });
});

describe('sweepPoint', () => {
  it('names nodes and edges by id and sets fields the document left to their defaults', () => {
    const p = sweepPoint(base, 'nodes.web.config.replicas', 3);
    expect(p.ok && p.scenario.nodes[1].config).toMatchObject({ replicas: 3 });
    const t = sweepPoint(base, 'edges.e2.config.timeoutMs', 250);
    expect(t.ok && t.scenario.edges[0].config.timeoutMs).toBe(250);
    expect(base.edges[0].config.timeoutMs).toBeNull(); // the original is untouched
  });

  it('names other lists’ elements by index, and the top level by name', () => {
    const f = sweepPoint(base, 'faults.0.atMs', 900);
    expect(f.ok && f.scenario.faults[0].atMs).toBe(900);
    const d = sweepPoint(base, 'durationMs', 5000);
    expect(d.ok && d.scenario.durationMs).toBe(5000);
    const s = sweepPoint(base, 'nodes.web.config.serviceTime', 7);
    expect(s.ok && s.scenario.nodes[1].config).toMatchObject({ serviceTime: 7 });
  });

  it.each([
    ['nodes.api.config.rps', 'no element with id "api"'],
    ['faults.3.atMs', 'no element "3"'],
    ['nodes.users.config.keys', 'not a number'],
    ['nodes.users.config.rps.x', 'not an object'],
    ['nope.x', 'no "nope"'],
  ])('says where %s leads nowhere', (path, words) => {
    const p = sweepPoint(base, path, 1);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors[0].message).toContain(words);
  });

  it('validates the point like any document', () => {
    const p = sweepPoint(base, 'nodes.web.config.replicas', 0.5);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors).toContainEqual({ path: 'nodes[1].config.replicas', message: 'must be an integer ≥ 1' });
  });
});

describe('planExperiment', () => {
  it('lists every run in order: points, then seeds seed, seed + 1, …', () => {
    const r = planExperiment(base, { replications: 3, seed: 40, sweep: { path: 'nodes.web.config.replicas', from: 1, to: 2, step: 1 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.jobs.map((j) => [j.point, j.seed])).toEqual([[0, 40], [0, 41], [0, 42], [1, 40], [1, 41], [1, 42]]);
    expect(r.plan.points.map((p) => p.value)).toEqual([1, 2]);
  });

  it('refuses every bad point, each named, before running anything', () => {
    const r = planExperiment(base, { sweep: { path: 'nodes.web.config.concurrency', from: -1, to: 2, step: 1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failures.map((f) => [f.point, f.value])).toEqual([[1, -1], [2, 0]]);
    expect(r.failures[0].problem).toMatchObject({ kind: 'invalid', errors: [{ path: 'nodes[1].config.concurrency' }] });
  });

  it('holds each run to the cost budget', () => {
    const r = planExperiment(base, {
      replications: 2,
      sweep: { path: 'nodes.users.config.rps', from: 100, to: 100_000, step: 99_900 },
      budget: { maxMemoryBytes: 256 * 2 ** 20, maxEvents: 500_000 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ point: 2, value: 100_000, problem: { kind: 'over-budget' } });
  });

  it('refuses a point that is valid but cannot run', () => {
    const r = planExperiment(base, { sweep: { path: 'warmupMs', from: 0, to: 3000, step: 3000 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failures[0]).toMatchObject({ point: 2, value: 3000 });
  });
});

describe('sweepThreshold', () => {
  const point = (value: number, p99: number, ci?: number) => ({
    value,
    report: { latencyMs: { p99 }, ...(ci !== undefined ? { ci95: { latencyMs: { p99: ci } } } : {}) } as never,
  });

  it('finds the smallest value whose figure holds under the target', () => {
    const points = [point(1, 900), point(2, 60), point(3, 48, 5), point(4, 46)];
    expect(sweepThreshold(points, 'latencyMs.p99', 55)).toBe(3);
    expect(sweepThreshold(points, 'latencyMs.p99', 50, { rule: 'confident' })).toBe(4);
    expect(sweepThreshold(points, 'latencyMs.p99', 10)).toBeNull();
    expect(sweepThreshold(points, 'latencyMs.p99', 100, { want: 'largest' })).toBe(4);
  });
});
