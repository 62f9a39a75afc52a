/**
 * What a node kind tells the cost model about itself: the `cost` of its definition
 * (src/model/kinds/<kind>.ts). The model's table types it per kind, so a kind without it is a
 * compile error and each hook reads the kind's own config with no cast.
 *
 * The walk in `estimate.ts` knows nothing of any kind: it carries calls and writes through the
 * graph and asks each node how many events a call costs it, how it spreads its outgoing calls,
 * how many instances it offers a balancer, and what its own structures hold, given what
 * reaches it. Everything here is free of runtime imports from the scenario, so a kind's file
 * may import it without a cycle.
 */
import type { Duration } from '../duration';
import { meanMs } from '../duration';
import type { NodeKind } from '../kinds';
import type { NodeConfig } from '../scenario';

/** One structure's memory, attributed to the field that drives it. */
export interface MemoryItem {
  /** The field, `nodes[2].config.queueCapacity` style. */
  path: string;
  /** What it holds, in words: "up to 10,000,000 queued requests". */
  what: string;
  bytes: number;
}

/** Events (or equivalent work) attributed to the field that drives them. */
export interface EventItem {
  path: string;
  /** "1,000,000 requests/s × ≈ 7 events each". */
  what: string;
  events: number;
  /** Work done once (a build, scheduled steps), not spread over the run. */
  once?: true;
}

/**
 * How a node spreads the calls it sends over its outgoing edges:
 * - `every`: each edge carries every call (a server calls each of its downstream nodes);
 * - `evenly`: the calls are shared equally among the edges (a gateway's routes);
 * - `by-instances`: in proportion to the instances behind each edge (a balancer, a queue's
 *   consumers);
 * - `by-weighted-instances`: the same, times each edge's `weight` (weighted round robin).
 */
export type Spread = 'every' | 'evenly' | 'by-instances' | 'by-weighted-instances';

/** What a node does with the calls it sends. */
export interface Outgoing {
  spread: Spread;
  /** Times each call may be delivered, at worst (a queue redelivers a failed message); 1 if absent. */
  deliveries?: number;
  /**
   * It holds each call for a processing time before sending it (a balancer): one delay with
   * the link's when the link is plain and its latency constant, an event of its own otherwise.
   */
  delays?: boolean;
  /** It may send all of a user's or a key's calls to one target (hashing, sticky sessions). */
  pins?: boolean;
}

/** A node that makes requests from nothing (a client): what it sends. */
export interface Source {
  /** Its highest rate, requests per second. */
  peakRps: number;
  /** Requests it sends in the first `durationMs` of a run. */
  requests(durationMs: number): number;
  /** The share of its requests that are writes. */
  writeFraction: number;
  /** The users and keys its requests carry (a per-user table holds one entry per user). */
  users: number;
  keys: number;
}

/** Instances a balancer can target on a node, at the most the document allows, and the field that sets it. */
export interface Instances {
  count: number;
  path: string;
}

/** What the document's faults do to one node. */
export interface NodeFaults {
  /** The largest slow factor a fault applies (1 when none). */
  slow: number;
  /** The instances crashed one by one. */
  crashedInstances: Set<number>;
}

/** What reaches a node, at worst, and where to write what it costs. */
export interface CostContext {
  /** The path of one of its config fields: `at('capacity')` is `nodes[2].config.capacity`. */
  at(field: string): string;
  /** The node's own path, `nodes[2]`, for what no one field drives. */
  path: string;
  /** The simulated duration the estimate covers, and the same in seconds. */
  durationMs: number;
  seconds: number;
  /** Calls reaching it over the run (every retry, redelivery and miss included). */
  arrivals: number;
  /** Calls per second reaching it at the peak (for Little's law). */
  inflow: number;
  /** The same for write calls alone. */
  writeInflow: number;
  writesReceived: number;
  /** Events one call it receives causes at it and downstream (for a source: one request it makes, less the request itself). */
  eventsPerCallDownstream: number;
  /** Its outgoing edges, and the instances they reach at the peak (a dangling edge counts one). */
  outEdges: number;
  targets: number;
  /** The largest `users` and `keys` of any source (1 when none). */
  maxUsers: number;
  maxKeys: number;
  faults: NodeFaults;
  /** A balancer that pins users or keys (see {@link Outgoing.pins}) sends it calls. */
  pinnedInto: boolean;
  /** Records a structure's memory (nothing when `bytes` is 0). */
  memory(path: string, what: string, bytes: number): void;
  /** Records events (or equivalent work). */
  events(item: EventItem): void;
}

/** A kind's cost hooks, each given the node's own config. */
export interface KindCost<K extends NodeKind> {
  /** Events at the node for each call it receives. */
  eventsPerCall: (config: NodeConfig<K>) => number;
  /** The memory and events of its own structures, written through `ctx`. */
  items: (config: NodeConfig<K>, ctx: CostContext) => void;
  /** How it spreads the calls it sends; every edge carries every call if absent. */
  outgoing?: (config: NodeConfig<K>) => Outgoing;
  /** Its instances as a balancer's target; one if absent. */
  instances?: (config: NodeConfig<K>) => Instances;
  /** For a kind that makes requests from nothing: what it sends (its users and keys size the run's tables: see population.ts). */
  source?: (config: NodeConfig<K>) => Source;
}

/** A product that is 0 when any factor is 0 (∞ × 0 would be NaN). */
export function product(...factors: number[]): number {
  let p = 1;
  for (const f of factors) {
    if (f === 0) return 0;
    p *= f;
  }
  return p;
}

/** A duration that is always exactly zero. */
export const isZero = (d: Duration) => meanMs(d) === 0 && (typeof d === 'number' || d.dist === 'constant');
