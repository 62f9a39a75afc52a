/**
 * An edge at run time: a call path from one node to another. It owns the network latency
 * and the caller's resilience settings (SPEC §3.3): timeout, retry with backoff, circuit
 * breaker, bulkhead and fallback. An edge without any of them takes the fast path.
 */
import type { EdgeConfig, RetryConfig } from '../../model';
import { compileDuration, type Sampler } from '../core/distributions';
import type { EventHandler } from '../core/eventQueue';
import type { Rng } from '../core/rng';
import type { EdgeReport } from '../api';
import { retryDelayMs } from '../policies/backoff';
import { CircuitBreaker, CLOSED, OPEN } from '../policies/circuitBreaker';
import type { Engine } from './engine';
import type { NodeRuntime } from './node';
import { ERROR, OK, REJECTED, TIMEOUT, type Call } from './request';

const TIMEOUT_CHECK = 1;
const RETRY = 2;

export class EdgeRuntime implements EventHandler {
  readonly latency: Sampler;
  /** Zero latency both ways: calls are delivered without an event. */
  readonly instant: boolean;
  readonly weight: number;
  readonly callsPerRequest: number;
  /** Any resilience setting: calls go through {@link admit} and {@link settle}. */
  readonly guarded: boolean;
  /** The caller's timeout on this edge; null waits forever. */
  readonly timeoutMs: number | null;
  private readonly retry: RetryConfig | null;
  private readonly breaker: CircuitBreaker | null;
  private readonly maxConcurrent: number;
  private readonly degraded: boolean;
  private readonly retryRng: Rng;
  partitioned = false;
  /** Attempts outstanding from the caller's point of view (for the bulkhead). */
  private inFlight = 0;
  // Deadlines are send time + a constant, so they arrive in order: a FIFO with one timer.
  private readonly deadlines = new DeadlineQueue();
  private timerArmed = false;

  // Counts for measured requests.
  calls = 0;
  dropped = 0;
  retries = 0;
  timeouts = 0;
  shortCircuited = 0;
  bulkheadRejected = 0;
  degradedAnswers = 0;

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
    this.weight = config.weight;
    this.callsPerRequest = config.callsPerRequest;
    this.timeoutMs = config.timeoutMs;
    this.retry = config.retry;
    this.breaker = config.circuitBreaker !== null ? new CircuitBreaker(config.circuitBreaker) : null;
    this.maxConcurrent = config.bulkhead !== null ? config.bulkhead.maxConcurrent : Infinity;
    this.degraded = config.fallback === 'degraded';
    this.retryRng = engine.rng(id, 'retry');
    this.guarded = this.timeoutMs !== null || this.retry !== null || this.breaker !== null || config.bulkhead !== null;
  }

  /** An attempt leaves the caller: the breaker and the bulkhead may refuse it on the spot. */
  admit(call: Call): void {
    const engine = this.engine;
    const measured = call.req.measured;
    if (this.breaker !== null && !this.breaker.allow(engine.now)) {
      if (measured) this.shortCircuited++;
      if (this.degraded && measured) this.degradedAnswers++;
      call.outcome = this.degraded ? OK : ERROR;
      this.from.onResponse(call);
      return;
    }
    if (this.inFlight >= this.maxConcurrent) {
      if (measured) this.bulkheadRejected++;
      call.outcome = REJECTED;
      this.from.onResponse(call);
      return;
    }
    this.inFlight++;
    if (this.timeoutMs !== null) {
      this.deadlines.push(call, call.stamp, engine.now + this.timeoutMs);
      if (!this.timerArmed) this.armTimer();
    }
    engine.transmit(call);
  }

  /** An answer reached the caller's side of the edge. */
  settle(call: Call): void {
    const engine = this.engine;
    if (call.abandoned) {
      // The caller gave up long ago; the callee's work was wasted.
      engine.calls.release(call);
      return;
    }
    this.inFlight--;
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
    if (this.retry === null || call.attempt >= this.retry.maxAttempts) return false;
    const parent = call.parent;
    return parent === null || parent.stamp === call.parentStamp;
  }

  private scheduleRetry(failed: Call): void {
    const next = this.engine.calls.copyOf(failed);
    next.attempt = failed.attempt + 1;
    const delay = retryDelayMs(this.retry!, failed.attempt, failed.retryAfterMs, this.retryRng);
    this.engine.queue.schedule(this.engine.now + delay, this, RETRY, next, next.stamp);
  }

  private armTimer(): void {
    this.timerArmed = true;
    this.engine.queue.schedule(this.deadlines.headDeadline(), this, TIMEOUT_CHECK, null, 0);
  }

  handleEvent(code: number, obj: unknown, arg: number): void {
    if (code === RETRY) {
      const call = obj as Call;
      if (call.stamp !== arg) return;
      const parent = call.parent;
      if (parent !== null && parent.stamp !== call.parentStamp) {
        this.engine.calls.release(call); // the caller itself was failed meanwhile
        return;
      }
      if (call.req.measured) this.retries++;
      this.engine.send(call);
      return;
    }
    // TIMEOUT_CHECK: every attempt whose deadline has passed and is still out times out.
    this.timerArmed = false;
    const now = this.engine.now;
    const q = this.deadlines;
    while (q.length > 0 && q.headDeadline() <= now) {
      const call = q.headCall();
      const stamp = q.headStamp();
      q.shift();
      if (call.stamp !== stamp || call.abandoned) continue; // answered already
      this.expire(call);
    }
    if (q.length > 0) this.armTimer();
  }

  /** The caller stops waiting; the callee keeps working on `call`, which is now abandoned. */
  private expire(call: Call): void {
    call.abandoned = true;
    this.inFlight--;
    if (call.req.measured) this.timeouts++;
    if (this.breaker !== null) this.breaker.record(this.engine.now, false);
    if (this.mayRetry(call)) {
      this.scheduleRetry(call);
      return;
    }
    const standIn = this.engine.calls.copyOf(call);
    standIn.outcome = TIMEOUT;
    this.from.onResponse(standIn);
  }

  report(): EdgeReport {
    return {
      calls: this.calls,
      retries: this.retries,
      timeouts: this.timeouts,
      shortCircuited: this.shortCircuited,
      circuitOpened: this.breaker !== null ? this.breaker.opened : 0,
      circuitState: this.breaker === null ? null : this.breaker.state === CLOSED ? 'closed' : this.breaker.state === OPEN ? 'open' : 'half-open',
      bulkheadRejected: this.bulkheadRejected,
      degraded: this.degradedAnswers,
      dropped: this.dropped,
    };
  }
}

/** A growable ring of (call, stamp, deadline) in deadline order. */
class DeadlineQueue {
  private calls: (Call | null)[] = new Array(64).fill(null);
  private stamps = new Float64Array(64);
  private times = new Float64Array(64);
  private head = 0;
  length = 0;

  push(call: Call, stamp: number, deadline: number): void {
    if (this.length === this.calls.length) this.grow();
    const i = (this.head + this.length) & (this.calls.length - 1);
    this.calls[i] = call;
    this.stamps[i] = stamp;
    this.times[i] = deadline;
    this.length++;
  }

  headDeadline(): number {
    return this.times[this.head];
  }
  headCall(): Call {
    return this.calls[this.head]!;
  }
  headStamp(): number {
    return this.stamps[this.head];
  }

  shift(): void {
    this.calls[this.head] = null;
    this.head = (this.head + 1) & (this.calls.length - 1);
    this.length--;
  }

  private grow(): void {
    const n = this.calls.length * 2;
    const calls: (Call | null)[] = new Array(n).fill(null);
    const stamps = new Float64Array(n);
    const times = new Float64Array(n);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & (this.calls.length - 1);
      calls[k] = this.calls[i];
      stamps[k] = this.stamps[i];
      times[k] = this.times[i];
    }
    this.calls = calls;
    this.stamps = stamps;
    this.times = times;
    this.head = 0;
  }
}
