/** The rate-limit bounds of THEORY.md as numbers. */
import { describe, expect, it } from 'vitest';
import {
  fixedWindowWorstCase,
  leakyBucketInterDepartureMs,
  slidingWindowCounterWorstCase,
  slidingWindowLogWorstCase,
  tokenBucketMaxAdmitted,
} from '../../src/theory';

describe('rate-limit bounds', () => {
  it('token bucket: b + r·T, in whole requests', () => {
    expect(tokenBucketMaxAdmitted(200, 50, 1000)).toBe(250);
    expect(tokenBucketMaxAdmitted(200, 50, 7)).toBe(51);
    // 2.32 × 12,500 / 1000 is 28.999999999999996 in floating point; the count is 29 + 1.
    expect(tokenBucketMaxAdmitted(2.32, 1, 12_500)).toBe(30);
  });

  it('windows: fixed 2L, log L, counter 2L − 1; leaky spacing 1000/r', () => {
    expect(fixedWindowWorstCase(10)).toBe(20);
    expect(slidingWindowLogWorstCase(10)).toBe(10);
    expect(slidingWindowCounterWorstCase(10)).toBe(19);
    expect(slidingWindowCounterWorstCase(0)).toBe(0);
    expect(leakyBucketInterDepartureMs(250)).toBe(4);
  });
});
