/**
 * The cost model: from a parsed document alone, how many events a run will take and how much
 * memory every structure that scales with a field may hold, each attributed to the field that
 * drives it (`nodes[2].config.queueCapacity`). The CLI refuses a document over budget and the
 * app warns before Play (`budget.ts`).
 *
 * It is an estimate for the worst that a document allows, not a simulation:
 * - a client's requests are its rate integrated over its schedule; what is held in flight
 *   (Little's law) uses its highest rate;
 * - every attempt may fail, so an edge carries `callsPerRequest × retry.maxAttempts` calls per
 *   request (and a queue redelivers `maxAttempts` times); caches and CDNs may miss every time;
 * - a load balancer spreads calls over its targets by instance count (and weight under
 *   weighted round robin); a gateway spreads them evenly over its downstream nodes;
 * - a queue can hold no more than its capacity and no more than everything that reaches it
 *   during the run; calls in flight follow Little's law (rate × time held);
 * - writes are each client's writeFraction of its requests, carried like every call; a
 *   database remembers the ids of the writes it applied in the last 10 minutes.
 * This file is the walk alone and names no kind: what a kind costs, and how it passes calls on,
 * is its definition's `cost` (src/model/kinds/<kind>.ts, hooks typed in `kindCost.ts`).
 * Linear in the size of the document, with no recursion: the graph is walked in topological
 * order (Kahn). Nodes on a cycle are left out; such a document does not run anyway.
 */
import { meanMs } from '../duration';
import { kindCost } from '../kinds';
import { countOf, formatCount } from '../numberText';
import { populationOf } from '../population';
import type { Scenario, ScenarioNode } from '../scenario';
import { isZero, product, type CostContext, type EventItem, type Instances, type MemoryItem, type NodeFaults, type Outgoing, type Source } from './kindCost';
import { BYTES } from './measured';

export type { EventItem, MemoryItem } from './kindCost';

export interface CostEstimate {
  /** The simulated duration the estimate covers. */
  durationMs: number;
  /** Largest first. */
  memory: MemoryItem[];
  memoryBytes: number;
  /** Largest first. */
  events: EventItem[];
  totalEvents: number;
}

interface Graph {
  /** Edge indexes leaving each node. */
  out: number[][];
  /** Target node index of each edge (−1 for a dangling one). */
  to: number[];
  /** Nodes in topological order (nodes on a cycle left out). */
  order: number[];
}

function graphOf(s: Scenario): Graph {
  const index = new Map<string, number>();
  s.nodes.forEach((n, i) => index.set(n.id, i));
  const out: number[][] = s.nodes.map(() => []);
  const indegree = new Array<number>(s.nodes.length).fill(0);
  const to = s.edges.map((e, k) => {
    const from = index.get(e.from);
    const target = index.get(e.to);
    if (from === undefined || target === undefined) return -1;
    out[from].push(k);
    indegree[target]++;
    return target;
  });
  const order: number[] = [];
  for (let i = 0; i < s.nodes.length; i++) if (indegree[i] === 0) order.push(i);
  for (let head = 0; head < order.length; head++) {
    for (const k of out[order[head]]) {
      const t = to[k];
      if (t >= 0 && --indegree[t] === 0) order.push(t);
    }
  }
  return { out, to, order };
}

/** What each node's kind says about it, asked once per node. */
interface KindFacts {
  outgoing: Outgoing[];
  instances: Instances[];
  /** Null for a node that makes no requests of its own. */
  sources: (Source | null)[];
}

const EVERY: Outgoing = { spread: 'every' };
const ONE: Instances = { count: 1, path: 'replicas' };

function kindFacts(nodes: readonly ScenarioNode[]): KindFacts {
  const facts: KindFacts = { outgoing: [], instances: [], sources: [] };
  for (const node of nodes) {
    const cost = kindCost(node.kind);
    facts.outgoing.push(cost.outgoing?.(node.config) ?? EVERY);
    facts.instances.push(cost.instances?.(node.config) ?? ONE);
    facts.sources.push(cost.source?.(node.config) ?? null);
  }
  return facts;
}

/** One pass over the faults and edges: per node, its faults and whether a balancer that pins users or keys feeds it. */
function faultsAndPinning(s: Scenario, outgoing: readonly Outgoing[]): { faults: NodeFaults[]; pinnedInto: boolean[] } {
  const index = new Map<string, number>();
  s.nodes.forEach((n, i) => index.set(n.id, i));
  const faults = s.nodes.map((): NodeFaults => ({ slow: 1, crashedInstances: new Set() }));
  for (const f of s.faults) {
    const i = index.get(f.target);
    if (i === undefined) continue;
    if (f.action === 'slow') faults[i].slow = Math.max(faults[i].slow, f.factor);
    if (f.action === 'crash' && f.instance !== undefined) faults[i].crashedInstances.add(f.instance);
  }
  const pinnedInto = s.nodes.map(() => false);
  for (const e of s.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (to === undefined || from === undefined) continue;
    if (outgoing[from].pins === true) pinnedInto[to] = true;
  }
  return { faults, pinnedInto };
}

export function estimateCost(scenario: Scenario, overrides: { durationMs?: number } = {}): CostEstimate {
  const durationMs = overrides.durationMs ?? scenario.durationMs;
  const seconds = durationMs / 1000;
  const { nodes, edges } = scenario;
  const g = graphOf(scenario);
  const memory: MemoryItem[] = [];
  const events: EventItem[] = [];
  const addMemory = (path: string, what: string, bytes: number) => {
    if (bytes > 0) memory.push({ path, what, bytes });
  };

  const { outgoing, instances, sources } = kindFacts(nodes);
  const placed = faultsAndPinning(scenario, outgoing);
  const { maxUsers, maxKeys } = populationOf(nodes);
  const targetsOf = (k: number) => (g.to[k] >= 0 ? instances[g.to[k]].count : 1);

  // The share of a node's outgoing calls each of its edges carries (before callsPerRequest and retries).
  const share = new Array<number>(edges.length).fill(1);
  nodes.forEach((_, i) => {
    const out = g.out[i];
    if (out.length === 0) return;
    const { spread } = outgoing[i];
    if (spread === 'by-instances' || spread === 'by-weighted-instances') {
      const weighted = spread === 'by-weighted-instances';
      const w = (k: number) => targetsOf(k) * (weighted ? edges[k].config.weight : 1);
      let total = 0;
      for (const k of out) total += w(k);
      for (const k of out) share[k] = w(k) / total;
    } else if (spread === 'evenly') {
      for (const k of out) share[k] = 1 / out.length;
    }
  });
  // Calls an edge carries per call its source handles, at worst.
  const fanOut = edges.map((e, k) => product(share[k], e.config.callsPerRequest, e.config.retry?.maxAttempts ?? 1));
  nodes.forEach((_, i) => {
    for (const k of g.out[i]) fanOut[k] = product(fanOut[k], outgoing[i].deliveries ?? 1);
  });
  // Per call on an edge: a delivery and an answer (a zero-latency delivery runs inside the
  // caller's event; its answer is still an event), a deadline check, a retry's backoff timer.
  // A source that delays each call (a balancer's processing time) does it in one delay with
  // the link's latency when the link is plain and its latency constant; otherwise the call
  // waits an event of its own before it is sent.
  const sourceOf = new Map(nodes.map((n, i) => [n.id, i]));
  const edgeEvents = edges.map((e) => {
    const c = e.config;
    const guarded = c.timeoutMs !== null || c.retry !== null || c.circuitBreaker !== null || c.bulkhead !== null;
    const from = sourceOf.get(e.from);
    const processing = from !== undefined && outgoing[from].delays === true;
    const constant = typeof c.latency === 'number' || c.latency.dist === 'constant';
    return (isZero(c.latency) ? 1 : 2) + (c.timeoutMs !== null ? 1 : 0) + (c.retry !== null ? 1 : 0) + (processing && (guarded || !constant) ? 1 : 0);
  });

  // Forward: calls per second arriving at each node and carried by each edge at the peak
  // (for what is held in flight), and calls over the whole run (for what can pile up).
  // The same for write calls alone (a source's writeFraction of its requests), which fill a
  // database's memory of applied writes.
  const inflow = new Array<number>(nodes.length).fill(0);
  const carried = new Array<number>(edges.length).fill(0);
  const received = new Array<number>(nodes.length).fill(0);
  const sent = new Array<number>(edges.length).fill(0);
  const writeInflow = new Array<number>(nodes.length).fill(0);
  const writesReceived = new Array<number>(nodes.length).fill(0);
  for (const i of g.order) {
    const source = sources[i];
    const peak = source !== null ? source.peakRps : inflow[i];
    const total = source !== null ? source.requests(durationMs) : received[i];
    const writePeak = source !== null ? product(peak, source.writeFraction) : writeInflow[i];
    const writeTotal = source !== null ? product(total, source.writeFraction) : writesReceived[i];
    for (const k of g.out[i]) {
      carried[k] = product(peak, fanOut[k]);
      sent[k] = product(total, fanOut[k]);
      if (g.to[k] >= 0) {
        inflow[g.to[k]] += carried[k];
        received[g.to[k]] += sent[k];
        writeInflow[g.to[k]] += product(writePeak, fanOut[k]);
        writesReceived[g.to[k]] += product(writeTotal, fanOut[k]);
      }
    }
  }

  // Backward: events caused downstream of a node by each call it receives, to attribute the
  // total to the sources whose requests cause it.
  const downstream = new Array<number>(nodes.length).fill(0);
  for (let o = g.order.length - 1; o >= 0; o--) {
    const i = g.order[o];
    const node = nodes[i];
    let sum = kindCost(node.kind).eventsPerCall(node.config);
    for (const k of g.out[i]) sum += product(fanOut[k], edgeEvents[k] + (g.to[k] >= 0 ? downstream[g.to[k]] : 0));
    downstream[i] = sum;
  }

  // Each node's own structures, from what reaches it.
  const pushEvent = (item: EventItem) => {
    events.push(item);
  };
  nodes.forEach((node, i) => {
    let targets = 0;
    for (const k of g.out[i]) targets += targetsOf(k);
    const ctx: CostContext = {
      at: (field) => `nodes[${i}].config.${field}`,
      path: `nodes[${i}]`,
      durationMs,
      seconds,
      arrivals: received[i],
      inflow: inflow[i],
      writeInflow: writeInflow[i],
      writesReceived: writesReceived[i],
      eventsPerCallDownstream: downstream[i],
      outEdges: g.out[i].length,
      targets,
      maxUsers,
      maxKeys,
      faults: placed.faults[i],
      pinnedInto: placed.pinnedInto[i],
      memory: addMemory,
      events: pushEvent,
    };
    kindCost(node.kind).items(node.config, ctx);
  });

  edges.forEach((e, k) => {
    const rate = carried[k];
    const calls = sent[k];
    if (calls === 0) return;
    const path = (field: string) => `edges[${k}].config.${field}`;
    // Little's law: calls on the wire = rate × time on it (both ways), at most every call of the run.
    const onWire = Math.min(product(rate, (2 * meanMs(e.config.latency)) / 1000), calls);
    addMemory(path('latency'), `about ${formatCount(onWire)} calls on the network`, onWire * BYTES.callOnWire);
    if (e.config.timeoutMs !== null) {
      const deadlines = Math.min(product(rate, e.config.timeoutMs / 1000), calls);
      addMemory(path('timeoutMs'), `up to ${formatCount(deadlines)} pending deadlines`, deadlines * BYTES.deadline);
    }
    const retry = e.config.retry;
    if (retry !== null && retry.maxAttempts > 1) {
      const waiting = Math.min(product(rate, retry.maxDelayMs / 1000), calls);
      addMemory(path('retry.maxDelayMs'), `up to ${formatCount(waiting)} calls waiting to retry`, waiting * BYTES.callOnWire);
    }
  });

  const base = nodes.length * BYTES.node + edges.length * BYTES.edge;
  addMemory('(document)', `${countOf(nodes.length, 'node')} and ${countOf(edges.length, 'edge')}`, base);
  if (scenario.faults.length > 0) {
    events.push({ path: 'faults', what: countOf(scenario.faults.length, 'scheduled fault'), events: scenario.faults.length, once: true });
  }

  memory.sort((a, b) => b.bytes - a.bytes);
  events.sort((a, b) => b.events - a.events);
  let memoryBytes = 0;
  for (const m of memory) memoryBytes += m.bytes;
  let totalEvents = 0;
  for (const e of events) totalEvents += e.events;
  return { durationMs, memory, memoryBytes, events, totalEvents };
}
