/**
 * What the theory panel shows for each station: the closed form that applies and its
 * predictions, or the assumptions that fail. Plain data: it crosses to a worker or the page
 * unchanged.
 */
import type { NodeKind } from '../model';

/** The assumptions a closed form rests on; each failure names one. */
export type AssumptionId =
  /** Arrivals into the station form a Poisson stream. */
  | 'poisson-arrivals'
  /** Nothing in the design changes over the run (rates, instances, faults). */
  | 'stationary'
  /** Arrivals do not depend on the station's own failures (retries, breakers, redeliveries). */
  | 'no-feedback'
  /** A worker is held only for the station's own work, not while it waits on downstream calls. */
  | 'no-blocking-calls'
  /** The service time has a known law. */
  | 'known-service'
  /** The load reaching each instance is known from the document. */
  | 'known-split'
  /** The queue (practically) never fills, nor do waiting requests give up. */
  | 'unbounded-queue'
  /** A closed form exists for this combination (M/G/c with c > 1 has none). */
  | 'closed-form'
  /** Cache keys are drawn independently from a fixed law (the independent reference model). */
  | 'independent-keys'
  /** Some traffic reaches the station. */
  | 'traffic';

export interface FailedAssumption {
  id: AssumptionId;
  /** Why, in the design's own words: which node, edge or field breaks it. */
  text: string;
}

export interface Prediction {
  /**
   * What is predicted: a field of the node's report (`meanWaitMs`, `utilization`,
   * `processingLatencyMs.p99`, `hitRate`) or a figure derived from it (`rejectedFraction`,
   * `errorFraction`, `allowedPerSec`); {@link simulatedFigure} reads the simulated value.
   */
  field: string;
  label: string;
  value: number;
  unit: 'ms' | 'fraction' | 'requests' | 'per second';
  /** A bound rather than an estimate: the simulated value must lie at or below (`upper`). */
  bound?: 'upper' | 'lower';
}

export interface StationTheory {
  node: string;
  kind: NodeKind;
  /** The model that applies (`M/M/4`, `M/D/1`, `Erlang B`, `Che (LRU)`, `token bucket`); null when none is tried. */
  model: string | null;
  /** Offered load reaching the node, per second (all instances together). */
  arrivalsPerSec: number;
  /** The model's inputs: λ per instance, μ, c, ρ, … (per second and ms as named). */
  inputs: Record<string, number>;
  /** Empty when an assumption fails. */
  predictions: Prediction[];
  /** Why no number: every assumption that fails. Empty when the predictions hold. */
  failed: FailedAssumption[];
  /** What a reader should know beside the numbers (per instance, approximations). */
  notes: string[];
}

export interface TheoryReport {
  stations: StationTheory[];
}
