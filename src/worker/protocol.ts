/**
 * The simulation worker's API (SPEC §6), shared by the worker and the UI. Types only: every
 * value that crosses it is plain data (structured clone), except the subscriber callback, which
 * the UI passes as a comlink `proxy`.
 */
import type { NodeKind, Scenario } from '../model';
import type { Frame, LiveChange, Report } from '../engine/api';
import type { TraceOptions, TraceSet } from '../engine/traces';
import type { Speed } from './pacer';

export type { Speed } from './pacer';
export type { EdgeFrame, Frame, LiveChange, NodeFrame, Report } from '../engine/api';
export type { RequestTrace, TraceOptions, TraceSet, TraceSpan, TraceSpanKind } from '../engine/traces';

export type LoadResult = { ok: true } | { ok: false; problems: string[] };

/** Where the run is. `runId` grows with every load and reset, so late frames of an old run can be told apart. */
export interface RunStatus {
  runId: number;
  /** False until a runnable scenario is loaded. */
  loaded: boolean;
  simTimeMs: number;
  durationMs: number;
  running: boolean;
  finished: boolean;
  speed: Speed;
  events: number;
}

/** What a subscriber receives, at most about ten times a second while a run plays. */
export interface FrameBatch {
  frames: Frame[];
  status: RunStatus;
}

export type FrameListener = (batch: FrameBatch) => void;

export interface SimWorkerApi {
  /** Builds a run from a validated scenario. A valid but unrunnable one gives its problems. */
  load(scenario: Scenario): LoadResult;
  /** Runs at `speed` simulated ms per wall ms (1×, 10×, 100×) or as fast as possible. */
  play(speed: Speed): void;
  pause(): void;
  /** Pauses and advances one frame's worth of simulated time. */
  step(): void;
  /** Rebuilds the run from the loaded scenario, at time 0. */
  reset(): LoadResult;
  /**
   * Runs as fast as possible to the end (streaming frames as it goes) and gives the report;
   * `null` when a pause, reset or load interrupted it first.
   */
  runToEnd(): Promise<Report | null>;
  /**
   * Extends the loaded run by `extraMs` of simulated time, so a run that reached its end can go
   * on without a reset. The run so far is replayed with its live changes at the times they were
   * applied (the engine is deterministic), then continues from where it stopped.
   */
  continueRun(extraMs: number): LoadResult;
  /** A live change at the current simulated time (SPEC §5); gives that time, ms. */
  applyChange(change: LiveChange): number;
  /** The report of the run so far (SPEC §4), or null when nothing is loaded. */
  report(): Report | null;
  /**
   * Records request traces from now on, in this run and the runs loaded after it (the
   * engine's defaults for what is not given: one in N and the slowest of each window, a
   * fixed number of each); null stops recording (what was kept stays readable).
   */
  setTracing(options: Partial<TraceOptions> | null): void;
  /** The traces the current run kept, as plain data; null when it never traced. */
  traces(): TraceSet | null;
  /** The node kinds the engine simulates in this version; the others can be drawn, not run. */
  simulatedKinds(): NodeKind[];
  /** Registers a listener; it receives the current status at once. Returns an id for `unsubscribe`. */
  subscribe(listener: FrameListener): number;
  unsubscribe(id: number): void;
  status(): RunStatus;
}
