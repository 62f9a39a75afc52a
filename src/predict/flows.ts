/**
 * The offered load reaching each node of a document, and what kind of stream it is: its
 * rate, split by client and path, and each reason it stops being a stationary Poisson stream
 * of independent keys on its way through the graph. Streams stay Poisson through independent
 * thinning (a random or path-based split, errors), i.i.d. delays (network, a balancer's
 * processing), superposition of independent streams, and the departures of an M/M/c with an
 * unbounded queue (Burke); anything else — round robin, a limiter, a cache's misses, a
 * queue's pulls, calls made after another call returns — is named as the reason they are not.
 */
import type { Fault, NodeOf, Scenario, ScenarioEdge, ScenarioNode } from '../model';

/** Requests of one client on one path, per ms. */
export interface Flow {
  client: string;
  path: string;
  perMs: number;
  writeFraction: number;
}

export interface Stream {
  flows: Flow[];
  /** Why the arrivals are not a Poisson stream; null when they are. */
  notPoisson: string | null;
  /** What changes over the run; null when nothing does. */
  changing: string | null;
  /** What makes arrivals depend on failures (retries, breakers, redeliveries). */
  feedback: string | null;
  /** What keeps the keys from being independent draws of the clients' laws (a cache in front). */
  keysFiltered: string | null;
  /** Why the rate reaching the node (or each instance) is not known from the document. */
  unknownRate: string | null;
  /** Why each instance's arrivals are not Poisson though the node's are (round robin over instances). */
  unevenSpread: string | null;
  /** Servers that copy each request to several edges, with the edge taken: two streams that took different edges of one carry the same requests. */
  copies: Record<string, number>;
}

interface DocumentIndex {
  /** The first fault aimed at each node or edge. */
  faultOf: Map<string, Fault>;
  /** Each node's out-edges, in the document's order. */
  outEdges: Map<string, ScenarioEdge[]>;
}

const indexes = new WeakMap<Scenario, DocumentIndex>();

/** Lookups by id, built once per document, so no rule scans the whole document per node. */
export function indexOf(scenario: Scenario): DocumentIndex {
  let index = indexes.get(scenario);
  if (index === undefined) {
    const faultOf = new Map<string, Fault>();
    for (const f of scenario.faults) if (!faultOf.has(f.target)) faultOf.set(f.target, f);
    const outEdges = new Map<string, ScenarioEdge[]>(scenario.nodes.map((n) => [n.id, []]));
    for (const e of scenario.edges) outEdges.get(e.from)?.push(e);
    index = { faultOf, outEdges };
    indexes.set(scenario, index);
  }
  return index;
}

export const totalPerMs = (s: Stream) => s.flows.reduce((a, f) => a + f.perMs, 0);
export const readsPerMs = (s: Stream) => s.flows.reduce((a, f) => a + f.perMs * (1 - f.writeFraction), 0);

function emptyStream(): Stream {
  return { flows: [], notPoisson: null, changing: null, feedback: null, keysFiltered: null, unknownRate: null, unevenSpread: null, copies: {} };
}

const scaled = (s: Stream, k: number): Stream => ({ ...s, flows: s.flows.map((f) => ({ ...f, perMs: f.perMs * k })) });

/** Independent streams arriving at one node, as one. */
export function merge(streams: readonly { stream: Stream; via: string }[], node: string): Stream {
  const out = emptyStream();
  const byKey = new Map<string, Flow>();
  for (const { stream: s, via } of streams) {
    for (const f of s.flows) {
      const k = `${f.client}\u0000${f.path}`;
      const held = byKey.get(k);
      if (held === undefined) byKey.set(k, { ...f });
      else {
        const total = held.perMs + f.perMs;
        held.writeFraction = total > 0 ? (held.perMs * held.writeFraction + f.perMs * f.writeFraction) / total : 0;
        held.perMs = total;
      }
    }
    out.notPoisson ??= s.notPoisson;
    out.changing ??= s.changing;
    out.feedback ??= s.feedback;
    out.keysFiltered ??= s.keysFiltered;
    out.unknownRate ??= s.unknownRate;
    out.unevenSpread ??= s.unevenSpread;
    for (const [server, edge] of Object.entries(s.copies)) {
      if (server in out.copies && out.copies[server] !== edge) {
        out.notPoisson ??= `the same requests reach ${node} twice (${server} calls it over more than one path, the last via ${via})`;
      }
      out.copies[server] = edge;
    }
  }
  out.flows = [...byKey.values()];
  return out;
}

/** What an edge does to the stream it carries (SPEC §3.3). */
function acrossEdge(s: Stream, e: ScenarioEdge, scenario: Scenario): Stream {
  const c = e.config;
  let out = s;
  if (c.callsPerRequest > 1) {
    out = scaled(out, c.callsPerRequest);
    out.notPoisson ??= `each request calls ${e.to} ${c.callsPerRequest} times in a row over ${e.id} (callsPerRequest)`;
  }
  if (c.retry !== null && c.retry.maxAttempts > 1) out = { ...out, feedback: out.feedback ?? `edge ${e.id} retries failed calls (retry.maxAttempts ${c.retry.maxAttempts})` };
  if (c.circuitBreaker !== null) out = { ...out, feedback: out.feedback ?? `edge ${e.id}'s circuit breaker sheds calls once they fail` };
  if (c.bulkhead !== null) out = { ...out, feedback: out.feedback ?? `edge ${e.id}'s bulkhead refuses calls while ${c.bulkhead.maxConcurrent} are out` };
  const fault = indexOf(scenario).faultOf.get(e.id);
  if (fault !== undefined) out = { ...out, changing: out.changing ?? `a fault ${fault.action}s edge ${e.id} at ${fault.atMs} ms` };
  return out;
}

/** Instances a balancer in front of `node` spreads over (its instance count at the start). */
export function instancesOf(node: ScenarioNode): number {
  if (node.kind !== 'server') return 1;
  const a = node.config.autoscale;
  return a !== null ? Math.min(a.max, Math.max(a.min, node.config.replicas)) : node.config.replicas;
}

/** How a node sends what reaches it on to each of its out-edges. */
export type Forward = (node: ScenarioNode, inflow: Stream, out: readonly ScenarioEdge[], ctx: FlowContext) => Stream[];

export interface FlowContext {
  scenario: Scenario;
  nodes: Map<string, ScenarioNode>;
  /** Fraction of reads a cache or CDN answers itself, when theory predicts it (else null). */
  hitRate(node: ScenarioNode, inflow: Stream): number | null;
  /** Whether a server's completions are a Poisson stream (an M/M/c whose assumptions hold), and the fraction it admits. */
  serverOutput(node: NodeOf<'server'>, inflow: Stream): { poisson: string | null; admitted: number };
}

const forwardLoadBalancer: Forward = (node, s, out, ctx) => {
  const lb = (node as NodeOf<'loadBalancer'>).config;
  const inst = out.map((e) => instancesOf(ctx.nodes.get(e.to)!));
  const weight = out.map((e, i) => (lb.algorithm === 'weighted-round-robin' ? e.config.weight : 1) * inst[i]);
  const total = weight.reduce((a, b) => a + b, 0);
  const targets = inst.reduce((a, b) => a + b, 0);
  const random = lb.algorithm === 'random';
  const hashed = lb.algorithm === 'ip-hash' || lb.algorithm === 'consistent-hash' || lb.stickySessions;
  return out.map((e, i) => {
    const share = total > 0 ? weight[i] / total : 0;
    const r = scaled(s, share);
    if (targets <= 1 || random) return r;
    if (hashed) {
      const by = lb.stickySessions ? 'sticky sessions keep each user on the instance it first reached' : `${lb.algorithm} maps each ${lb.algorithm === 'ip-hash' ? 'user' : lb.hashOn} to an instance by a hash`;
      return { ...r, unknownRate: r.unknownRate ?? `${node.id}: ${by}, so each instance's share depends on the hash, not only on the document` };
    }
    const how =
      lb.algorithm === 'round-robin' || lb.algorithm === 'weighted-round-robin'
        ? `${lb.algorithm} over ${targets} instances makes each one's arrivals more regular than Poisson`
        : `${lb.algorithm} picks instances by their state, so arrivals at each depend on its queue`;
    if (out.length > 1) return { ...r, notPoisson: r.notPoisson ?? `${node.id}: ${how}` };
    return { ...r, unevenSpread: r.unevenSpread ?? `${node.id}: ${how}` };
  });
};

const forwardGateway: Forward = (node, s, out) => {
  const gw = (node as NodeOf<'apiGateway'>).config;
  const perEdge = out.map(() => [] as Flow[]);
  for (const f of s.flows) {
    const route = gw.routes.find((r) => f.path.startsWith(r.pathPrefix));
    const k = route !== undefined ? out.findIndex((e) => e.to === route.to) : 0;
    perEdge[k < 0 ? 0 : k].push(f);
  }
  const limited = gw.rateLimit !== null ? `${node.id}'s rate limit (${gw.rateLimit.algorithm}) turns requests away depending on its state` : null;
  return out.map((_, i) => ({ ...s, flows: perEdge[i], notPoisson: s.notPoisson ?? limited }));
};

const forwardRateLimiter: Forward = (node, s, out) => {
  const rl = (node as NodeOf<'rateLimiter'>).config;
  const rate = totalPerMs(s);
  const cap = rl.algorithm === 'token-bucket' || rl.algorithm === 'leaky-bucket' ? rl.ratePerSec / 1000 : rl.limit / rl.windowMs;
  const passed = rl.scope === 'global' && rate > cap ? scaled(s, cap / rate) : s;
  const why = `${node.id} (${rl.algorithm}) turns requests away depending on its state`;
  return out.map(() => ({ ...passed, notPoisson: passed.notPoisson ?? why, unknownRate: rl.scope === 'per-user' ? (passed.unknownRate ?? `${node.id} limits each user apart`) : passed.unknownRate }));
};

const forwardServer: Forward = (node, s, out, ctx) => {
  const server = node as NodeOf<'server'>;
  const { poisson, admitted } = ctx.serverOutput(server, s);
  const ok = admitted * (1 - server.config.errorRate);
  const parallel = server.config.calls === 'parallel';
  return out.map((e, i) => {
    const r = scaled(s, ok);
    if (out.length > 1) r.copies = { ...r.copies, [node.id]: i };
    const after = !parallel && i > 0 ? `${node.id} calls ${e.to} only after its call over ${out[i - 1].id} returns (sequential calls)` : null;
    return { ...r, notPoisson: r.notPoisson ?? after ?? poisson, unevenSpread: null };
  });
};

const forwardCaching: Forward = (node, s, out, ctx) => {
  const hit = ctx.hitRate(node, s);
  const filter = (f: Flow): number => {
    if (node.kind === 'cdn' && !node.config.cacheablePaths.some((p) => f.path.startsWith(p))) return 1;
    const reads = 1 - f.writeFraction;
    const writes = node.kind === 'cache' && node.config.strategy === 'write-back' ? 0 : f.writeFraction;
    return (hit === null ? 1 : reads * (1 - hit)) + writes;
  };
  const r: Stream = { ...s, flows: s.flows.map((f) => ({ ...f, perMs: f.perMs * filter(f) })) };
  const why = `${node.id} sends on its misses, which depend on what it holds`;
  return out.map(() => ({
    ...r,
    notPoisson: r.notPoisson ?? why,
    keysFiltered: r.keysFiltered ?? `${node.id} in front answers the reads it holds`,
    unknownRate: r.unknownRate ?? (hit === null ? `${node.id}'s hit rate has no prediction, so neither has its miss rate` : null),
  }));
};

const forwardQueue: Forward = (node, s, out, ctx) => {
  const slots = out.map((e) => {
    const n = ctx.nodes.get(e.to)!;
    return instancesOf(n) * (n.kind === 'server' ? n.config.concurrency : 1);
  });
  const total = slots.reduce((a, b) => a + b, 0);
  return out.map((_, i) => ({
    ...scaled(s, total > 0 ? slots[i] / total : 0),
    notPoisson: `its consumers pull from ${node.id} when a worker is free`,
    unevenSpread: null,
  }));
};

const forwardPassThrough: Forward = (_node, s, out) => out.map(() => s);

const FORWARD: Record<ScenarioNode['kind'], Forward> = {
  client: forwardPassThrough,
  loadBalancer: forwardLoadBalancer,
  apiGateway: forwardGateway,
  rateLimiter: forwardRateLimiter,
  server: forwardServer,
  cache: forwardCaching,
  cdn: forwardCaching,
  queue: forwardQueue,
  database: forwardPassThrough,
};

function clientStream(node: NodeOf<'client'>, scenario: Scenario): Stream {
  const c = node.config;
  const s = emptyStream();
  const weights = Object.entries(c.paths);
  const sum = weights.reduce((a, [, w]) => a + w, 0);
  s.flows = weights.map(([path, w]) => ({ client: node.id, path, perMs: ((c.rps / 1000) * w) / sum, writeFraction: c.writeFraction }));
  if (c.arrival === 'constant') s.notPoisson = `${node.id} sends at constant intervals (arrival: constant)`;
  if (c.rateSchedule.length > 0) s.changing = `${node.id}'s rate changes over the run (rateSchedule)`;
  const fault = indexOf(scenario).faultOf.get(node.id);
  if (fault !== undefined) s.changing ??= `a fault ${fault.action}s ${node.id} at ${fault.atMs} ms`;
  return s;
}

/**
 * The stream reaching every node, in an order where each node comes after its callers. A
 * node on a cycle (not runnable) or reached by no client gets an empty stream.
 */
export function nodeInflows(scenario: Scenario, ctx: Omit<FlowContext, 'scenario' | 'nodes'>): Map<string, Stream> {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const full: FlowContext = { ...ctx, scenario, nodes };
  const { outEdges } = indexOf(scenario);
  const pending = new Map<string, number>(scenario.nodes.map((n) => [n.id, 0]));
  for (const e of scenario.edges) pending.set(e.to, (pending.get(e.to) ?? 0) + 1);
  const arriving = new Map<string, { stream: Stream; via: string }[]>(scenario.nodes.map((n) => [n.id, []]));
  const inflow = new Map<string, Stream>();
  const ready = scenario.nodes.filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  for (let next = 0; next < ready.length; next++) {
    const id = ready[next];
    const node = nodes.get(id)!;
    const s = node.kind === 'client' ? clientStream(node, scenario) : merge(arriving.get(id)!, id);
    inflow.set(id, s);
    const out = outEdges.get(id)!;
    const sent = out.length > 0 ? FORWARD[node.kind](node, s, out, full) : [];
    out.forEach((e, i) => {
      arriving.get(e.to)?.push({ stream: acrossEdge(sent[i], e, scenario), via: e.id });
      const left = pending.get(e.to)! - 1;
      pending.set(e.to, left);
      if (left === 0) ready.push(e.to);
    });
  }
  for (const n of scenario.nodes) if (!inflow.has(n.id)) inflow.set(n.id, emptyStream());
  return inflow;
}
