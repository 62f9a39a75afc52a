/**
 * A circuit breaker (SPEC §3.3): closed → open when, over the last `windowMs`, at least
 * `minimumCalls` calls finished and the failure rate reached the threshold; open calls fail
 * fast; after `openMs` it lets `halfOpenCalls` trial calls through: all succeed → closed,
 * any fails → open again. The window is a ring of ten time buckets, so it costs O(1) a call.
 */
import type { CircuitBreakerConfig } from '../../model';

export const CLOSED = 0;
export const OPEN = 1;
export const HALF_OPEN = 2;
export type BreakerState = typeof CLOSED | typeof OPEN | typeof HALF_OPEN;

const BUCKETS = 10;

export class CircuitBreaker {
  state: BreakerState = CLOSED;
  /** Times the breaker went from closed or half-open to open. */
  opened = 0;
  private openedAt = -1;
  private trialsSent = 0;
  private trialsOk = 0;
  private readonly bucketMs: number;
  private readonly calls = new Float64Array(BUCKETS);
  private readonly failures = new Float64Array(BUCKETS);
  /** The bucket index (time / bucketMs) that slot `i % BUCKETS` currently holds. */
  private readonly epochs = new Float64Array(BUCKETS).fill(-1);

  constructor(private readonly config: CircuitBreakerConfig) {
    this.bucketMs = config.windowMs / BUCKETS;
  }

  /** When the breaker last opened, ms; -1 when it never has. */
  get lastOpenedAt(): number {
    return this.openedAt;
  }

  /** May a call go through now? Counts it as a trial when half-open. */
  allow(now: number): boolean {
    if (this.state === OPEN) {
      if (now - this.openedAt < this.config.openMs) return false;
      this.state = HALF_OPEN;
      this.trialsSent = 0;
      this.trialsOk = 0;
    }
    if (this.state === HALF_OPEN) {
      if (this.trialsSent >= this.config.halfOpenCalls) return false;
      this.trialsSent++;
    }
    return true;
  }

  /** Records the outcome of a call that went through. */
  record(now: number, ok: boolean): void {
    if (this.state === HALF_OPEN) {
      if (!ok) this.trip(now);
      else if (++this.trialsOk >= this.config.halfOpenCalls) this.close();
      return;
    }
    if (this.state === OPEN) return; // a late answer to a call sent before it opened
    const epoch = Math.floor(now / this.bucketMs);
    const slot = epoch % BUCKETS;
    if (this.epochs[slot] !== epoch) {
      this.epochs[slot] = epoch;
      this.calls[slot] = 0;
      this.failures[slot] = 0;
    }
    this.calls[slot]++;
    if (!ok) this.failures[slot]++;
    if (ok) return;
    let calls = 0;
    let failures = 0;
    for (let i = 0; i < BUCKETS; i++) {
      if (epoch - this.epochs[i] < BUCKETS) {
        calls += this.calls[i];
        failures += this.failures[i];
      }
    }
    if (calls >= this.config.minimumCalls && failures / calls >= this.config.failureRateThreshold) this.trip(now);
  }

  private trip(now: number): void {
    this.state = OPEN;
    this.openedAt = now;
    this.opened++;
  }

  private close(): void {
    this.state = CLOSED;
    this.epochs.fill(-1);
  }
}
