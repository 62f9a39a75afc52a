/** The cache's memory: the int-keyed hash map, the entry table and the store with TTL. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntryTable } from '../../../src/engine/core/entryTable';
import { IntMap } from '../../../src/engine/core/intMap';
import { streamFor } from '../../../src/engine/core/rng';
import { CacheStore } from '../../../src/engine/policies/cacheStore';
import type { LruEviction } from '../../../src/engine/policies/eviction';

describe('IntMap', () => {
  type MapOp = { op: 'set' | 'delete' | 'get' | 'clear'; key: number; value: number };
  const run = (capacity: number, keyArb: fc.Arbitrary<number>) =>
    fc.property(
      fc.array(
        fc.record({
          op: fc.constantFrom<MapOp['op']>('set', 'set', 'set', 'delete', 'delete', 'get', 'clear'),
          key: keyArb,
          value: fc.integer({ min: 0, max: 0x7fffffff }),
        }),
        { maxLength: 400 },
      ),
      (ops) => {
        const m = new IntMap(capacity);
        const ref = new Map<number, number>();
        for (const { op, key, value } of ops) {
          if (op === 'set') {
            if (!ref.has(key) && ref.size >= capacity) {
              expect(() => m.set(key, value)).toThrow(RangeError);
              continue;
            }
            m.set(key, value);
            ref.set(key, value);
          } else if (op === 'delete') {
            expect(m.delete(key)).toBe(ref.get(key) ?? -1);
            ref.delete(key);
          } else if (op === 'clear') {
            m.clear();
            ref.clear();
          }
          expect(m.get(key)).toBe(ref.get(key) ?? -1);
          expect(m.size).toBe(ref.size);
        }
        for (const [k, v] of ref) expect(m.get(k)).toBe(v);
      },
    );

  it('behaves as a Map under random sets and deletes (many collisions: small key range)', () => {
    fc.assert(run(24, fc.integer({ min: 0, max: 40 })), { numRuns: 300, seed: 1009 });
  });

  it('behaves as a Map for any int32 key, negative and extreme ones included', () => {
    const key = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)));
    fc.assert(run(16, key), { numRuns: 300, seed: 1010 });
  });

  it('keeps every key found and probe lengths short through 200,000 deletes and inserts', () => {
    const capacity = 10_000;
    const m = new IntMap(capacity);
    const rng = streamFor(3, 'intmap', 'churn');
    const held: number[] = [];
    for (let i = 0; i < capacity; i++) {
      m.set(i, i);
      held.push(i);
    }
    const fresh = m.maxProbeLength();
    let missing = 0;
    for (let step = 0; step < 200_000; step++) {
      const i = rng.int(held.length);
      if (m.delete(held[i]) < 0) missing++;
      let key = rng.nextU32() | 0;
      while (m.get(key) >= 0) key = rng.nextU32() | 0;
      m.set(key, step);
      held[i] = key;
    }
    expect(missing).toBe(0);
    expect(m.size).toBe(held.length);
    expect(held.filter((k) => m.get(k) < 0)).toEqual([]);
    // Fibonacci hashing places sequential keys with no collision at all; random keys at load
    // 0.3 (10,000 in 32,768 slots) have a longest probe of order ln n / (α − 1 − ln α) ≈ 18.
    expect(fresh).toBe(1);
    expect(m.maxProbeLength()).toBeLessThan(30);
  });

  it('rejects negative values, which it reserves for "absent"', () => {
    expect(() => new IntMap(4).set(1, -1)).toThrow(RangeError);
  });
});

describe('EntryTable', () => {
  it('hands out each slot once, maps keys both ways and refuses to overfill', () => {
    const t = new EntryTable(3);
    const slots = [10, 20, 30].map((k) => t.add(k));
    expect(new Set(slots).size).toBe(3);
    expect(t.full).toBe(true);
    expect(() => t.add(40)).toThrow(RangeError);
    expect(() => t.add(10)).toThrow();
    for (const [i, k] of [10, 20, 30].entries()) {
      expect(t.slotOf(k)).toBe(slots[i]);
      expect(t.keyOf[slots[i]]).toBe(k);
    }
    t.remove(slots[1]);
    expect(t.slotOf(20)).toBe(-1);
    expect(() => t.remove(slots[1])).toThrow();
    const s = t.add(40);
    expect(s).toBe(slots[1]);
    expect(t.expiresAt[s]).toBe(Infinity);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.slotOf(10)).toBe(-1);
  });
});

describe('CacheStore', () => {
  it('evicts the policy’s victim when full and reports it with its dirty flag', () => {
    const c = new CacheStore(2, 'lru', streamFor(1, 'c', 'r'));
    const a = c.fill(1, 0);
    c.entries.dirty[a] = 1;
    c.entries.version[a] = 7;
    c.fill(2, 0);
    c.lookup(1, 1); // key 2 is now least recently used
    c.fill(3, 2);
    expect(c.evictedKey).toBe(2);
    expect(c.evictedDirty).toBe(0);
    c.fill(4, 3); // key 1 is now the oldest use
    expect([c.evictedKey, c.evictedDirty, c.evictedVersion]).toEqual([1, 1, 7]);
    expect(c.evictions).toBe(2);
    c.fill(4, 4); // a refill of a held key evicts nothing
    expect(c.evictedKey).toBe(-1);
  });

  it('serves an entry until ttl after its fill, then drops it on the next lookup', () => {
    const c = new CacheStore(4, 'fifo', streamFor(1, 'c', 'r'), 100);
    c.fill(5, 1000);
    expect(c.lookup(5, 1099.5)).toBeGreaterThanOrEqual(0);
    expect(c.lookup(5, 1100)).toBe(-1);
    expect(c.expirations).toBe(1);
    expect(c.size).toBe(0);
    expect(c.eviction.size).toBe(0);
  });

  it('does not expire a dirty entry: it holds the only copy of a write', () => {
    const c = new CacheStore(4, 'lru', streamFor(1, 'c', 'r'), 100);
    const s = c.fill(5, 0);
    c.entries.dirty[s] = 1;
    expect(c.lookup(5, 500)).toBe(s);
    c.entries.dirty[s] = 0; // flushed
    expect(c.lookup(5, 500)).toBe(-1);
  });

  it('invalidates, counts dirty entries, and forgets everything on a crash', () => {
    const c = new CacheStore(8, 'lfu', streamFor(1, 'c', 'r'));
    for (let k = 0; k < 5; k++) c.entries.dirty[c.fill(k, 0)] = k % 2;
    expect(c.countDirty()).toBe(2);
    expect(c.invalidate(3)).toBe(true);
    expect(c.invalidate(3)).toBe(false);
    expect(c.countDirty()).toBe(1);
    c.clear();
    expect([c.size, c.eviction.size, c.countDirty(), c.lookup(0, 1)]).toEqual([0, 0, 0, -1]);
  });

  it('under LRU, lazy expiry holds exactly plain LRU’s keys in the same order, and hits only where LRU hits', () => {
    /** Keys from least to most recently used. */
    const order = (c: CacheStore) => {
      const list = (c.eviction as LruEviction).list;
      const keys: number[] = [];
      for (let s = list.next[list.head]; s !== list.head; s = list.next[s]) keys.push(c.entries.keyOf[s]);
      return keys;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 9 }), gap: fc.integer({ min: 0, max: 20 }) }), { maxLength: 200 }),
        (capacity, ttl, requests) => {
          const plain = new CacheStore(capacity, 'lru', streamFor(1, 'c', 'r'));
          const expiring = new CacheStore(capacity, 'lru', streamFor(1, 'c', 'r'), ttl);
          let now = 0;
          for (const { key, gap } of requests) {
            now += gap;
            const hitPlain = plain.lookup(key, now) >= 0;
            const hitExpiring = expiring.lookup(key, now) >= 0;
            if (hitExpiring) expect(hitPlain).toBe(true);
            if (!hitPlain) plain.fill(key, now);
            if (!hitExpiring) expiring.fill(key, now);
            expect(order(expiring)).toEqual(order(plain));
          }
        },
      ),
      { numRuns: 300, seed: 1011 },
    );
  });
});
