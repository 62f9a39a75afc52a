/**
 * The simulation-results slice: the run's status, the latest frame (for the canvas) and a
 * bounded ring of chart points. Frames arrive ~10 times a second; the ring is mutated in place
 * and the charts read it through transient subscriptions (see `useChartPoints`).
 */
import { create } from 'zustand';
import type { Frame, FrameBatch, RunStatus } from '../../worker/protocol';
import { FrameRing } from './frameRing';

interface ResultsState {
  status: RunStatus;
  /** The latest frame of the current run, null before the first one. */
  latest: Frame | null;
  /** Why the current document cannot run (empty when it can). */
  problems: string[];
  /** The document changed in a way a running simulation cannot take live: Reset to apply. */
  stale: boolean;
  /** Bumped whenever the ring changes. */
  pointsVersion: number;
}

export const INITIAL_STATUS: RunStatus = {
  runId: 0,
  loaded: false,
  simTimeMs: 0,
  durationMs: 0,
  running: false,
  finished: false,
  speed: 10,
  events: 0,
};

export const frameRing = new FrameRing();

export const useResults = create<ResultsState>()(() => ({
  status: INITIAL_STATUS,
  latest: null,
  problems: [],
  stale: false,
  pointsVersion: 0,
}));

/** Applies a batch from the worker. Batches of an older run (late messages) are dropped. */
export function receiveBatch(batch: FrameBatch): void {
  const state = useResults.getState();
  const { status, frames } = batch;
  if (status.runId < state.status.runId) return;
  const newRun = status.runId !== state.status.runId;
  if (newRun) frameRing.clear();
  for (const frame of frames) frameRing.push(frame);
  useResults.setState({
    status,
    latest: frames.length > 0 ? frames[frames.length - 1] : newRun ? null : state.latest,
    pointsVersion: frames.length > 0 || newRun ? state.pointsVersion + 1 : state.pointsVersion,
  });
}
