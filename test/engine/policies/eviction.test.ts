/**
 * The eviction policies against a brute-force reference: random sequences of inserts, hits,
 * removals and evictions, where the policy's victim must equal the reference's, whose rule
 * is the definition (LRU: oldest last use; FIFO: oldest insertion; LFU: fewest uses, then
 * oldest last use) computed by scanning every tracked slot. The O(1) structures are walked
 * after every step to check their invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../../src/engine/core/rng';
import {
  evictionPolicies,
  FifoEviction,
  LfuEviction,
  LruEviction,
  RandomEviction,
  type EvictionPolicy,
  type Evictor,
} from '../../../src/engine/policies/eviction';
import type { SlotList } from '../../../src/engine/policies/eviction/slotList';
import { EVICTION_POLICIES } from '../../../src/model';

/** The definition of each policy, by scanning. */
class Reference {
  private clock = 0;
  readonly inserted = new Map<number, number>();
  readonly lastUse = new Map<number, number>();
  readonly uses = new Map<number, number>();

  insert(slot: number): void {
    this.inserted.set(slot, ++this.clock);
    this.lastUse.set(slot, this.clock);
    this.uses.set(slot, 1);
  }

  hit(slot: number): void {
    this.lastUse.set(slot, ++this.clock);
    this.uses.set(slot, this.uses.get(slot)! + 1);
  }

  remove(slot: number): void {
    this.inserted.delete(slot);
    this.lastUse.delete(slot);
    this.uses.delete(slot);
  }

  get slots(): number[] {
    return [...this.inserted.keys()];
  }

  victim(policy: Exclude<EvictionPolicy, 'random'>): number {
    let best = -1;
    for (const s of this.slots) {
      if (best < 0 || this.before(policy, s, best)) best = s;
    }
    return best;
  }

  private before(policy: Exclude<EvictionPolicy, 'random'>, a: number, b: number): boolean {
    if (policy === 'fifo') return this.inserted.get(a)! < this.inserted.get(b)!;
    if (policy === 'lfu' && this.uses.get(a) !== this.uses.get(b)) return this.uses.get(a)! < this.uses.get(b)!;
    return this.lastUse.get(a)! < this.lastUse.get(b)!;
  }
}

function checkSlotList(list: SlotList, expected: number[]): void {
  const seen: number[] = [];
  let prev = list.head;
  for (let s = list.next[list.head]; s !== list.head; s = list.next[s]) {
    expect(list.prev[s]).toBe(prev);
    seen.push(s);
    prev = s;
    expect(seen.length).toBeLessThanOrEqual(list.size);
  }
  expect(list.prev[list.head]).toBe(prev);
  expect(seen.length).toBe(list.size);
  expect([...seen].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  for (let s = 0; s < list.head; s++) expect(list.has(s)).toBe(expected.includes(s));
}

function checkLfu(lfu: LfuEviction, ref: Reference): void {
  let total = 0;
  let lastCount = 0;
  let buckets = 0;
  for (let b = lfu.bucketNext[lfu.sentinel]; b !== lfu.sentinel; b = lfu.bucketNext[b]) {
    buckets++;
    expect(lfu.count[b]).toBeGreaterThan(lastCount); // strictly increasing counts
    lastCount = lfu.count[b];
    expect(lfu.first[b]).not.toBe(-1); // no empty bucket stays linked
    let prev = -1;
    for (let s = lfu.first[b]; s !== -1; s = lfu.slotNext[s]) {
      expect(lfu.slotPrev[s]).toBe(prev);
      expect(lfu.bucketOf[s]).toBe(b);
      expect(lfu.count[b]).toBe(ref.uses.get(s));
      prev = s;
      total++;
    }
    expect(lfu.last[b]).toBe(prev);
  }
  expect(total).toBe(lfu.size);
  expect(total).toBe(ref.slots.length);
  expect(buckets).toBeLessThanOrEqual(total);
}

function checkRandom(r: RandomEviction, ref: Reference): void {
  const held = Array.from(r.occupied.subarray(0, r.size));
  expect(held.sort((a, b) => a - b)).toEqual(ref.slots.sort((a, b) => a - b));
  for (let i = 0; i < r.size; i++) expect(r.position[r.occupied[i]]).toBe(i);
  for (let s = 0; s < r.position.length; s++) if (!ref.inserted.has(s)) expect(r.position[s]).toBe(-1);
}

function checkInvariants(policy: Evictor, ref: Reference): void {
  expect(policy.size).toBe(ref.slots.length);
  if (policy instanceof LruEviction || policy instanceof FifoEviction) checkSlotList(policy.list, ref.slots);
  else if (policy instanceof LfuEviction) checkLfu(policy, ref);
  else if (policy instanceof RandomEviction) checkRandom(policy, ref);
}

type Op = { op: 'insert' | 'hit' | 'remove' | 'evict' | 'clear'; pick: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom<Op['op']>('insert', 'insert', 'hit', 'hit', 'hit', 'remove', 'evict', 'evict', 'clear'),
  pick: fc.nat(),
});
const scenarioArb = fc.record({ capacity: fc.integer({ min: 1, max: 9 }), ops: fc.array(opArb, { maxLength: 250 }) });

/** Plays ops on a policy and the reference; `onEvict` gets (policy's victim, tracked slots). */
function play(policy: Evictor, capacity: number, ops: Op[], onEvict: (victim: number, ref: Reference) => void): void {
  const ref = new Reference();
  for (const { op, pick } of ops) {
    const tracked = ref.slots;
    const free = Array.from({ length: capacity }, (_, i) => i).filter((s) => !ref.inserted.has(s));
    if (op === 'insert' && free.length > 0) {
      const s = free[pick % free.length];
      policy.onInsert(s);
      ref.insert(s);
    } else if (op === 'hit' && tracked.length > 0) {
      const s = tracked[pick % tracked.length];
      policy.onHit(s);
      ref.hit(s);
    } else if (op === 'remove' && tracked.length > 0) {
      const s = tracked[pick % tracked.length];
      policy.onRemove(s);
      ref.remove(s);
    } else if (op === 'evict') {
      const v = policy.victim();
      if (tracked.length === 0) expect(v).toBe(-1);
      else {
        onEvict(v, ref);
        policy.onRemove(v);
        ref.remove(v);
      }
    } else if (op === 'clear') {
      policy.clear();
      for (const s of tracked) ref.remove(s);
    }
    checkInvariants(policy, ref);
  }
}

describe('eviction policies', () => {
  it('has one implementation per policy the model names', () => {
    expect(Object.keys(evictionPolicies).sort()).toEqual([...EVICTION_POLICIES].sort());
  });

  for (const name of ['lru', 'fifo', 'lfu'] as const) {
    it(`${name}: the victim is the reference's after any sequence of operations`, () => {
      fc.assert(
        fc.property(scenarioArb, ({ capacity, ops }) => {
          const policy = evictionPolicies[name](capacity, streamFor(1, 'cache', name));
          play(policy, capacity, ops, (victim, ref) => expect(victim).toBe(ref.victim(name)));
        }),
        { numRuns: 300, seed: 1001 },
      );
    });
  }

  it('random: the victim is always a tracked slot', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), ({ capacity, ops }, seed) => {
        const policy = evictionPolicies.random(capacity, streamFor(seed, 'cache', 'random'));
        play(policy, capacity, ops, (victim, ref) => expect(ref.inserted.has(victim)).toBe(true));
      }),
      { numRuns: 300, seed: 1002 },
    );
  });

  it('random: draws victims uniformly, also after removals reshuffle the dense array', () => {
    const policy = new RandomEviction(12, streamFor(7, 'cache', 'random'));
    for (let s = 0; s < 12; s++) policy.onInsert(s);
    for (const s of [3, 0, 11, 6]) policy.onRemove(s); // 8 slots remain
    const counts = new Map<number, number>();
    const draws = 80_000;
    for (let i = 0; i < draws; i++) {
      const v = policy.victim();
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 7, 8, 9, 10]);
    // Chi-square with 7 degrees of freedom: 24.3 is its 99.9th percentile.
    const expected = draws / 8;
    const chi2 = [...counts.values()].reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(24.3);
  });

  it('LFU breaks ties between equal counts by recency, and a newcomer goes first', () => {
    const lfu = new LfuEviction(4);
    for (const s of [0, 1, 2, 3]) lfu.onInsert(s);
    lfu.onHit(2);
    lfu.onHit(0);
    lfu.onHit(0); // counts: 0→3, 1→1, 2→2, 3→1
    expect(lfu.victim()).toBe(1);
    lfu.onHit(1); // 1 and 2 both at 2, 2 got there first
    expect(lfu.victim()).toBe(3);
    lfu.onRemove(3);
    expect(lfu.victim()).toBe(2);
    lfu.onInsert(3);
    expect(lfu.victim()).toBe(3);
    expect([0, 1, 2, 3].map((s) => lfu.countOf(s))).toEqual([3, 2, 2, 1]);
  });

  it('LFU at full capacity with every slot at a distinct count never runs out of buckets', () => {
    const n = 6;
    const lfu = new LfuEviction(n);
    for (let s = 0; s < n; s++) {
      lfu.onInsert(s);
      for (let k = 0; k < s; k++) lfu.onHit(s);
    }
    // Each hit on a slot alone in its bucket needs a bucket for count + 1 while its own is held.
    for (let round = 0; round < 50; round++) for (let s = 0; s < n; s++) lfu.onHit(s);
    expect([...Array(n).keys()].map((s) => lfu.countOf(s))).toEqual([51, 52, 53, 54, 55, 56]);
    expect(lfu.victim()).toBe(0);
  });

  it('refuses to track a slot twice or to forget one it does not track', () => {
    for (const name of EVICTION_POLICIES) {
      const p = evictionPolicies[name](3, streamFor(1, 'x', 'y'));
      p.onInsert(1);
      expect(() => p.onInsert(1), name).toThrow();
      expect(() => p.onRemove(2), name).toThrow();
      expect(() => p.onHit(2), name).toThrow();
    }
  });
});
