/**
 * apiGateway — the layer-7 entry point (SPEC §3.2). Every request is authenticated
 * (`authTime`), then, with a `rateLimit`, put through the same rate-limit stage as a rate
 * limiter (authentication first, as gateways do, so a limit can be per user), then routed:
 * the first route whose `pathPrefix` starts the request's path sends it to its `to` node;
 * a path no route matches goes to the first downstream node. The downstream outcome is
 * passed back unchanged.
 *
 * Paths are a small table (requests carry a path index), so the route of every path is
 * found once, at start, and a request's routing is one array read.
 */
import type { ApiGatewayConfig } from '../../model';
import type { Holdings, NodeFrame, NodeReportBase } from '../api';
import { compileDuration, type Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import type { EdgeRuntime } from '../runtime/edge';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, REJECTED, type Call } from '../runtime/request';
import { VisitPool, type Visit } from '../runtime/visit';
import { PASS, RateLimitStage, type RateLimitOwner } from './rateLimitStage';

const AUTHENTICATED = 1;
/** The route index of a path no route matches. */
const UNMATCHED = -1;

export interface ApiGatewayReport extends NodeReportBase {
  kind: 'apiGateway';
  /** Measured requests sent by each route, keyed by its path prefix. */
  routes: Record<string, number>;
  /** Measured requests no route matched (sent to the first downstream node). */
  unmatched: number;
  /** With a `rateLimit`: measured requests it let through and refused (0 without one). */
  allowed: number;
  limited: number;
}

export class ApiGatewayRuntime extends NodeRuntime<ApiGatewayReport> implements RateLimitOwner {
  private readonly auth: Sampler;
  private readonly authRng: Rng;
  private readonly stage: RateLimitStage | null;
  private readonly visits = new VisitPool();
  /** path index → route index, or UNMATCHED. */
  private routeOfPath = new Int32Array(0);
  /** route index → the edge to its node. */
  private routeEdge: EdgeRuntime[] = [];
  private readonly routeCounts: Float64Array;
  private readonly windowRouteCounts: Float64Array;
  private unmatched = 0;
  private windowUnmatched = 0;
  private up = true;
  /** Bumped by a crash: a request still being authenticated when it happened fails. */
  private epoch = 0;
  private slowFactor = 1;
  private readonly failed: Visit[] = [];

  constructor(
    engine: Engine,
    index: number,
    id: string,
    private readonly config: ApiGatewayConfig,
    users: number,
  ) {
    super(engine, index, id, 'apiGateway');
    this.auth = compileDuration(config.authTime);
    this.authRng = engine.rng(id, 'auth');
    this.stage = config.rateLimit !== null ? new RateLimitStage(engine, config.rateLimit, users, this) : null;
    this.routeCounts = new Float64Array(config.routes.length);
    this.windowRouteCounts = new Float64Array(config.routes.length);
  }

  override start(): void {
    // The runnability check makes sure every route's node is downstream of the gateway.
    this.routeEdge = this.config.routes.map((r) => this.outEdges.find((e) => e.to.id === r.to)!);
    this.mapPaths();
  }

  /** The route of every path known to the run: the first whose prefix starts it. */
  private mapPaths(): void {
    const paths = this.engine.paths;
    const routes = this.config.routes;
    this.routeOfPath = new Int32Array(paths.length);
    for (let p = 0; p < paths.length; p++) {
      let r = 0;
      while (r < routes.length && !paths[p].startsWith(routes[r].pathPrefix)) r++;
      this.routeOfPath[p] = r < routes.length ? r : UNMATCHED;
    }
  }

  override receive(call: Call): void {
    const req = call.req;
    this.windowArrivals++;
    if (req.measured) this.arrivals++;
    if (!this.up) {
      if (req.measured) this.errors++;
      call.edge.answer(call, ERROR);
      return;
    }
    const now = this.engine.now;
    const visit = this.visits.acquire(call, now);
    if (this.auth.isZero) this.authenticated(visit);
    else {
      const t = this.auth.sample(this.authRng) * this.slowFactor;
      this.engine.queue.schedule(now + t, this, AUTHENTICATED, visit, this.epoch);
    }
  }

  override handleEvent(code: number, obj: unknown, arg: number): void {
    if (code !== AUTHENTICATED) return;
    const visit = obj as Visit;
    if (arg !== this.epoch) this.fail(visit); // the gateway crashed while authenticating it
    else this.authenticated(visit);
  }

  private authenticated(visit: Visit): void {
    const stage = this.stage;
    if (stage === null) {
      this.departed(visit);
      return;
    }
    const call = visit.call;
    const r = stage.offer(visit, stage.perUser ? call.req.user : 0);
    if (r === PASS) this.departed(visit);
    else if (r > 0) {
      this.visits.release(visit);
      if (call.req.measured) this.rejected++;
      call.retryAfterMs = r;
      call.edge.answer(call, REJECTED);
    }
  }

  /** Past authentication and the rate limit: the request is routed. */
  departed(visit: Visit): void {
    const req = visit.call.req;
    if (req.path >= this.routeOfPath.length) this.mapPaths();
    const r = this.routeOfPath[req.path];
    let edge: EdgeRuntime;
    if (r === UNMATCHED) {
      edge = this.outEdges[0];
      if (req.measured) this.unmatched++;
      this.windowUnmatched++;
    } else {
      edge = this.routeEdge[r];
      if (req.measured) this.routeCounts[r]++;
      this.windowRouteCounts[r]++;
    }
    const child = this.engine.calls.acquire(req, edge, visit);
    edge.send(child);
  }

  override onResponse(child: Call): void {
    this.relayAnswer(this.visits, child);
  }

  private fail(visit: Visit): void {
    const call = visit.call;
    if (call.req.measured) this.errors++;
    this.visits.release(visit);
    call.edge.answer(call, ERROR);
  }

  /**
   * A crash fails what waits in the rate limit's queue at once, and what is being
   * authenticated when its authentication would have ended; the limit's counts are lost.
   */
  override crash(): void {
    this.up = false;
    this.epoch = (this.epoch + 1) | 0;
    if (this.stage === null) return;
    const failed = this.failed;
    this.stage.crash(failed);
    for (const visit of failed) this.fail(visit);
    failed.length = 0;
  }

  override recover(): void {
    this.up = true;
    this.slowFactor = 1;
  }

  override slow(factor: number): void {
    this.slowFactor = factor;
  }

  override addHoldings(h: Holdings): void {
    h.records += this.visits.live;
    if (this.stage !== null) this.stage.addHoldings(h);
  }

  private byPrefix(counts: Float64Array): Record<string, number> {
    const out: Record<string, number> = Object.create(null) as Record<string, number>;
    this.config.routes.forEach((r, i) => {
      out[r.pathPrefix] = (out[r.pathPrefix] ?? 0) + counts[i];
    });
    return out;
  }

  override report(): ApiGatewayReport {
    const now = this.engine.now;
    const s = this.stage;
    return {
      ...this.baseReport('apiGateway'),
      meanQueueLength: s !== null ? s.meanQueueLength(now) : 0,
      meanWaitMs: s !== null ? s.meanWaitMs : 0,
      routes: this.byPrefix(this.routeCounts),
      unmatched: this.unmatched,
      allowed: s !== null ? s.allowed : 0,
      limited: s !== null ? s.limited : 0,
    };
  }

  override frame(_windowMs: number): NodeFrame {
    const f: NodeFrame = {
      utilization: 0,
      queueLength: this.stage !== null ? this.stage.queueLength : 0,
      arrivals: this.takeWindowArrivals(),
      instancesUp: this.up ? 1 : 0,
      instancesTotal: 1,
      routes: { byPrefix: this.byPrefix(this.windowRouteCounts), unmatched: this.windowUnmatched },
    };
    if (this.stage !== null) f.rateLimit = this.stage.frame();
    this.windowRouteCounts.fill(0);
    this.windowUnmatched = 0;
    return f;
  }
}
