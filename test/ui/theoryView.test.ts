/**
 * The Theory panel's rows: predictions beside simulated values and their intervals, agreement
 * judged against the interval (or the bound), and where an assumption fails, its name and no
 * number.
 */
import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../src/engine/experiments';
import { predictTheory, type TheoryReport } from '../../src/predict';
import { ASSUMPTION_NAMES, theoryView } from '../../src/ui/theory/theoryView';
import { run, scenario, station } from '../helpers';

const mm4 = { version: 1, name: 'M/M/4', seed: 3, ...station({ rps: 300, c: 4, service: { dist: 'exponential', meanMs: 10 }, durationMs: 20_000, warmupMs: 2_000 }) };

describe('the theory panel’s rows', () => {
  const theory = predictTheory(scenario(mm4));

  it('without a run: the predictions, nothing simulated, no verdict', () => {
    const [web] = theoryView(theory, null);
    expect(web.node).toBe('web');
    expect(web.model).toBe('M/M/4');
    const wait = web.rows.find((r) => r.field === 'meanWaitMs')!;
    expect(wait.predicted).toBeGreaterThan(5);
    expect(wait.simulated).toBeNaN();
    expect(wait.agreement).toBeNull();
    expect(web.little).toEqual([]);
  });

  it('with replications: each value’s interval from ci95, and the verdict follows it', () => {
    const report = aggregateReports([1, 2, 3, 4].map((seed) => run(mm4, { seed })));
    const [web] = theoryView(theory, report);
    const wait = web.rows.find((r) => r.field === 'meanWaitMs')!;
    expect(wait.simulated).toBe(report.nodes.web.meanWaitMs);
    expect(wait.half).toBe((report.ci95.nodes.web as { meanWaitMs: number }).meanWaitMs);
    expect(wait.agreement).toBe(Math.abs(wait.simulated - wait.predicted) <= wait.half ? 'within' : 'outside');
    expect(wait.deviation).toBeCloseTo(Math.abs(wait.simulated - wait.predicted) / wait.half, 12);
    // A prediction moved off the truth is judged outside.
    const moved: TheoryReport = { stations: theory.stations.map((s) => ({ ...s, predictions: s.predictions.map((p) => (p.field === 'meanWaitMs' ? { ...p, value: p.value * 3 } : p)) })) };
    expect(theoryView(moved, report)[0].rows.find((r) => r.field === 'meanWaitMs')!.agreement).toBe('outside');
    // Little's law on the run's own numbers, beside every station with a queue.
    expect(web.little.map((r) => r.field)).toEqual(['meanQueueLength', 'meanInSystem']);
  });

  it('a single run has no interval, so no verdict on an estimate', () => {
    const [web] = theoryView(theory, run(mm4));
    const wait = web.rows.find((r) => r.field === 'meanWaitMs')!;
    expect(wait.simulated).toBeGreaterThan(0);
    expect(wait.half).toBeNaN();
    expect(wait.agreement).toBeNull();
  });

  it('judges a bound by its side', () => {
    const bounded: TheoryReport = { stations: [{ ...theory.stations[1], predictions: [{ field: 'utilization', label: 'u', value: 0.8, unit: 'fraction', bound: 'upper' }] }] };
    expect(theoryView(bounded, run(mm4))[0].rows[0].agreement).toBe('holds');
    const low: TheoryReport = { stations: [{ ...theory.stations[1], predictions: [{ field: 'utilization', label: 'u', value: 0.5, unit: 'fraction', bound: 'upper' }] }] };
    expect(theoryView(low, run(mm4))[0].rows[0].agreement).toBe('broken');
  });

  it('where an assumption fails, names it and shows no prediction', () => {
    const doc = { ...mm4, edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0, timeoutMs: 30, retry: { maxAttempts: 3 } } }] };
    const [web] = theoryView(predictTheory(scenario(doc)), run(doc));
    expect(web.model).toBeNull();
    expect(web.rows).toEqual([]);
    expect(web.failed).toEqual([{ id: 'no-feedback', name: ASSUMPTION_NAMES['no-feedback'], text: 'edge e1 retries failed calls (retry.maxAttempts 3)' }]);
  });

  it('leaves out a server’s time at the node when it calls downstream: the report’s includes the calls', () => {
    const doc = {
      ...mm4,
      nodes: [...mm4.nodes.map((n) => (n.id === 'web' ? { ...n, config: { ...n.config, io: 'async' } } : n)), { id: 'db', kind: 'database' }],
      edges: [...mm4.edges, { id: 'e2', from: 'web', to: 'db' }],
    };
    const web = predictTheory(scenario(doc)).stations.find((s) => s.node === 'web')!;
    expect(web.model).toBe('M/M/4');
    expect(web.predictions.map((p) => p.field)).not.toContain('meanResponseMs');
    expect(web.predictions.map((p) => p.field)).toContain('meanWaitMs');
    expect(web.notes.join(' ')).toContain('includes its downstream calls');
  });
});
