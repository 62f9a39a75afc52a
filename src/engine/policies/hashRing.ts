/**
 * A consistent-hash ring: each instance owns `virtualNodes` points on a 32-bit circle; a
 * key belongs to the first point clockwise from its hash. Removing an instance moves only
 * the keys it owned. Unhealthy instances are skipped by walking on clockwise, which is the
 * same as removing them.
 *
 * Instances join and leave in place ({@link add}, {@link remove}): a scaling step costs a
 * merge of the points that change into the sorted ones, linear in the ring's size, never a
 * rebuild from scratch.
 */
import { hashString, mix32 } from '../core/rng';

/** Owner numbers on a ring are below this (2^21): a point's hash and owner share one double. */
const OWNER_SPAN = 2_097_152;

export class HashRing {
  private points: Uint32Array = new Uint32Array(0);
  private owners: Int32Array = new Int32Array(0);

  /**
   * `names[i]` names an instance; its points are the hashes of "name#v". Its owner number is
   * `ownerIds[i]` (by default i): what {@link lookup} returns and `healthy` is indexed by.
   */
  constructor(
    names: readonly string[],
    readonly virtualNodes: number,
    ownerIds?: ArrayLike<number>,
  ) {
    if (names.length > 0) this.add(names, ownerIds ?? names.map((_, i) => i));
  }

  /** Number of points on the ring. */
  get size(): number {
    return this.points.length;
  }

  /** Instances join the ring: their points are sorted, then merged with the ring's. */
  add(names: readonly string[], ownerIds: ArrayLike<number>): void {
    const v = this.virtualNodes;
    const k = names.length * v;
    // Sort (hash, owner) pairs as one number, hash · 2^21 + owner, exact below 2^53: a
    // native numeric sort of a typed array, not a comparison callback per pair.
    let maxOwner = 0;
    for (let i = 0; i < names.length; i++) if (ownerIds[i] > maxOwner) maxOwner = ownerIds[i];
    if (maxOwner >= OWNER_SPAN) throw new Error(`a ring owner number must be below ${OWNER_SPAN}`);
    const keys = new Float64Array(k);
    for (let i = 0; i < names.length; i++) {
      const owner = ownerIds[i];
      for (let j = 0; j < v; j++) keys[i * v + j] = hashString(`${names[i]}#${j}`) * OWNER_SPAN + owner;
    }
    keys.sort();
    const pts = this.points;
    const own = this.owners;
    const n = pts.length;
    const mergedPts = new Uint32Array(n + k);
    const mergedOwn = new Int32Array(n + k);
    let a = 0;
    let b = 0;
    for (let m = 0; m < n + k; m++) {
      if (b >= k || (a < n && pts[a] * OWNER_SPAN + own[a] < keys[b])) {
        mergedPts[m] = pts[a];
        mergedOwn[m] = own[a++];
      } else {
        const key = keys[b++];
        const hash = Math.floor(key / OWNER_SPAN);
        mergedPts[m] = hash;
        mergedOwn[m] = key - hash * OWNER_SPAN;
      }
    }
    this.points = mergedPts;
    this.owners = mergedOwn;
  }

  /** Instances leave the ring (`leaving[owner] === 1`): one pass over the points. */
  remove(leaving: Uint8Array): void {
    let kept = 0;
    for (let i = 0; i < this.points.length; i++) if (leaving[this.owners[i]] !== 1) kept++;
    const pts = new Uint32Array(kept);
    const own = new Int32Array(kept);
    let m = 0;
    for (let i = 0; i < this.points.length; i++) {
      if (leaving[this.owners[i]] === 1) continue;
      pts[m] = this.points[i];
      own[m++] = this.owners[i];
    }
    this.points = pts;
    this.owners = own;
  }

  /** The owner of a 32-bit hash, skipping owners whose `healthy` flag is 0; -1 if none. */
  lookup(hash: number, healthy?: Uint8Array): number {
    const pts = this.points;
    const n = pts.length;
    if (n === 0) return -1;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pts[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    for (let k = 0; k < n; k++) {
      const i = lo + k < n ? lo + k : lo + k - n;
      const o = this.owners[i];
      if (healthy === undefined || healthy[o] === 1) return o;
    }
    return -1;
  }
}

/** The ring position of an integer key (a user id or a request key). */
export function hashInt(x: number): number {
  return mix32(Math.imul(x | 0, 0x9e3779b1) ^ 0x5bd1e995);
}
