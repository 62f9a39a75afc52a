/**
 * A streaming log-linear histogram. The bucket of a value is read straight from its IEEE-754
 * bits: the exponent and the top SUB_BITS mantissa bits. With 7 bits each octave has 128
 * buckets, so reporting a bucket's midpoint is within 1/256 (0.4%) of any value in it.
 * Memory is fixed (6,400 counters) whatever the number of samples.
 */
import type { LatencySummary } from '../api';

const SUB_BITS = 7;
const SHIFT = 20 - SUB_BITS; // the high word holds 20 mantissa bits
const MIN_EXP = -20; // 2^-20 ms ≈ 1 ns
const MAX_EXP = 30; // 2^30 ms ≈ 12 days
const FIRST = (1023 + MIN_EXP) << SUB_BITS;
const BUCKETS = (MAX_EXP - MIN_EXP) << SUB_BITS;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// The high word's index depends on the platform's byte order.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;


export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  /** Values below the smallest bucket (including exact zeros). */
  private tiny = 0;
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(v: number): void {
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    if (v < this.min) this.min = v;
    f64[0] = v;
    let b = (u32[HI] >>> SHIFT) - FIRST;
    if (b < 0) {
      this.tiny++;
      return;
    }
    if (b >= BUCKETS) b = BUCKETS - 1;
    this.counts[b]++;
  }

  reset(): void {
    this.counts.fill(0);
    this.tiny = 0;
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = 0;
  }

  get mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** The value at quantile q in [0, 1]: the rank ⌈q·n⌉ smallest sample, to within 0.4%. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = this.tiny;
    if (seen >= rank) return this.min;
    const counts = this.counts;
    for (let b = 0; b < BUCKETS; b++) {
      seen += counts[b];
      if (seen >= rank) {
        const mid = bucketMidpoint(b);
        return mid < this.min ? this.min : mid > this.max ? this.max : mid;
      }
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      mean: this.mean,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      max: this.count > 0 ? this.max : 0,
    };
  }
}

function bucketMidpoint(b: number): number {
  const hi = (b + FIRST) << SHIFT;
  u32[HI] = hi >>> 0;
  u32[1 - HI] = 0;
  const lo = f64[0];
  u32[HI] = (hi + (1 << SHIFT)) >>> 0;
  const up = f64[0];
  return (lo + up) / 2;
}
