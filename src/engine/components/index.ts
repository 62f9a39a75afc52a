/**
 * The engine's table of node kinds: how each is built, what makes it runnable, how many
 * instances it can have. Typed over every kind with a mapped type, so each descriptor sees
 * its own config type and a kind missing here is a compile error. A kind whose `create` is
 * null is valid in documents but not simulated yet: the engine refuses to run it with a
 * message rather than fake it.
 */
import { kindDefinitions, type NodeKind, type NodeOf, type ScenarioEdge } from '../../model';
import type { NodeReportBase, UnsimulatedReport } from '../api';
import type { Engine } from '../runtime/engine';
import type { NodeRuntime } from '../runtime/node';
import { ApiGatewayRuntime } from './apiGateway';
import { CacheRuntime } from './cache';
import { CdnRuntime } from './cdn';
import { ClientRuntime } from './client';
import { DatabaseRuntime } from './database';
import { balancerReads, LoadBalancerRuntime } from './loadBalancer';
import { QueueRuntime } from './queue';
import { RateLimiterRuntime } from './rateLimiter';
import { ServerRuntime } from './server';

export interface BuildContext {
  /** Users are integers in [0, maxUsers): the largest `users` of any client. */
  maxUsers: number;
  /** Keys are integers in [0, maxKeys): the largest `keys.count` of any client. */
  maxKeys: number;
}

/** A node's edges in the document, for runnability checks. */
export interface NodeWiring {
  out: readonly ScenarioEdge[];
  in: readonly ScenarioEdge[];
}

export interface EngineKind<K extends NodeKind> {
  /** Builds the node's runtime; null while the kind is not simulated. */
  create: ((engine: Engine, index: number, node: NodeOf<K>, ctx: BuildContext) => NodeRuntime<NodeReportBase & { kind: K }>) | null;
  /** What keeps a valid node of this kind from running, one message per problem. */
  check(node: NodeOf<K>, wiring: NodeWiring): string[];
  /** How many instances a fault can name (instance numbers 0 … n − 1) over the whole run. */
  maxInstances(node: NodeOf<K>): number;
  /**
   * Whether the node reads a request's user or key. Clients draw them only while some node
   * does (Engine.drawsUsers), so a kind that reads one and says no here sees only zeros. A
   * live change that makes a node start reading turns the draw on itself.
   */
  reads(node: NodeOf<K>): RequestReads;
}

export interface RequestReads {
  users: boolean;
  keys: boolean;
}

const NEITHER: RequestReads = { users: false, keys: false };
const KEYS: RequestReads = { users: false, keys: true };
const readsNeither = () => NEITHER;
const readsKeys = () => KEYS;
const readsUsersIf = (users: boolean): RequestReads => ({ users, keys: false });

const single = () => 1;
const nothing = () => [];

/** A cache or a CDN stands in front of exactly one node. */
function singleDownstream(id: string, what: string, w: NodeWiring): string[] {
  if (w.out.length === 0) return [`${what} "${id}" has no downstream node: connect it to what it caches (a database, a service, an origin)`];
  if (w.out.length > 1) return [`${what} "${id}" has ${w.out.length} outgoing edges: it stands in front of a single node`];
  return [];
}

export const engineKinds = {
  client: {
    create: (e, i, n) => new ClientRuntime(e, i, n.id, n.config),
    check(n, w) {
      const problems: string[] = [];
      if (w.out.length === 0) problems.push(`client "${n.id}" has no outgoing edge: connect it to where its requests go`);
      if (w.out.length > 1) {
        problems.push(`client "${n.id}" has ${w.out.length} outgoing edges: a client sends down a single edge (put a load balancer in between)`);
      }
      if (w.in.length > 0) problems.push(`client "${n.id}" cannot receive calls (edge "${w.in[0].id}" points at it)`);
      return problems;
    },
    maxInstances: single,
    // It draws them; what it sends them to reads them.
    reads: readsNeither,
  },
  loadBalancer: {
    create: (e, i, n, ctx) => new LoadBalancerRuntime(e, i, n.id, n.config, ctx.maxUsers),
    check: (n, w) =>
      w.out.length === 0 ? [`load balancer "${n.id}" has no outgoing edge: connect it to the servers it spreads requests over`] : [],
    maxInstances: single,
    reads: (n) => balancerReads(n.config, n.config.algorithm),
  },
  server: {
    create: (e, i, n, ctx) => new ServerRuntime(e, i, n.id, n.config, ctx.maxUsers),
    check: nothing,
    maxInstances: (n) =>
      n.config.scaleSchedule.reduce((m, s) => Math.max(m, s.replicas), Math.max(n.config.replicas, n.config.autoscale?.max ?? 0)),
    reads: (n) => readsUsersIf(n.config.sessions === 'in-memory'),
  },
  apiGateway: {
    create: (e, i, n, ctx) => new ApiGatewayRuntime(e, i, n.id, n.config, ctx.maxUsers),
    check(n, w) {
      if (w.out.length === 0) return [`API gateway "${n.id}" has no outgoing edge: connect it to the nodes it routes to`];
      const problems: string[] = [];
      n.config.routes.forEach((r, i) => {
        if (!w.out.some((e) => e.to === r.to)) {
          problems.push(`API gateway "${n.id}": routes[${i}] ("${r.pathPrefix}") goes to "${r.to}", which it has no edge to: connect them`);
        }
      });
      return problems;
    },
    maxInstances: single,
    reads: (n) => readsUsersIf(n.config.rateLimit !== null && n.config.rateLimit.scope === 'per-user'),
  },
  rateLimiter: {
    create: (e, i, n, ctx) => new RateLimiterRuntime(e, i, n.id, n.config, ctx.maxUsers),
    check(n, w) {
      const problems: string[] = [];
      if (w.out.length === 0) problems.push(`rate limiter "${n.id}" has no outgoing edge: connect it to what it protects`);
      if (w.out.length > 1) {
        problems.push(
          `rate limiter "${n.id}" has ${w.out.length} outgoing edges: it passes requests to a single node (put a load balancer or a gateway behind it)`,
        );
      }
      return problems;
    },
    maxInstances: single,
    reads: (n) => readsUsersIf(n.config.scope === 'per-user'),
  },
  cache: { create: (e, i, n) => new CacheRuntime(e, i, n.id, n.config), check: (n, w) => singleDownstream(n.id, 'cache', w), maxInstances: single, reads: readsKeys },
  cdn: { create: (e, i, n, ctx) => new CdnRuntime(e, i, n.id, n.config, ctx.maxKeys), check: (n, w) => singleDownstream(n.id, 'CDN', w), maxInstances: single, reads: readsKeys },
  queue: { create: (e, i, n) => new QueueRuntime(e, i, n.id, n.config), check: (n, w) => (w.out.length === 0 ? [`queue "${n.id}" has no consumer: connect it to the service that processes its messages`] : []), maxInstances: single, reads: readsNeither },
  database: { create: (e, i, n, ctx) => new DatabaseRuntime(e, i, n.id, n.config, ctx.maxKeys), check: (n, w) => (w.out.length > 0 ? [`database "${n.id}" calls nothing, but edge "${w.out[0].id}" leaves it: remove the edge`] : []), maxInstances: single, reads: readsKeys },
} satisfies { [K in NodeKind]: EngineKind<K> };

type Descriptors = typeof engineKinds;

/** The report of a kind: what its component's `report()` returns. */
export type KindReport<K extends NodeKind> = Descriptors[K]['create'] extends (...args: never[]) => infer Runtime
  ? Runtime extends NodeRuntime<infer R>
    ? R
    : never
  : UnsimulatedReport<K>;

/** The descriptor of a node's own kind, with the node's type kept. */
export function engineKindOf<K extends NodeKind>(node: NodeOf<K>): EngineKind<K> {
  return (engineKinds as { [J in NodeKind]: EngineKind<J> })[node.kind as K];
}

/** Whether the engine simulates the kind in this version. */
export function isSimulated(kind: NodeKind): boolean {
  return engineKinds[kind].create !== null;
}

export function notSimulatedMessage(id: string, kind: NodeKind): string {
  return `node "${id}" (${kindDefinitions[kind].label}): this kind is not simulated yet in this version of archsim`;
}
