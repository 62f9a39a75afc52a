/**
 * The comparison worker's operations, independent of transport (compareWorker.ts exposes them
 * in a Web Worker, the tests on a MessageChannel). A run is the same run `runScenario` makes
 * (the same seed gives the same report); it only stops at window ends on the way to read its
 * figures over time, which changes nothing in the run.
 */
import { createSimulation } from '../engine';
import { pairedComparison } from '../engine/experiments';
import type { Scenario } from '../model';
import type { CompareWorkerApi, ReplicationRun, RunSeries } from './compareProtocol';

/** The most windows a run's series has. */
export const MAX_SERIES_POINTS = 1000;

export function runReplication(scenario: Scenario, seed: number, points: number, durationMs?: number): ReplicationRun {
  const sim = createSimulation(scenario, { seed, durationMs });
  const n = Math.max(1, Math.min(MAX_SERIES_POINTS, Math.floor(points)));
  const end = sim.durationMs;
  const series: RunSeries = { t: [], p50: [], p99: [], throughputRps: [] };
  sim.startFrames();
  for (let i = 1; i <= n; i++) {
    sim.runUntil(i === n ? end : (end * i) / n);
    const f = sim.takeFrame();
    series.t.push(f.simTimeMs / 1000);
    series.p50.push(f.latencyMs !== null ? f.latencyMs.p50 : null);
    series.p99.push(f.latencyMs !== null ? f.latencyMs.p99 : null);
    series.throughputRps.push(f.throughputRps);
  }
  return { report: sim.report(0), series };
}

export function createCompareApi(): CompareWorkerApi {
  return {
    runReplication,
    compare: (reportsA, reportsB, figures) => pairedComparison(reportsA, reportsB, figures),
  };
}
