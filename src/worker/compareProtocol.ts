/**
 * The A/B comparison worker's API (the app's "Compare"): whole runs of one design with one
 * seed, and the paired comparison of two designs' reports. Types only; the page runs several
 * of these workers side by side (ui/compare/comparePool.ts), apart from the live run's worker.
 */
import type { Scenario } from '../model';
import type { Report } from '../engine/api';
import type { PairedComparison } from '../engine/experiments';

export type { FigureComparison, PairedComparison } from '../engine/experiments';

/** A run's headline figures over time: one value per window of equal length, oldest first. */
export interface RunSeries {
  /** End of each window, simulated seconds. */
  t: number[];
  /** Of the requests that succeeded in the window; null where none did. */
  p50: (number | null)[];
  p99: (number | null)[];
  /** Requests completed ok per simulated second. */
  throughputRps: number[];
}

export interface ReplicationRun {
  report: Report;
  series: RunSeries;
}

export interface CompareWorkerApi {
  /**
   * One whole run of `scenario` with `seed` (and `durationMs` when given), its report, and
   * its figures over `points` windows. Throws naming the problems when it cannot run.
   */
  runReplication(scenario: Scenario, seed: number, points: number, durationMs?: number): ReplicationRun;
  /** A's and B's reports, pair i from the same seed, compared on `figures` (report paths). */
  compare(reportsA: Report[], reportsB: Report[], figures: string[]): PairedComparison;
}
