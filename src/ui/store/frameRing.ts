/**
 * A bounded ring of chart points: memory stays flat however long the run. Mutated in place
 * and read by the charts through transient subscriptions, not through React state.
 */
import type { Frame } from '../../worker/protocol';

export interface ChartPoint {
  /** Simulated time at the end of the frame's window, seconds. */
  t: number;
  p50: number;
  p95: number;
  p99: number;
  throughputRps: number;
  /** Per cent of finished requests that were not ok. */
  errorPct: number;
}

export const RING_CAPACITY = 600;

export class FrameRing {
  private readonly buffer: (ChartPoint | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity = RING_CAPACITY) {
    this.buffer = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(frame: Frame): void {
    const point: ChartPoint = {
      t: frame.simTimeMs / 1000,
      p50: frame.latencyMs.p50,
      p95: frame.latencyMs.p95,
      p99: frame.latencyMs.p99,
      throughputRps: frame.throughputRps,
      errorPct: frame.errorRate * 100,
    };
    if (this.count < this.capacity) {
      this.buffer[(this.start + this.count) % this.capacity] = point;
      this.count++;
    } else {
      this.buffer[this.start] = point;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  clear(): void {
    this.buffer.fill(undefined);
    this.start = 0;
    this.count = 0;
  }

  /** The points, oldest first (a new array, as the charts want). */
  toArray(): ChartPoint[] {
    const out: ChartPoint[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.buffer[(this.start + i) % this.capacity] as ChartPoint;
    return out;
  }
}
