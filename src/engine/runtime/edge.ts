/**
 * An edge at run time: a call path from one node to another. It owns the network (one leg
 * each way) and the caller's resilience settings (SPEC §3.3): timeout, retry with backoff,
 * circuit breaker, bulkhead and fallback. An edge without any of them takes the fast path.
 *
 * Every delivery and every answer is an event, even at zero latency or when the breaker
 * refuses on the spot: no component is ever entered on another's stack.
 */
import type { EdgeConfig, RetryConfig } from '../../model';
import type { EdgeFrame, EdgeReport } from '../api';
import type { DelayLine } from '../core/delayLine';
import { compileDuration, type Sampler } from '../core/distributions';
import type { EventHandler } from '../core/eventQueue';
import type { Rng } from '../core/rng';
import { retryDelayMs } from '../policies/backoff';
import { CircuitBreaker, CLOSED, OPEN } from '../policies/circuitBreaker';
import { RetryBudget } from '../policies/retryBudget';
import { DeadlineQueue } from './deadlineQueue';
import type { Engine } from './engine';
import type { NodeRuntime } from './node';
import { ERROR, OK, REJECTED, TIMEOUT, type Call, type Outcome } from './request';

// Event codes (the tracer reads the first three).
export const DELIVER = 0;
export const ANSWER = 1;
export const REFUSED = 2;
const TIMEOUT_CHECK = 3;
const RETRY = 4;
const SEND = 5;

/** Zero-latency deliveries made inside one another before the next one waits its turn. */
const MAX_NESTED = 16;

export class EdgeRuntime implements EventHandler {
  readonly latency: Sampler;
  /** Constant latency: both ways ride the event queue's line for that delay. */
  private readonly line: DelayLine | null;
  /** The links' own line for the current instant (answers at zero latency, refusals). */
  private readonly now: DelayLine | null;
  /** The latency when it is constant (zero included), else null. */
  private readonly constantLatency: number | null;
  /** The line of latency + the delay last asked of {@link sendAfter} (one caller, one delay). */
  private afterDelay = -1;
  private afterLine: DelayLine | null = null;
  /**
   * Zero latency: an answer is an event at the current instant; a delivery is made at
   * once, the callee's `receive` running inside the caller's event (it cannot answer on
   * that stack: answers are events), unless deliveries already nest {@link MAX_NESTED}
   * deep (a long chain of pass-through nodes), when it too becomes an event.
   */
  private readonly instant: boolean;
  readonly weight: number;
  readonly callsPerRequest: number;
  /** Any resilience setting: calls go through {@link admit} and {@link settle}. */
  private readonly guarded: boolean;
  /** The caller's timeout on this edge; null waits forever. */
  readonly timeoutMs: number | null;
  private readonly retry: RetryConfig | null;
  private readonly budget: RetryBudget | null;
  private readonly breaker: CircuitBreaker | null;
  private readonly maxConcurrent: number;
  private readonly degraded: boolean;
  /** Requests sent here carry their id as an idempotency key from here on (SPEC §3.3). */
  private readonly idempotencyKeys: boolean;
  private readonly retryRng: Rng;
  partitioned = false;
  /** Attempts outstanding from the caller's point of view (the bulkhead's permits in use). */
  permitsInUse = 0;
  // Deadlines are send time + a constant, so they come due in order: a FIFO with one timer.
  private readonly deadlines = new DeadlineQueue();
  private timerArmed = false;
  /** Position of this edge among its caller's outgoing edges. */
  fromIndex = -1;

  // Counts for measured requests.
  calls = 0;
  dropped = 0;
  retries = 0;
  timeouts = 0;
  shortCircuited = 0;
  bulkheadRejected = 0;
  degradedAnswers = 0;
  retriesDenied = 0;

  // The current frame's window, every call (warm-up included): reset by takeFrame.
  private windowCalls = 0;
  private windowRetries = 0;
  /** Answers reaching the caller, indexed by outcome (OK, ERROR, REJECTED, TIMEOUT). */
  private readonly windowAnswers = new Float64Array(4);
  private windowShort = 0;
  private windowBulkhead = 0;
  private windowDropped = 0;

  constructor(
    private readonly engine: Engine,
    readonly index: number,
    readonly id: string,
    readonly from: NodeRuntime,
    readonly to: NodeRuntime,
    config: EdgeConfig,
    readonly rng: Rng,
  ) {
    this.latency = compileDuration(config.latency);
    this.instant = this.latency.isZero;
    const constant = typeof config.latency === 'number' || config.latency.dist === 'constant';
    this.line = constant && !this.instant ? engine.queue.line(this.latency.meanMs) : null;
    this.now = engine.queue.line(0);
    this.constantLatency = constant ? this.latency.meanMs : null;
    this.weight = config.weight;
    this.callsPerRequest = config.callsPerRequest;
    this.timeoutMs = config.timeoutMs;
    this.retry = config.retry;
    this.budget = config.retry !== null && config.retry.budgetRatio !== null ? new RetryBudget(config.retry.budgetRatio) : null;
    this.breaker = config.circuitBreaker !== null ? new CircuitBreaker(config.circuitBreaker) : null;
    this.maxConcurrent = config.bulkhead !== null ? config.bulkhead.maxConcurrent : Infinity;
    this.degraded = config.fallback === 'degraded';
    this.idempotencyKeys = config.idempotencyKeys;
    this.retryRng = engine.rng(id, 'retry');
    this.guarded = this.timeoutMs !== null || this.retry !== null || this.breaker !== null || config.bulkhead !== null;
  }

  /** The caller sends a call. The breaker and the bulkhead may refuse it; then the network carries it. */
  send(call: Call): void {
    call.sentAt = this.engine.now;
    this.windowCalls++;
    if (call.req.measured) this.calls++;
    if (this.idempotencyKeys) call.req.idempotencyKey = true;
    if (this.budget !== null && call.attempt === 1) this.budget.recordAttempt(this.engine.now);
    if (this.guarded) this.admit(call);
    else this.carry(call, DELIVER);
  }

  /**
   * The caller sends a call `delay` ms from now (a balancer's processing time). On a plain
   * link with a constant latency the wait and the network are one delay line, one event
   * instead of two; otherwise the call is sent when the delay is over.
   */
  sendAfter(call: Call, delay: number): void {
    if (delay <= 0) {
      this.send(call);
      return;
    }
    const q = this.engine.queue;
    if (!this.guarded && !this.partitioned && this.constantLatency !== null) {
      if (delay !== this.afterDelay) {
        this.afterDelay = delay;
        this.afterLine = q.line(this.constantLatency + delay);
      }
      if (this.afterLine !== null) {
        call.sentAt = q.now + delay;
        this.windowCalls++;
        if (call.req.measured) this.calls++;
        if (this.idempotencyKeys) call.req.idempotencyKey = true;
        q.scheduleOn(this.afterLine, this, DELIVER, call, 0);
        return;
      }
    }
    q.schedule(q.now + delay, this, SEND, call, 0);
  }

  /** An event for this link at the current instant. */
  private atOnce(code: number, call: Call): void {
    const q = this.engine.queue;
    if (this.now !== null) q.scheduleOn(this.now, this, code, call, 0);
    else q.scheduleNow(this, code, call, 0);
  }

  /** The callee answers a call; the answer travels back. */
  answer(call: Call, outcome: Outcome): void {
    call.outcome = outcome;
    this.carry(call, ANSWER);
  }

  /** One leg of the network; a partitioned edge drops what it carries. */
  private carry(call: Call, code: number): void {
    if (this.engine.tracer !== null) this.engine.tracer.carry(this, call, code);
    if (this.partitioned) {
      this.windowDropped++;
      this.dropped++;
      call.lost = true;
      // An answer nobody waits for any more (the caller timed out) is simply gone.
      if (code === ANSWER && call.abandoned) this.engine.calls.release(call);
      return;
    }
    const line = this.line;
    if (line !== null) this.engine.queue.scheduleOn(line, this, code, call, 0);
    else if (!this.instant) this.engine.queue.schedule(this.engine.now + this.latency.sample(this.rng), this, code, call, 0);
    else if (code === DELIVER && this.engine.nested < MAX_NESTED) {
      const engine = this.engine;
      engine.nested++;
      this.to.receive(call);
      engine.nested--;
    } else this.atOnce(code, call);
  }

  private arrive(call: Call): void {
    if (this.guarded) this.settle(call);
    else {
      this.windowAnswers[call.outcome]++;
      this.from.onResponse(call);
    }
  }

  /** An attempt leaves the caller: the breaker and the bulkhead may refuse it on the spot. */
  private admit(call: Call): void {
    const engine = this.engine;
    const measured = call.req.measured;
    if (this.breaker !== null && !this.breaker.allow(engine.now)) {
      if (measured) this.shortCircuited++;
      if (this.degraded && measured) this.degradedAnswers++;
      call.outcome = this.degraded ? OK : ERROR;
      this.windowShort++;
      this.windowAnswers[call.outcome]++;
      this.atOnce(REFUSED, call);
      return;
    }
    if (this.permitsInUse >= this.maxConcurrent) {
      if (measured) this.bulkheadRejected++;
      call.outcome = REJECTED;
      this.windowBulkhead++;
      this.windowAnswers[REJECTED]++;
      this.atOnce(REFUSED, call);
      return;
    }
    this.permitsInUse++;
    if (this.timeoutMs !== null) {
      this.deadlines.push(call, call.gen, engine.now + this.timeoutMs);
      if (!this.timerArmed) this.armTimer();
    }
    this.carry(call, DELIVER);
  }

  /** An answer reached the caller's side of the edge. */
  private settle(call: Call): void {
    const engine = this.engine;
    if (call.abandoned) {
      // The caller gave up long ago; the callee's work was wasted.
      engine.calls.release(call);
      return;
    }
    this.permitsInUse--;
    this.windowAnswers[call.outcome]++;
    const ok = call.outcome === OK;
    if (this.breaker !== null) this.breaker.record(engine.now, ok);
    if (!ok && this.mayRetry(call)) {
      this.scheduleRetry(call);
      engine.calls.release(call);
      return;
    }
    this.from.onResponse(call);
  }

  private mayRetry(call: Call): boolean {
    const retry = this.retry;
    if (retry === null || call.attempt >= retry.maxAttempts || !call.current) return false;
    // A refusal that will never be lifted (a limiter with no rate) is not worth a retry.
    if (retry.respectRetryAfter && call.retryAfterMs === Infinity) return false;
    if (this.budget !== null && !this.budget.tryRetry(this.engine.now)) {
      if (call.req.measured) this.retriesDenied++;
      return false;
    }
    return true;
  }

  private scheduleRetry(failed: Call): void {
    const next = this.engine.calls.copyOf(failed);
    next.attempt = failed.attempt + 1;
    const delay = retryDelayMs(this.retry!, failed.attempt, failed.retryAfterMs, this.retryRng);
    this.engine.queue.schedule(this.engine.now + delay, this, RETRY, next, next.gen);
  }

  private armTimer(): void {
    this.timerArmed = true;
    this.engine.queue.schedule(this.deadlines.headDeadline(), this, TIMEOUT_CHECK, null, 0);
  }

  handleEvent(code: number, obj: unknown, arg: number): void {
    if (this.engine.tracer !== null && code <= REFUSED) this.engine.tracer.edgeEvent(this, code, obj as Call);
    switch (code) {
      case DELIVER:
        this.to.receive(obj as Call);
        return;
      case ANSWER:
        this.arrive(obj as Call);
        return;
      case REFUSED:
        this.from.onResponse(obj as Call);
        return;
      case SEND:
        this.send(obj as Call);
        return;
      case RETRY: {
        const call = obj as Call;
        if (call.gen !== arg) return;
        if (!call.current) {
          this.engine.calls.release(call); // the caller's work ended meanwhile (a crash)
          return;
        }
        this.windowRetries++;
        if (call.req.measured) this.retries++;
        this.from.retarget(call);
        this.send(call);
        return;
      }
      case TIMEOUT_CHECK:
        this.expireDue();
        return;
    }
  }

  /** Every attempt whose deadline has passed and is still out times out. */
  private expireDue(): void {
    this.timerArmed = false;
    const now = this.engine.now;
    const q = this.deadlines;
    while (q.length > 0 && q.headDeadline() <= now) {
      const call = q.headCall();
      const gen = q.headGen();
      q.shift();
      if (call.gen !== gen || call.abandoned) continue; // answered already
      this.expire(call);
    }
    if (q.length > 0) this.armTimer();
  }

  /** The caller stops waiting; the callee keeps working on `call`, which is now abandoned. */
  private expire(call: Call): void {
    call.abandoned = true;
    this.permitsInUse--;
    this.windowAnswers[TIMEOUT]++;
    if (call.req.measured) this.timeouts++;
    if (this.breaker !== null) this.breaker.record(this.engine.now, false);
    if (this.mayRetry(call)) this.scheduleRetry(call);
    else {
      const standIn = this.engine.calls.copyOf(call);
      standIn.outcome = TIMEOUT;
      this.from.onResponse(standIn);
    }
    // Nothing will ever come back on a call the network dropped: it is done with.
    if (call.lost) this.engine.calls.release(call);
  }

  /** The traffic since the previous frame; starts the next window */
  frame(): EdgeFrame {
    const a = this.windowAnswers;
    const b = this.breaker;
    const f: EdgeFrame = {
      calls: this.windowCalls,
      retries: this.windowRetries,
      ok: a[OK],
      error: a[ERROR],
      rejected: a[REJECTED],
      timeout: a[TIMEOUT],
      shortCircuited: this.windowShort,
      bulkheadRejected: this.windowBulkhead,
      dropped: this.windowDropped,
      circuitState: this.circuitState(),
      circuitOpenedAtMs: b !== null && b.lastOpenedAt >= 0 ? b.lastOpenedAt : null,
    };
    this.windowCalls = 0;
    this.windowRetries = 0;
    a.fill(0);
    this.windowShort = 0;
    this.windowBulkhead = 0;
    this.windowDropped = 0;
    return f;
  }

  private circuitState(): EdgeReport['circuitState'] {
    const b = this.breaker;
    return b === null ? null : b.state === CLOSED ? 'closed' : b.state === OPEN ? 'open' : 'half-open';
  }

  report(): EdgeReport {
    return {
      calls: this.calls,
      retries: this.retries,
      timeouts: this.timeouts,
      shortCircuited: this.shortCircuited,
      circuitOpened: this.breaker !== null ? this.breaker.opened : 0,
      circuitState: this.circuitState(),
      bulkheadRejected: this.bulkheadRejected,
      degraded: this.degradedAnswers,
      dropped: this.dropped,
      retriesDenied: this.retriesDenied,
    };
  }
}
