/**
 * The Sweep panel's choices and form: which fields a design offers to sweep (by the CLI's
 * dotted paths), a starting range, and the form read with each mistake named by its input and
 * a too-large sweep refused before it starts.
 */
import { describe, expect, it } from 'vitest';
import { sweepPoint } from '../../src/engine/experiments';
import { defaultSweepField, suggestedRange, sweepableFields, type SweepField } from '../../src/ui/sweep/fields';
import { MAX_SWEEP_RUNS, parseSweepForm, type SweepFormText } from '../../src/ui/sweep/sweepForm';
import { scenario } from '../helpers';

const design = scenario({
  version: 1,
  name: 'shop',
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 300 } },
    { id: 'lb', kind: 'loadBalancer' },
    { id: 'web', kind: 'server', config: { replicas: 2, serviceTime: { dist: 'exponential', meanMs: 8 }, autoscale: null } },
    { id: 'db', kind: 'database', config: { readTime: 4 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web' },
    { id: 'e3', from: 'web', to: 'db', config: { timeoutMs: 200, retry: { maxAttempts: 3 } } },
  ],
});

describe('the fields a sweep can vary', () => {
  const fields = sweepableFields(design);
  const byPath = new Map(fields.map((f) => [f.path, f]));

  it('offers a client’s rate, a server’s replicas and workers, its service time’s mean, and set edge fields, by the CLI’s paths', () => {
    expect(byPath.get('nodes.users.config.rps')).toMatchObject({ current: 300, label: 'Requests per second', integer: false });
    expect(byPath.get('nodes.web.config.replicas')).toMatchObject({ current: 2, integer: true, min: 1 });
    expect(byPath.get('nodes.web.config.concurrency')).toMatchObject({ current: 4, integer: true });
    expect(byPath.get('nodes.web.config.serviceTime.meanMs')).toMatchObject({ current: 8, unit: 'ms' });
    // A duration that is a plain number is itself the number to vary.
    expect(byPath.get('nodes.db.config.readTime')).toMatchObject({ current: 4, unit: 'ms' });
    expect(byPath.get('edges.e3.config.timeoutMs')).toMatchObject({ current: 200 });
    expect(byPath.get('edges.e3.config.retry.maxAttempts')).toMatchObject({ current: 3, integer: true });
  });

  it('offers nothing inside a switched-off structure, and nothing that is not a number', () => {
    expect(fields.some((f) => f.path.startsWith('nodes.web.config.autoscale'))).toBe(false);
    expect(fields.some((f) => f.path.startsWith('edges.e1.config.timeoutMs'))).toBe(false);
    expect(fields.some((f) => /algorithm|arrival|io$|calls$/.test(f.path))).toBe(false);
  });

  it('names only fields the sweep can set: every offered path takes a value and the document stays valid', () => {
    for (const f of fields) {
      const value = f.integer ? Math.max(1, Math.round(f.current)) : f.current;
      const r = sweepPoint(design, f.path, value);
      expect(r.ok, `${f.path}: ${JSON.stringify(r.ok ? '' : r.errors)}`).toBe(true);
    }
  });

  it('starts on the first client’s rate, with a range around it', () => {
    const rps = defaultSweepField(fields)!;
    expect(rps.path).toBe('nodes.users.config.rps');
    expect(suggestedRange(rps)).toEqual({ from: 100, to: 600, step: 100 });
    expect(suggestedRange(byPath.get('nodes.web.config.replicas')!)).toEqual({ from: 1, to: 8, step: 1 });
  });
});

describe('the sweep form', () => {
  const rps: SweepField = { path: 'nodes.users.config.rps', owner: 'users', label: 'Rate', unit: '/s', current: 300, min: 0, max: 1_000_000, integer: false };
  const replicas: SweepField = { path: 'nodes.web.config.replicas', owner: 'web', label: 'Replicas', current: 2, min: 1, max: 1000, integer: true };
  const text = (over: Partial<SweepFormText>): SweepFormText => ({ from: '100', to: '900', step: '100', replications: '5', target: '', ...over });

  it('reads a range into the CLI’s points, with the target', () => {
    const r = parseSweepForm(rps, text({ target: '40' }));
    expect(r).toEqual({
      ok: true,
      form: { spec: { path: 'nodes.users.config.rps', from: 100, to: 900, step: 100 }, values: [100, 200, 300, 400, 500, 600, 700, 800, 900], replications: 5, targetMs: 40 },
    });
    // Binary fractions do not lose the last point.
    const f = parseSweepForm({ ...rps, min: 0, max: 1 }, text({ from: '0.1', to: '0.3', step: '0.1' }));
    expect(f.ok && f.form.values).toEqual([0.1, 0.2, 0.3]);
  });

  it('names each wrong input', () => {
    const r = parseSweepForm(replicas, text({ from: '0', to: 'x', step: '0.5', replications: '0', target: '-3' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.input)).toEqual(['from', 'to', 'step', 'replications', 'target']);
    expect(r.errors[0].message).toBe('From: Replicas is at least 1, got 0');
    expect(r.errors[2].message).toBe('Step: Replicas is a whole number, so the step is too; got 0.5');
    expect(parseSweepForm(rps, text({ from: '500', to: '100' }))).toEqual({ ok: false, errors: [{ input: 'to', message: 'To: must be at least From (500), got 100' }] });
  });

  it('refuses too many points × replications, naming the field and the numbers', () => {
    // 9 points × 56 replications = 504 runs > 500; 9 × 55 = 495 runs fit.
    expect(MAX_SWEEP_RUNS).toBe(500);
    expect(parseSweepForm(rps, text({ replications: '55' })).ok).toBe(true);
    const r = parseSweepForm(rps, text({ replications: '56' }));
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          input: 'replications',
          message:
            'Replications per point: 9 points of nodes.users.config.rps × 56 replications = 504 runs; a sweep here runs at most 500. Take fewer replications or a larger step (or run it with npm run sim -- --sweep).',
        },
      ],
    });
    const tiny = parseSweepForm(rps, text({ from: '1', to: '1000000', step: '1', replications: '1' }));
    expect(!tiny.ok && tiny.errors[0]).toEqual({ input: 'step', message: 'Step: nodes.users.config.rps from 1 to 1000000 by 1 is 1,000,000 points; a sweep has at most 1,000. Take a larger step.' });
  });
});
