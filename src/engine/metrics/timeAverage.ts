/**
 * A time-weighted tally of a piecewise-constant quantity (busy workers, queue length).
 * It keeps the integral since its creation; the engine snapshots it at the end of warm-up
 * and at each frame, so report averages and frame averages are differences of one integral.
 * A tally created after the warm-up (an instance added by scaling) measures from its
 * creation: the time before it existed is no part of its average.
 */
export class TimeAverage {
  value = 0;
  private lastT: number;
  private area = 0;
  /** The integral at the end of warm-up (set by the engine's warm-up event). */
  private areaAtWarmup = 0;
  private warmupT: number;

  /** `createdAt`: the simulated time the measured quantity starts to exist. */
  constructor(createdAt = 0) {
    this.lastT = createdAt;
    this.warmupT = createdAt;
  }
  /** The integral at the previous frame. */
  private areaAtFrame = 0;

  set(now: number, v: number): void {
    this.area += this.value * (now - this.lastT);
    this.lastT = now;
    this.value = v;
  }

  add(now: number, delta: number): void {
    this.area += this.value * (now - this.lastT);
    this.lastT = now;
    this.value += delta;
  }

  /** ∫₀ᵗ value dt, for t ≥ the last change. */
  integral(t: number): number {
    return this.area + this.value * (t - this.lastT);
  }

  markWarmup(t: number): void {
    this.areaAtWarmup = this.integral(t);
    this.warmupT = t;
  }

  /**
   * ∫ value dt over [warm-up, t] (over [creation, t] for a tally created later). Sum these,
   * not means, to total several tallies: their means cover different spans.
   */
  areaSinceWarmup(t: number): number {
    return this.integral(t) - this.areaAtWarmup;
  }

  /** Mean over [warm-up, t]. */
  meanSinceWarmup(t: number): number {
    const span = t - this.warmupT;
    return span > 0 ? (this.integral(t) - this.areaAtWarmup) / span : this.value;
  }

  /** Mean since the previous call (one frame's window of time); starts the next one. */
  takeWindowMean(t: number, windowMs: number): number {
    const a = this.integral(t);
    const mean = windowMs > 0 ? (a - this.areaAtFrame) / windowMs : this.value;
    this.areaAtFrame = a;
    return mean;
  }
}
