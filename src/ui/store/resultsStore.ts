/**
 * The simulation-results slice: the run's status, the latest frame (for the canvas) and a
 * bounded ring of chart points. Frames arrive ~10 times a second; the ring is mutated in place
 * and the charts read it through transient subscriptions (see `useChartPoints`).
 */
import { create } from 'zustand';
import type { Fault } from '../../model';
import type { Frame, FrameBatch, NodeFrame, Report, RunStatus } from '../../worker/protocol';
import { FrameRing } from './frameRing';

interface ResultsState {
  status: RunStatus;
  /** The latest frame of the current run, null before the first one. */
  latest: Frame | null;
  /**
   * Each node's state for the canvas: the latest frame's, with utilisation smoothed over about
   * a simulated second (one 100 ms window of a few dozen requests is too noisy to read).
   */
  live: Record<string, LiveNode>;
  /** Why the current document cannot run (empty when it can). */
  problems: string[];
  /** The document changed in a way a running simulation cannot take live: Reset to apply. */
  stale: boolean;
  /** Bumped whenever the ring changes. */
  pointsVersion: number;
  /** Faults injected live into the current run, at the simulated time each took effect. */
  liveFaults: LiveFault[];
  /** The current run's report, fetched when it pauses or finishes (null before). */
  report: Report | null;
}

/** A fault injected live: the document's fault shape, stamped with when it took effect. */
export type LiveFault = Omit<Fault, 'factor'> & { factor?: number };

export const INITIAL_STATUS: RunStatus = {
  runId: 0,
  loaded: false,
  simTimeMs: 0,
  durationMs: 0,
  running: false,
  finished: false,
  speed: 1,
  events: 0,
};

export const frameRing = new FrameRing();

/** A node's state on the canvas: the latest frame's, with utilisation and rate smoothed. */
export interface LiveNode extends NodeFrame {
  /** Arrivals per simulated second. */
  rateRps: number;
}

/** Time constant of the utilisation shown on the canvas, simulated ms. */
const SMOOTHING_MS = 1000;

function smooth(live: Record<string, LiveNode>, frame: Frame): Record<string, LiveNode> {
  if (frame.windowMs <= 0) return live;
  const next: Record<string, LiveNode> = {};
  const weight = 1 - Math.exp(-frame.windowMs / SMOOTHING_MS);
  for (const [id, node] of Object.entries(frame.nodes)) {
    const before = live[id];
    const rate = (node.arrivals * 1000) / frame.windowMs;
    next[id] = {
      ...node,
      utilization: before ? before.utilization + weight * (node.utilization - before.utilization) : node.utilization,
      rateRps: before ? before.rateRps + weight * (rate - before.rateRps) : rate,
    };
  }
  return next;
}

export const useResults = create<ResultsState>()(() => ({
  status: INITIAL_STATUS,
  latest: null,
  live: {},
  problems: [],
  stale: false,
  pointsVersion: 0,
  liveFaults: [],
  report: null,
}));

/** Applies a batch from the worker. Batches of an older run (late messages) are dropped. */
export function receiveBatch(batch: FrameBatch): void {
  const state = useResults.getState();
  const { status, frames } = batch;
  if (status.runId < state.status.runId) return;
  const newRun = status.runId !== state.status.runId;
  if (newRun) frameRing.clear();
  let live = newRun ? {} : state.live;
  for (const frame of frames) {
    frameRing.push(frame);
    live = smooth(live, frame);
  }
  useResults.setState({
    ...(newRun ? { liveFaults: [], report: null } : {}),
    live,
    status,
    latest: frames.length > 0 ? frames[frames.length - 1] : newRun ? null : state.latest,
    pointsVersion: frames.length > 0 || newRun ? state.pointsVersion + 1 : state.pointsVersion,
  });
}
