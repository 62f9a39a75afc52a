/**
 * Retry budget (SPEC §3.3), as Finagle's RetryBudget and Envoy's and gRPC's retry budgets:
 * over the last `windowMs` (10 s), retries may add at most `ratio` times the first attempts
 * the caller made. However badly the callee fails, the load the caller offers stays within
 * (1 + ratio) times its demand (THEORY.md), where unbudgeted retries multiply it by up to
 * `maxAttempts`: the budget is what stops a retry storm.
 *
 * The window slides in `slices` steps (Finagle's WindowedAdder): a count lives in the slice
 * of its time and leaves when that slice falls out of the window, so the window covers
 * between windowMs − windowMs/slices and windowMs of history. Two small rings and two sums:
 * O(1) per call, amortised over the slices a jump of the clock clears, and nothing allocated.
 */
export const RETRY_BUDGET_WINDOW_MS = 10_000;
/** Slices of the window: its length is exact to 1/20 (half a second of ten), in 320 bytes an edge. */
export const RETRY_BUDGET_SLICES = 20;
const SLICES = RETRY_BUDGET_SLICES;

export class RetryBudget {
  private readonly sliceMs: number;
  private readonly attempts = new Float64Array(SLICES);
  private readonly retried = new Float64Array(SLICES);
  /** Index (in slices since time 0) of the newest slice. */
  private current = 0;
  private attemptSum = 0;
  private retrySum = 0;
  /** Retries refused (all, measured or not). */
  denied = 0;

  constructor(
    /** Retries allowed per first attempt in the window */
    readonly ratio: number,
    readonly windowMs = RETRY_BUDGET_WINDOW_MS,
  ) {
    this.sliceMs = windowMs / SLICES;
  }

  /** First attempts in the window (for tests and frames). */
  get firstAttempts(): number {
    return this.attemptSum;
  }

  /** Retries spent in the window */
  get retries(): number {
    return this.retrySum;
  }

  /** A first attempt leaves: it adds `ratio` retries to the budget for the window's length. */
  recordAttempt(now: number): void {
    this.advance(now);
    this.attempts[this.current % SLICES]++;
    this.attemptSum++;
  }

  /** Whether a retry may go now; when it may, it is spent from the budget. */
  tryRetry(now: number): boolean {
    this.advance(now);
    if (this.retrySum + 1 > this.ratio * this.attemptSum) {
      this.denied++;
      return false;
    }
    this.retried[this.current % SLICES]++;
    this.retrySum++;
    return true;
  }

  /** Moves the window's head to `now`'s slice, clearing the slices it passes. */
  private advance(now: number): void {
    const slice = Math.floor(now / this.sliceMs);
    if (slice <= this.current) return;
    if (slice - this.current >= SLICES) {
      this.attempts.fill(0);
      this.retried.fill(0);
      this.attemptSum = 0;
      this.retrySum = 0;
    } else {
      for (let k = this.current + 1; k <= slice; k++) {
        const i = k % SLICES;
        this.attemptSum -= this.attempts[i];
        this.retrySum -= this.retried[i];
        this.attempts[i] = 0;
        this.retried[i] = 0;
      }
    }
    this.current = slice;
  }
}
