/**
 * An instrumented run for the tests that need more than the report: the times (and
 * requests) of the calls that reach a node, or the answers a client gets. It wraps the
 * node's runtime methods in place, so the engine itself carries no test hooks.
 */
import type { Simulation } from '../../src/engine';
import type { Engine } from '../../src/engine/runtime/engine';
import type { NodeRuntime } from '../../src/engine/runtime/node';
import type { Call } from '../../src/engine/runtime/request';

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

/** The run's path table (requests carry an index into it). */
export function pathsOf(sim: Simulation): readonly string[] {
  return engineOf(sim).paths;
}

export { maxInAnyWindow } from '../engine/policies/rateLimitCases';
