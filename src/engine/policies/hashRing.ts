/**
 * A consistent-hash ring: each instance owns `virtualNodes` points on a 32-bit circle; a
 * key belongs to the first point clockwise from its hash. Removing an instance moves only
 * the keys it owned. Unhealthy instances are skipped by walking on clockwise, which is the
 * same as removing them.
 */
import { hashString, mix32 } from '../core/rng';

export class HashRing {
  private readonly points: Uint32Array;
  private readonly owners: Int32Array;

  /** `names[i]` names instance i; its points are the hashes of "name#v". */
  constructor(names: readonly string[], virtualNodes: number) {
    const n = names.length * virtualNodes;
    const pts: { h: number; o: number }[] = [];
    for (let i = 0; i < names.length; i++) {
      for (let v = 0; v < virtualNodes; v++) pts.push({ h: hashString(`${names[i]}#${v}`), o: i });
    }
    pts.sort((a, b) => a.h - b.h || a.o - b.o);
    this.points = new Uint32Array(n);
    this.owners = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      this.points[k] = pts[k].h;
      this.owners[k] = pts[k].o;
    }
  }

  /** The owner of a 32-bit hash, skipping instances whose `healthy` flag is 0; -1 if none. */
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
      const o = this.owners[(lo + k) % n];
      if (healthy === undefined || healthy[o] === 1) return o;
    }
    return -1;
  }
}

/** The ring position of an integer key (a user id or a request key). */
export function hashInt(x: number): number {
  return mix32(Math.imul(x | 0, 0x9e3779b1) ^ 0x5bd1e995);
}
