/**
 * The database's memory of applied writes (policies/appliedWrites.ts) as a pure structure:
 * against a plain Map that never forgets anything by itself, and bounded over a long run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppliedWrites } from '../../../src/engine/policies/appliedWrites';
import { APPLIED_WRITES_WINDOW_MS } from '../../../src/model';

const W = APPLIED_WRITES_WINDOW_MS;

describe('applied writes', () => {
  it('remembers an id, with its version, for exactly the window', () => {
    const m = new AppliedWrites(W, 1000);
    m.remember(7, 1000, 3);
    expect(m.versionOf(7, 1000)).toBe(3);
    expect(m.versionOf(8, 1000)).toBe(-1);
    expect(m.versionOf(7, 1000 + W - 0.001)).toBe(3);
    expect(m.versionOf(7, 1000 + W)).toBe(-1);
    expect(m.size).toBe(0);
    // Forgotten, it can be remembered again.
    m.remember(7, 1000 + W, 4);
    expect(m.versionOf(7, 1000 + W + 1)).toBe(4);
  });

  it('agrees with a model that keeps everything and filters by age', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(
          fc.record({
            gap: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 200 })),
            id: fc.integer({ min: -5, max: 60 }),
            remember: fc.boolean(),
          }),
          { maxLength: 300 },
        ),
        (maxEntries, ops) => {
          const windowMs = 100;
          const m = new AppliedWrites(windowMs, maxEntries, 1);
          // id → [time, version], in order of insertion; the oldest beyond maxEntries dropped.
          const model = new Map<number, [number, number]>();
          let forgotten = 0;
          let now = 0;
          let version = 0;
          for (const op of ops) {
            now += op.gap;
            for (const [id, [t]] of model) if (t <= now - windowMs) model.delete(id);
            const held = model.get(op.id);
            expect(m.versionOf(op.id, now)).toBe(held === undefined ? -1 : held[1]);
            if (op.remember && held === undefined) {
              if (model.size === maxEntries) {
                model.delete(model.keys().next().value!);
                forgotten++;
              }
              model.set(op.id, [now, ++version]);
              m.remember(op.id, now, version);
            }
            expect(m.size).toBe(model.size);
          }
          expect(m.forgottenEarly).toBe(forgotten);
          expect(m.capacity).toBeLessThan(2 * Math.max(maxEntries, 1));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('stays bounded over a long run: 3 hours at 1,000 writes a second hold 10 minutes of them', () => {
    const m = new AppliedWrites(W, 1 << 22);
    let most = 0;
    for (let id = 1, t = 0; t < 3 * 3_600_000; t += 1, id++) {
      m.remember(id, t, 1);
      if (m.size > most) most = m.size;
    }
    // 600,000 ids within any 10 minutes; the ring is the power of two above it.
    expect(most).toBe(600_000);
    expect(m.size).toBe(600_000);
    expect(m.capacity).toBe(1 << 20);
    expect(m.forgottenEarly).toBe(0);
    // The oldest still held is exactly 10 minutes old less a millisecond.
    expect(m.versionOf(3 * 3_600_000 - W + 1, 3 * 3_600_000 - 1)).toBe(1);
    expect(m.versionOf(3 * 3_600_000 - W, 3 * 3_600_000 - 1)).toBe(-1);
  });

  it('at its most entries, forgets the oldest early and counts them', () => {
    const m = new AppliedWrites(W, 1000);
    for (let id = 0; id < 1500; id++) m.remember(id, id, id + 1);
    expect(m.size).toBe(1000);
    expect(m.capacity).toBe(1024);
    expect(m.forgottenEarly).toBe(500);
    expect(m.versionOf(499, 1500)).toBe(-1);
    expect(m.versionOf(500, 1500)).toBe(501);
  });

  it('request ids past 2³¹ are told apart as int32s', () => {
    const m = new AppliedWrites(W, 16);
    m.remember(2 ** 31 + 5, 0, 1);
    expect(m.versionOf(2 ** 31 + 5, 1)).toBe(1);
    expect(m.versionOf(5, 1)).toBe(-1);
  });
});
