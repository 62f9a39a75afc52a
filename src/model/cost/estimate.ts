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
 * Linear in the size of the document, with no recursion: the graph is walked in topological
 * order (Kahn). Nodes on a cycle are left out; such a document does not run anyway.
 */
import { meanMs, type Duration } from '../duration';
import { countOf, formatCount } from '../numberText';
import type { Scenario, ScenarioNode } from '../scenario';
import type { RateLimiterConfig } from '../kinds/rateLimiter';
import { APPLIED_WRITES_WINDOW_MS, MAX_APPLIED_WRITES } from '../kinds/database';
import { MAX_REPLICA_STEPS } from '../kinds/server';
import { BYTES, WORK } from './measured';

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

/** A product that is 0 when any factor is 0 (∞ × 0 would be NaN). */
function product(...factors: number[]): number {
  let p = 1;
  for (const f of factors) {
    if (f === 0) return 0;
    p *= f;
  }
  return p;
}

function maxOf<T>(items: readonly T[], value: (t: T) => number, start: number): number {
  let m = start;
  for (const t of items) m = Math.max(m, value(t));
  return m;
}

const isZero = (d: Duration) => meanMs(d) === 0 && (typeof d === 'number' || d.dist === 'constant');

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

/** Instances a load balancer can target on a node, at the most the document allows. */
function peakInstances(node: ScenarioNode): { count: number; path: string } {
  if (node.kind !== 'server') return { count: 1, path: 'replicas' };
  const c = node.config;
  let best = { count: c.replicas, path: 'replicas' };
  c.scaleSchedule.forEach((step, k) => {
    if (step.replicas > best.count) best = { count: step.replicas, path: `scaleSchedule[${k}].replicas` };
  });
  if (c.autoscale !== null && c.autoscale.max > best.count) best = { count: c.autoscale.max, path: 'autoscale.max' };
  return best;
}

/**
 * Requests that can wait at a server's instances, at most, when its workers keep up with it.
 * A station whose utilisation ρ stays below 1 has a queue whose length falls geometrically
 * (P(Q > q) ≈ ρ^q for Poisson arrivals): 40 times the length exceeded with probability
 * 10⁻¹² leaves room for bursts and service times with long tails. Null when the document
 * lets the load reach the workers' capacity, and then the queue may fill:
 * - a worker held while the server waits on its downstream calls (blocking io) for a time
 *   the document does not bound;
 * - a balancer hashing users or keys (or sticky sessions) may send everything to one instance;
 * - the fewest instances the run has, less the instances a fault crashes, slowed by the
 *   largest factor a fault applies, at the highest rate that can reach it (retries included).
 */
function stableQueueBound(node: ScenarioNode, outEdges: number, faults: NodeFaults, hashedInto: boolean, inflow: number): number | null {
  if (node.kind !== 'server') return null;
  const c = node.config;
  if (c.io === 'blocking' && outEdges > 0) return null;
  let fewest = c.replicas;
  for (const step of c.scaleSchedule) fewest = Math.min(fewest, step.replicas);
  if (c.autoscale !== null) fewest = Math.min(fewest, c.autoscale.min);
  const spread = hashedInto ? 1 : fewest - faults.crashedInstances.size;
  if (spread < 1) return null;
  let serviceMs = meanMs(c.serviceTime) * faults.slow;
  if (c.sessions === 'in-memory') serviceMs += meanMs(c.sessionRebuildTime) * faults.slow;
  const rho = ((inflow / spread) * serviceMs) / (1000 * c.concurrency);
  if (!(rho < 0.98)) return null;
  const perInstance = rho > 0 ? Math.ceil((40 * Math.log(1e-12)) / Math.log(rho)) : 0;
  return perInstance * peakInstances(node).count;
}

/** What the faults do to one node: the largest slow factor, the instances crashed one by one. */
interface NodeFaults {
  slow: number;
  crashedInstances: Set<number>;
}

/** One pass over the faults and edges: per node, its faults and whether a hashing balancer feeds it. */
function faultsAndHashing(s: Scenario): { faults: NodeFaults[]; hashedInto: boolean[] } {
  const index = new Map<string, number>();
  s.nodes.forEach((n, i) => index.set(n.id, i));
  const faults = s.nodes.map((): NodeFaults => ({ slow: 1, crashedInstances: new Set() }));
  for (const f of s.faults) {
    const i = index.get(f.target);
    if (i === undefined) continue;
    if (f.action === 'slow') faults[i].slow = Math.max(faults[i].slow, f.factor);
    if (f.action === 'crash' && f.instance !== undefined) faults[i].crashedInstances.add(f.instance);
  }
  const hashedInto = s.nodes.map(() => false);
  for (const e of s.edges) {
    const from = s.nodes[index.get(e.from) ?? -1];
    const to = index.get(e.to);
    if (to === undefined || from?.kind !== 'loadBalancer') continue;
    const c = from.config;
    if (c.stickySessions || c.algorithm === 'ip-hash' || c.algorithm === 'consistent-hash') hashedInto[to] = true;
  }
  return { faults, hashedInto };
}

/** A client's highest rate and the field that sets it. */
function peakRate(node: Extract<ScenarioNode, { kind: 'client' }>): { rps: number; path: string } {
  let best = { rps: node.config.rps, path: 'rps' };
  node.config.rateSchedule.forEach((step, k) => {
    if (step.rps > best.rps) best = { rps: step.rps, path: `rateSchedule[${k}].rps` };
  });
  return best;
}

/** Requests a client sends in `durationMs`: its rate integrated over its schedule. */
function requestsOverRun(node: Extract<ScenarioNode, { kind: 'client' }>, durationMs: number): number {
  let total = 0;
  let rps = node.config.rps;
  let from = 0;
  for (const step of node.config.rateSchedule) {
    if (step.atMs >= durationMs) break;
    total += (rps * (step.atMs - from)) / 1000;
    rps = step.rps;
    from = step.atMs;
  }
  return total + (rps * (durationMs - from)) / 1000;
}


/** Events at the node for each call it receives. */
function eventsPerCall(node: ScenarioNode): number {
  switch (node.kind) {
    case 'client':
      return 0;
    case 'loadBalancer':
      return 0; // its processing time rides the outgoing link (see edgeEvents)
    case 'queue':
      return 2; // enqueue, then delivery to a consumer
    case 'database':
      return node.config.pooling ? 1 : 2; // the query (and opening a connection)
    default:
      return 1;
  }
}

export function estimateCost(scenario: Scenario, overrides: { durationMs?: number } = {}): CostEstimate {
  const durationMs = overrides.durationMs ?? scenario.durationMs;
  const seconds = durationMs / 1000;
  const { nodes, edges } = scenario;
  const g = graphOf(scenario);
  const memory: MemoryItem[] = [];
  const events: EventItem[] = [];
  const at = (i: number, field: string) => `nodes[${i}].config.${field}`;
  const addMemory = (path: string, what: string, bytes: number) => {
    if (bytes > 0) memory.push({ path, what, bytes });
  };

  const instances = nodes.map(peakInstances);
  const placed = faultsAndHashing(scenario);
  const maxUsers = maxOf(nodes, (n) => (n.kind === 'client' ? n.config.users : 1), 1);
  const maxKeys = maxOf(nodes, (n) => (n.kind === 'client' ? n.config.keys.count : 1), 1);

  // The share of a node's outgoing calls each of its edges carries (before callsPerRequest and retries).
  const share = new Array<number>(edges.length).fill(1);
  nodes.forEach((node, i) => {
    const out = g.out[i];
    if (out.length === 0) return;
    if (node.kind === 'loadBalancer' || node.kind === 'queue') {
      const weighted = node.kind === 'loadBalancer' && node.config.algorithm === 'weighted-round-robin';
      const w = (k: number) => (g.to[k] >= 0 ? instances[g.to[k]].count : 1) * (weighted ? edges[k].config.weight : 1);
      let total = 0;
      for (const k of out) total += w(k);
      for (const k of out) share[k] = w(k) / total;
    } else if (node.kind === 'apiGateway') {
      for (const k of out) share[k] = 1 / out.length;
    }
  });
  // Calls an edge carries per call its source handles, at worst.
  const redeliveries = (node: ScenarioNode) => (node.kind === 'queue' ? node.config.maxAttempts : 1);
  const fanOut = edges.map((e, k) => product(share[k], e.config.callsPerRequest, e.config.retry?.maxAttempts ?? 1));
  nodes.forEach((node, i) => {
    for (const k of g.out[i]) fanOut[k] = product(fanOut[k], redeliveries(node));
  });
  // Per call on an edge: a delivery and an answer (a zero-latency delivery runs inside the
  // caller's event; its answer is still an event), a deadline check, a retry's backoff timer.
  // A balancer's processing time is one delay with the link's latency when the link is plain
  // and its latency constant; otherwise the call waits an event of its own before it is sent.
  const sourceOf = new Map(nodes.map((n) => [n.id, n]));
  const edgeEvents = edges.map((e) => {
    const c = e.config;
    const guarded = c.timeoutMs !== null || c.retry !== null || c.circuitBreaker !== null || c.bulkhead !== null;
    const from = sourceOf.get(e.from);
    const processing = from?.kind === 'loadBalancer' && !isZero(from.config.processingTime);
    const constant = typeof c.latency === 'number' || c.latency.dist === 'constant';
    return (isZero(c.latency) ? 1 : 2) + (c.timeoutMs !== null ? 1 : 0) + (c.retry !== null ? 1 : 0) + (processing && (guarded || !constant) ? 1 : 0);
  });

  // Forward: calls per second arriving at each node and carried by each edge at the peak
  // (for what is held in flight), and calls over the whole run (for what can pile up).
  // The same for write calls alone (a client's writeFraction of its requests), which fill a
  // database's memory of applied writes.
  const inflow = new Array<number>(nodes.length).fill(0);
  const carried = new Array<number>(edges.length).fill(0);
  const received = new Array<number>(nodes.length).fill(0);
  const sent = new Array<number>(edges.length).fill(0);
  const writeInflow = new Array<number>(nodes.length).fill(0);
  const writesReceived = new Array<number>(nodes.length).fill(0);
  for (const i of g.order) {
    const node = nodes[i];
    const peak = node.kind === 'client' ? peakRate(node).rps : inflow[i];
    const total = node.kind === 'client' ? requestsOverRun(node, durationMs) : received[i];
    const writeShare = node.kind === 'client' ? node.config.writeFraction : 1;
    const writePeak = node.kind === 'client' ? product(peak, writeShare) : writeInflow[i];
    const writeTotal = node.kind === 'client' ? product(total, writeShare) : writesReceived[i];
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
  // total to the clients whose requests cause it.
  const downstream = new Array<number>(nodes.length).fill(0);
  for (let o = g.order.length - 1; o >= 0; o--) {
    const i = g.order[o];
    let sum = eventsPerCall(nodes[i]);
    for (const k of g.out[i]) sum += product(fanOut[k], edgeEvents[k] + (g.to[k] >= 0 ? downstream[g.to[k]] : 0));
    downstream[i] = sum;
  }

  nodes.forEach((node, i) => {
    const arrivals = received[i];
    switch (node.kind) {
      case 'client': {
        const peak = peakRate(node);
        const perRequest = 1 + downstream[i];
        const requests = requestsOverRun(node, durationMs);
        events.push({
          path: at(i, peak.path),
          what:
            node.config.rateSchedule.length === 0
              ? `${formatCount(peak.rps)} requests/s × ≈ ${formatCount(perRequest)} events each`
              : `≈ ${formatCount(requests)} requests (at most ${formatCount(peak.rps)}/s) × ≈ ${formatCount(perRequest)} events each`,
          events: product(requests, perRequest),
        });
        if (node.config.rateSchedule.length > 0) {
          events.push({ path: at(i, 'rateSchedule'), what: countOf(node.config.rateSchedule.length, 'rate step'), events: node.config.rateSchedule.length, once: true });
        }
        if (node.config.keys.distribution === 'zipf' && node.config.keys.count > 1) {
          const keys = node.config.keys.count;
          addMemory(at(i, 'keys.count'), `a Zipf table of ${formatCount(keys)} keys`, keys * BYTES.zipfKey);
          events.push({ path: at(i, 'keys.count'), what: `building a Zipf table of ${formatCount(keys)} keys`, events: keys * WORK.zipfKey, once: true });
        }
        return;
      }
      case 'server': {
        const c = node.config;
        const inst = instances[i];
        const queueSlots = inst.count * c.queueCapacity;
        const stable = stableQueueBound(node, g.out[i].length, placed.faults[i], placed.hashedInto[i], inflow[i]);
        const queued = Math.min(queueSlots, arrivals, stable ?? Infinity);
        const across = inst.count > 1 ? ` (${formatCount(inst.count)} instances × ${formatCount(c.queueCapacity)})` : '';
        addMemory(
          at(i, 'queueCapacity'),
          queued === stable && stable < Math.min(queueSlots, arrivals)
            ? `up to ${formatCount(queued)} queued requests (its workers keep up with its load)`
            : queued < queueSlots
              ? `up to ${formatCount(queued)} queued requests (all that reach it in ${formatCount(seconds)} s)`
              : `up to ${formatCount(queued)} queued requests${across}`,
          queued * BYTES.queuedRequest,
        );
        const workers = Math.min(inst.count * c.concurrency, arrivals);
        addMemory(at(i, 'concurrency'), `up to ${formatCount(workers)} requests in service`, workers * BYTES.requestInService);
        addMemory(at(i, inst.path), countOf(inst.count, 'instance'), inst.count * BYTES.serverInstance);
        if (c.sessions === 'in-memory') {
          addMemory(at(i, 'sessions'), `a session table of ${formatCount(maxUsers)} users`, maxUsers * BYTES.sessionUser);
        }
        if (c.autoscale !== null) {
          const evaluations = seconds * (1000 / c.autoscale.evaluateEveryMs);
          events.push({
            path: at(i, 'autoscale.evaluateEveryMs'),
            what: `an evaluation every ${formatCount(c.autoscale.evaluateEveryMs)} ms`,
            events: evaluations,
          });
          // Each evaluation may start instances and see earlier ones come into rotation: two steps.
          const steps = Math.min(MAX_REPLICA_STEPS, 1 + c.scaleSchedule.length + 2 * evaluations);
          addMemory(at(i, 'autoscale.evaluateEveryMs'), `a replica timeline of up to ${formatCount(steps)} steps`, steps * BYTES.replicaStep);
        }
        if (c.scaleSchedule.length > 0) {
          events.push({ path: at(i, 'scaleSchedule'), what: countOf(c.scaleSchedule.length, 'scaling step'), events: c.scaleSchedule.length, once: true });
        }
        return;
      }
      case 'loadBalancer': {
        const c = node.config;
        let targets = 0;
        for (const k of g.out[i]) targets += g.to[k] >= 0 ? instances[g.to[k]].count : 1;
        const points = product(targets, c.virtualNodes);
        addMemory(
          at(i, 'virtualNodes'),
          `a consistent-hash ring of ${formatCount(points)} points (${countOf(targets, 'instance')} × ${formatCount(c.virtualNodes)})` +
            (c.algorithm === 'consistent-hash' ? '' : ', built if the algorithm becomes consistent-hash'),
          points * BYTES.ringPoint,
        );
        if (c.algorithm === 'consistent-hash') {
          // Built at the start (and, until the kernel's incremental ring lands, again on each
          // scaling step behind it). A live switch to consistent hashing builds it later, paced.
          events.push({ path: at(i, 'virtualNodes'), what: `building a ring of ${formatCount(points)} points`, events: points * WORK.ringPoint, once: true });
        }
        addMemory(`nodes[${i}]`, countOf(targets, 'target'), targets * BYTES.balancerTarget);
        if (c.stickySessions) {
          addMemory(at(i, 'stickySessions'), `a sticky-session table of ${formatCount(maxUsers)} users`, maxUsers * BYTES.stickyUser);
        }
        if (c.healthCheck !== null) {
          events.push({
            path: at(i, 'healthCheck.intervalMs'),
            what: `a probe of ${countOf(targets, 'target')} every ${formatCount(c.healthCheck.intervalMs)} ms`,
            events: product(seconds * (1000 / c.healthCheck.intervalMs), 1 + WORK.probeTarget * targets),
          });
        }
        return;
      }
      case 'apiGateway':
        if (node.config.rateLimit !== null) limiterCost(`nodes[${i}].config.rateLimit`, node.config.rateLimit, arrivals);
        return;
      case 'rateLimiter':
        limiterCost(`nodes[${i}].config`, node.config, arrivals);
        return;
      case 'cache': {
        const entries = Math.min(node.config.capacity, maxKeys, arrivals);
        addMemory(at(i, 'capacity'), `up to ${formatCount(entries)} cache entries`, entries * BYTES.cacheEntry);
        if (node.config.strategy === 'write-back') {
          events.push({
            path: at(i, 'flushDelayMs'),
            what: `a flush every ${formatCount(node.config.flushDelayMs)} ms`,
            events: seconds * (1000 / node.config.flushDelayMs),
          });
        }
        return;
      }
      case 'cdn': {
        const entries = Math.min(node.config.capacity, arrivals);
        addMemory(at(i, 'capacity'), `up to ${formatCount(entries)} edge cache entries`, entries * BYTES.cacheEntry);
        return;
      }
      case 'queue': {
        const messages = Math.min(node.config.capacity, arrivals);
        addMemory(at(i, 'capacity'), `up to ${formatCount(messages)} queued messages`, messages * BYTES.queuedMessage);
        return;
      }
      case 'database': {
        const c = node.config;
        const pools = c.shards * (1 + c.readReplicas);
        const connections = pools * c.connections;
        addMemory(
          at(i, 'connections'),
          `${countOf(connections, 'connection')} (${countOf(c.shards, 'shard')} × (1 + ${c.readReplicas} replicas) × ${formatCount(c.connections)})`,
          connections * BYTES.connection,
        );
        const waiting = Math.min(product(inflow[i], c.poolTimeoutMs / 1000), arrivals);
        addMemory(at(i, 'poolTimeoutMs'), `up to ${formatCount(waiting)} queries waiting for a connection`, waiting * BYTES.queuedRequest);
        // The request ids of the writes applied in the last 10 minutes (idempotency keys, and
        // how duplicate writes are counted without them), at most MAX_APPLIED_WRITES.
        const ids = Math.min(product(writeInflow[i], APPLIED_WRITES_WINDOW_MS / 1000), writesReceived[i], MAX_APPLIED_WRITES);
        addMemory(`nodes[${i}]`, `up to ${formatCount(ids)} request ids of the writes applied in the last 10 minutes`, ids * BYTES.appliedWrite);
        return;
      }
    }
  });

  function limiterCost(prefix: string, c: RateLimiterConfig, arrivals: number): void {
    const buckets = c.scope === 'per-user' ? maxUsers : 1;
    if (buckets > 1) {
      addMemory(`${prefix}.scope`, `a bucket for each of ${formatCount(buckets)} users`, buckets * BYTES.limiterBucket);
    }
    if (c.algorithm === 'sliding-window-log') {
      const entries = Math.min(product(buckets, c.limit), arrivals);
      addMemory(`${prefix}.limit`, `up to ${formatCount(entries)} logged timestamps`, entries * BYTES.logEntry);
    }
    if (c.algorithm === 'leaky-bucket') {
      const held = Math.min(product(buckets, c.queueSize), arrivals);
      addMemory(`${prefix}.queueSize`, `up to ${formatCount(held)} requests waiting to leak`, held * BYTES.queuedRequest);
    }
  }

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
