/**
 * The simulation worker's API (SPEC §6), shared by the worker and the UI. Types only: every
 * value that crosses it is plain data (structured clone), except the subscriber callback, which
 * the UI passes as a comlink `proxy`.
 */
import type { Scenario } from '../model';
import type { Frame, LiveChange, Report } from '../engine/api';
import type { Speed } from './pacer';

export type { Speed } from './pacer';
export type { Frame, LiveChange, NodeFrame, Report } from '../engine/api';

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
  /** A live change at the current simulated time (SPEC §5). */
  applyChange(change: LiveChange): void;
  /** Registers a listener; it receives the current status at once. Returns an id for `unsubscribe`. */
  subscribe(listener: FrameListener): number;
  unsubscribe(id: number): void;
  status(): RunStatus;
}
