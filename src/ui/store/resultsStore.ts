/**
 * The simulation-results slice: the run's status, each node's and edge's live state (for the
 * canvas), the explainer's findings, and the run's chart history. Frames arrive ~10 times a
 * second; the history is mutated in place and the charts read it through transient
 * subscriptions (see charts/useHistory), never through React state.
 */
import { create } from 'zustand';
import type { Fault, Scenario } from '../../model';
import type { Frame, FrameBatch, Report, RunStatus } from '../../worker/protocol';
import { explain, type Finding } from '../explain';
import { RunHistory, type ColumnView } from '../series/history';
import { useDocument } from './documentStore';
import { smoothEdges, smoothingWeight, smoothNodes, type LiveEdge, type LiveNode } from './liveState';

export type { LiveEdge, LiveNode } from './liveState';

interface ResultsState {
  status: RunStatus;
  /** The latest frame of the current run, null before the first one. */
  latest: Frame | null;
  /** Each node's state for the canvas: the latest frame's, with rates smoothed (liveState.ts). */
  live: Record<string, LiveNode>;
  /** Each edge's traffic for the canvas, smoothed the same way. */
  edges: Record<string, LiveEdge>;
  /** The busiest edge's calls per second: edges are drawn in proportion to it. */
  busiestEdgeRps: number;
  /** What the explainer says about the latest state: bottlenecks and failures, in words. */
  findings: Finding[];
  /** Why the current document cannot run (empty when it can). */
  problems: string[];
  /** The document changed in a way a running simulation cannot take live: Reset to apply. */
  stale: boolean;
  /** Bumped whenever the history changes. */
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

/** The chart history of the current run. */
export const history = new RunHistory();

export const useResults = create<ResultsState>()(() => ({
  status: INITIAL_STATUS,
  latest: null,
  live: {},
  edges: {},
  busiestEdgeRps: 0,
  findings: [],
  problems: [],
  stale: false,
  pointsVersion: 0,
  liveFaults: [],
  report: null,
}));

/** The charts' current view: the recent window while a run goes, the whole run once it reached its end. */
export function currentView(): ColumnView {
  return useResults.getState().status.finished ? history.wholeRun() : history.recent;
}

let edgeFromOf: { scenario: Scenario; map: Map<string, string> } | null = null;

function edgeFrom(scenario: Scenario): Map<string, string> {
  if (edgeFromOf?.scenario !== scenario) edgeFromOf = { scenario, map: new Map(scenario.edges.map((e) => [e.id, e.from])) };
  return edgeFromOf.map;
}

/** Applies a batch from the worker. Batches of an older run (late messages) are dropped. */
export function receiveBatch(batch: FrameBatch): void {
  const state = useResults.getState();
  const { status, frames } = batch;
  if (status.runId < state.status.runId) return;
  const newRun = status.runId !== state.status.runId;
  if (newRun) history.clear();
  let live = newRun ? {} : state.live;
  let edges = newRun ? {} : state.edges;
  const scenario = useDocument.getState().scenario;
  const from = edgeFrom(scenario);
  for (const frame of frames) {
    history.push(frame);
    if (frame.windowMs <= 0) continue;
    const weight = smoothingWeight(frame.windowMs);
    edges = smoothEdges(edges, frame, weight);
    live = smoothNodes(live, frame, edges, from, weight);
  }
  const latest = frames.length > 0 ? frames[frames.length - 1] : newRun ? null : state.latest;
  const findings = frames.length > 0 ? explain(scenario, latest?.simTimeMs ?? 0, live, edges) : newRun ? [] : state.findings;
  let busiest = 0;
  for (const id in edges) if (edges[id].callsPerSec > busiest) busiest = edges[id].callsPerSec;
  useResults.setState({
    busiestEdgeRps: busiest,
    ...(newRun ? { liveFaults: [], report: null } : {}),
    live,
    edges,
    findings,
    status,
    latest,
    pointsVersion: frames.length > 0 || newRun ? state.pointsVersion + 1 : state.pointsVersion,
  });
}
