/**
 * An instrumented run for the tests that need more than the report: the times (and
 * requests) of the calls that reach a node, or the answers a client gets. It wraps the
 * node's runtime methods in place, so the engine itself carries no test hooks.
 */
import type { Simulation } from '../../src/engine';
import type { Engine } from '../../src/engine/runtime/engine';
import type { NodeRuntime } from '../../src/engine/runtime/node';
import { WRITE, type Call } from '../../src/engine/runtime/request';

export interface Seen {
  t: number;
  /** The request's id, user and path index. */
  id: number;
  user: number;
  path: number;
  outcome: number;
  /** What the call carried back (answers only). */
  retryAfterMs: number;
  instance: number;
}

function engineOf(sim: Simulation): Engine {
  return (sim as unknown as { engine: Engine }).engine;
}

function nodeOf(sim: Simulation, id: string): NodeRuntime {
  const node = engineOf(sim).nodes.find((n) => n.id === id);
  if (node === undefined) throw new Error(`no node "${id}"`);
  return node;
}

function seen(engine: Engine, call: Call): Seen {
  return {
    t: engine.now,
    id: call.req.id,
    user: call.req.user,
    path: call.req.path,
    outcome: call.outcome,
    retryAfterMs: call.retryAfterMs,
    instance: call.instance,
  };
}

/** Every call that arrives at `id`, in order. */
export function recordArrivals(sim: Simulation, id: string): Seen[] {
  const engine = engineOf(sim);
  const node = nodeOf(sim, id);
  const out: Seen[] = [];
  const receive = node.receive.bind(node);
  node.receive = (call: Call) => {
    out.push(seen(engine, call));
    receive(call);
  };
  return out;
}

/** Every answer that comes back to `id` (a client: the requests' final outcomes). */
export function recordAnswers(sim: Simulation, id: string): Seen[] {
  const engine = engineOf(sim);
  const node = nodeOf(sim, id);
  const out: Seen[] = [];
  const onResponse = node.onResponse.bind(node);
  node.onResponse = (call: Call) => {
    out.push(seen(engine, call));
    onResponse(call);
  };
  return out;
}

/** An answer a callee gave on an edge, when it gave it (before the network carries it back). */
export interface Given {
  t: number;
  /** The request's id, and whether it is a write. */
  id: number;
  write: boolean;
  /** The caller's attempt (1: the first try). */
  attempt: number;
  outcome: number;
  /** The data version the answer carries. */
  version: number;
}

/** Every answer given on edge `id`, in order: what the callee did with each attempt. */
export function recordGivenAnswers(sim: Simulation, id: string): Given[] {
  const engine = engineOf(sim);
  const edge = engine.edges.find((e) => e.id === id);
  if (edge === undefined) throw new Error(`no edge "${id}"`);
  const out: Given[] = [];
  const answer = edge.answer.bind(edge);
  edge.answer = (call, outcome) => {
    out.push({ t: engine.now, id: call.req.id, write: call.req.op === WRITE, attempt: call.attempt, outcome, version: call.version });
    answer(call, outcome);
  };
  return out;
}

/** A node's runtime, for tests that read what the report does not show. */
export function runtimeOf<T>(sim: Simulation, id: string): T {
  return nodeOf(sim, id) as unknown as T;
}

/** The run's path table (requests carry an index into it). */
export function pathsOf(sim: Simulation): readonly string[] {
  return engineOf(sim).paths;
}

export { maxInAnyWindow } from '../engine/policies/rateLimitCases';
