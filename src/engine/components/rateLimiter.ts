/**
 * rateLimiter — lets requests through to its one downstream node up to a rate (SPEC §3.2):
 * token bucket, leaky bucket (a queue drained at a fixed rate), fixed window, sliding-window
 * log or sliding-window counter, for everyone together or per user. A refused request is
 * answered `rejected` with the exact `retryAfterMs` at which a retry would be admitted; an
 * admitted one is passed downstream and its outcome passed back unchanged.
 */
import type { RateLimiterConfig } from '../../model';
import type { Holdings, NodeFrame, NodeReportBase } from '../api';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, REJECTED, type Call } from '../runtime/request';
import { VisitPool, type Visit } from '../runtime/visit';
import { PASS, RateLimitStage, type RateLimitOwner } from './rateLimitStage';

export interface RateLimiterReport extends NodeReportBase {
  kind: 'rateLimiter';
  algorithm: RateLimiterConfig['algorithm'];
  scope: RateLimiterConfig['scope'];
  /** Measured requests let through (for the leaky bucket: admitted to its queue). */
  allowed: number;
  /** Measured requests refused (answered `rejected` with a retry-after). */
  limited: number;
  /** Requests waiting in a leaky bucket's queue at the end. */
  queueLength: number;
}

export class RateLimiterRuntime extends NodeRuntime<RateLimiterReport> implements RateLimitOwner {
  private readonly stage: RateLimitStage;
  private readonly visits = new VisitPool();
  private up = true;
  private readonly failed: Visit[] = [];

  constructor(
    engine: Engine,
    index: number,
    id: string,
    private readonly config: RateLimiterConfig,
    users: number,
  ) {
    super(engine, index, id, 'rateLimiter');
    this.stage = new RateLimitStage(engine, config, users, this);
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
    const visit = this.visits.acquire(call, this.engine.now);
    const r = this.stage.offer(visit, this.stage.perUser ? req.user : 0);
    if (r === PASS) this.departed(visit);
    else if (r > 0) {
      this.visits.release(visit);
      if (req.measured) this.rejected++;
      call.retryAfterMs = r;
      call.edge.answer(call, REJECTED);
    }
    // Otherwise the leaky bucket holds it and it departs later.
  }

  /** The request leaves the limiter for its downstream node. */
  departed(visit: Visit): void {
    const edge = this.outEdges[0];
    const child = this.engine.calls.acquire(visit.call.req, edge, visit);
    edge.send(child);
  }

  override onResponse(child: Call): void {
    this.relayAnswer(this.visits, child);
  }

  /** A crash fails the requests waiting in its queue and forgets every count it kept. */
  override crash(): void {
    this.up = false;
    const failed = this.failed;
    this.stage.crash(failed);
    for (const visit of failed) {
      const call = visit.call;
      if (call.req.measured) this.errors++;
      this.visits.release(visit);
      call.edge.answer(call, ERROR);
    }
    failed.length = 0;
  }

  override recover(): void {
    this.up = true;
  }

  override addHoldings(h: Holdings): void {
    h.records += this.visits.live;
    this.stage.addHoldings(h);
  }

  override report(): RateLimiterReport {
    const now = this.engine.now;
    const s = this.stage;
    return {
      ...this.baseReport('rateLimiter'),
      utilization: s.utilization(now),
      meanQueueLength: s.meanQueueLength(now),
      meanWaitMs: s.meanWaitMs,
      algorithm: this.config.algorithm,
      scope: this.config.scope,
      allowed: s.allowed,
      limited: s.limited,
      queueLength: s.queueLength,
    };
  }

  override frame(_windowMs: number): NodeFrame {
    const rateLimit = this.stage.frame();
    return {
      utilization: 0,
      queueLength: rateLimit.queueLength,
      arrivals: this.takeWindowArrivals(),
      instancesUp: this.up ? 1 : 0,
      instancesTotal: 1,
      rateLimit,
    };
  }
}
