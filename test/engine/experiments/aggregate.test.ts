/** Replications into one report: means, `ci95` mirroring the numeric fields, the shape kept. */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine';
import { aggregateReports, meanInterval } from '../../../src/engine/experiments';
import { run } from '../../helpers';

const doc = {
  seed: 11,
  durationMs: 3000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 300 } },
    { id: 'lb', kind: 'loadBalancer' },
    { id: 'web', kind: 'server', config: { replicas: 2 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web' },
  ],
};

describe('aggregateReports', () => {
  const reports = [11, 12, 13, 14].map((seed) => run(doc, { seed }));
  const r = aggregateReports(reports);

  it('keeps every field of a report, with means for numbers, and adds replications and ci95', () => {
    const fields = (o: unknown, prefix = ''): string[] =>
      typeof o === 'object' && o !== null
        ? Object.entries(o).flatMap(([k, v]) => [`${prefix}${k}`, ...fields(v, `${prefix}${k}.`)])
        : [];
    const { replications, ci95, ...rest } = r;
    expect(fields(rest)).toEqual(fields(reports[0]));
    expect(replications).toBe(4);
    expect(r.latencyMs.p99).toBeCloseTo(reports.reduce((a, x) => a + x.latencyMs.p99, 0) / 4, 12);
    expect(r.nodes.web.utilization).toBeCloseTo(reports.reduce((a, x) => a + x.nodes.web.utilization, 0) / 4, 12);
    expect(r.nodes.lb.instances[1].served).toBe(reports.reduce((a, x) => a + x.nodes.lb.instances[1].served, 0) / 4);
    expect(ci95).toBeDefined();
  });

  it('mirrors the numeric fields in ci95 with Student-t half-widths', () => {
    const ci = r.ci95 as unknown as Record<string, any>;
    expect(ci.latencyMs.p99).toBeCloseTo(meanInterval(reports.map((x) => x.latencyMs.p99)).halfWidth, 12);
    expect(ci.throughputRps).toBeCloseTo(meanInterval(reports.map((x) => x.throughputRps)).halfWidth, 12);
    expect(ci.nodes.web.utilization).toBeCloseTo(meanInterval(reports.map((x) => x.nodes.web.utilization)).halfWidth, 12);
    expect(ci.nodes.lb.instances[0].served).toBeGreaterThan(0);
    expect(ci.edges.e2.calls).toBeGreaterThan(0);
    // Identity, not measurement: no interval; text has none either.
    for (const k of ['version', 'seed', 'wallMs', 'scenario', 'unstable']) expect(ci[k]).toBeUndefined();
    expect(ci.nodes.web.kind).toBeUndefined();
    // A constant field has an interval of exactly 0.
    expect(ci.simulatedMs).toBe(0);
  });

  it('says which seeds ran, and has no wall time to vary with the machine', () => {
    expect(r.seed).toBe(11);
    expect(r.version).toBe(1);
    expect(r.wallMs).toBe(0);
  });

  it('summarises what is not a number: the most common text, every name listed, first of uneven lists', () => {
    const base = reports[0];
    const variant = (i: number, edit: (x: Report & Record<string, any>) => void) => {
      const x = structuredClone(reports[i]) as Report & Record<string, any>;
      edit(x);
      return x;
    };
    const mixed = aggregateReports([
      variant(0, (x) => {
        x.edges.e2.circuitState = 'open';
        x.unstable = ['web'];
        (x.nodes.web as any).replicaTimeline = [{ atMs: 0, replicas: 2 }];
      }),
      variant(1, (x) => {
        x.edges.e2.circuitState = 'closed';
        x.unstable = ['lb', 'web'];
        (x.nodes.web as any).replicaTimeline = [{ atMs: 0, replicas: 2 }, { atMs: 5, replicas: 3 }];
      }),
      variant(2, (x) => {
        x.edges.e2.circuitState = 'closed';
      }),
    ]);
    expect(mixed.edges.e2.circuitState).toBe('closed');
    expect(mixed.unstable).toEqual(['web', 'lb']);
    expect((mixed.nodes.web as any).replicaTimeline).toEqual([{ atMs: 0, replicas: 2 }]);
    expect((mixed.ci95.nodes.web as any).replicaTimeline).toBeUndefined();
    expect(base.unstable).toEqual([]);
  });

  it('keeps node ids that are Object.prototype names as plain keys', () => {
    const odd = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'web' ? { ...n, id: '__proto__' } : n)), edges: doc.edges.map((e) => (e.to === 'web' ? { ...e, to: '__proto__' } : e)) };
    const x = aggregateReports([run(odd, { seed: 1 }), run(odd, { seed: 2 })]);
    expect(Object.keys(x.nodes)).toContain('__proto__');
    expect(JSON.parse(JSON.stringify(x)).nodes.__proto__.kind).toBe('server');
  });

  it('needs two reports to make an interval', () => {
    expect(() => aggregateReports([reports[0]])).toThrow(RangeError);
  });
});
