/**
 * A load balancer's targets: one per instance of each downstream node. A target number is
 * given the first time an instance appears and kept for the whole run, so everything known
 * about a target (calls outstanding, latency, health, sticky users, ring points) stays with
 * that instance when another node scales. Scaling a node changes only which targets are in
 * rotation: a pass over the targets, and the ring's points of the instances that come or go.
 */
import type { EdgeRuntime } from '../runtime/edge';
import { HashRing } from '../policies/hashRing';
import type { BalancerState } from '../policies/loadBalancing';

export class BalancerTargets {
  /** Targets given so far. */
  count = 0;
  edgeOf: EdgeRuntime[] = [];
  instanceOf = new Int32Array(8);
  /** 1 while the target's instance is in rotation. */
  inRotation = new Uint8Array(8);
  served = new Float64Array(8);
  probeFailures = new Int32Array(8);
  probeSuccesses = new Int32Array(8);
  /** Per outgoing edge (by its position), the target of each instance number. */
  private readonly byEdge: Int32Array[];
  readonly state: BalancerState;
  private ringWanted = false;
  private readonly virtualNodes: number;

  constructor(
    private readonly edges: readonly EdgeRuntime[],
    virtualNodes: number,
    hashOnKey: boolean,
  ) {
    this.virtualNodes = virtualNodes;
    this.byEdge = edges.map(() => new Int32Array(0));
    this.state = {
      n: 0,
      active: new Int32Array(8),
      healthy: new Uint8Array(8),
      outstanding: new Int32Array(8),
      latencyEwma: new Float64Array(8),
      weights: new Float64Array(8),
      wrrCurrent: new Float64Array(8),
      cursor: 0,
      ring: null,
      hashOnKey,
    };
  }

  /** The target an answer on `edge` from `instance` belongs to. */
  targetOf(edge: EdgeRuntime, instance: number): number {
    const row = this.byEdge[edge.fromIndex];
    return instance >= 0 && instance < row.length ? row[instance] : -1;
  }

  /**
   * The first target after `instance` on `edge`, in instance order and round to the start,
   * that is in rotation and believed healthy; -1 when there is none but `instance` itself.
   */
  nextOnEdge(edge: EdgeRuntime, instance: number): number {
    const row = this.byEdge[edge.fromIndex];
    const n = row.length;
    for (let k = 1; k < n; k++) {
      const t = row[(instance + k) % n];
      if (this.inRotation[t] === 1 && this.state.healthy[t] === 1) return t;
    }
    return -1;
  }

  /** Builds (or drops) the consistent-hash ring: only the algorithm that uses it pays for it. */
  useRing(wanted: boolean): void {
    this.ringWanted = wanted;
    if (!wanted) {
      this.state.ring = null;
      return;
    }
    if (this.state.ring !== null) return;
    const names: string[] = [];
    const owners: number[] = [];
    for (let t = 0; t < this.count; t++) {
      if (this.inRotation[t] === 1) {
        names.push(this.nameOf(t));
        owners.push(t);
      }
    }
    this.state.ring = new HashRing(names, this.virtualNodes, owners);
  }

  /** Brings the targets of `edges` (all of them at start, one after a scaling step) up to date. */
  refresh(changed: readonly EdgeRuntime[]): void {
    const joining: number[] = [];
    const leaving = new Uint8Array(this.count + 1);
    let anyLeaving = false;
    for (const e of changed) {
      const k = e.fromIndex;
      const want = e.to.instanceCount;
      let row = this.byEdge[k];
      if (row.length < want) {
        const grown = new Int32Array(want).fill(-1);
        grown.set(row);
        for (let i = row.length; i < want; i++) grown[i] = this.newTarget(e, i);
        row = this.byEdge[k] = grown;
      }
      for (let i = 0; i < row.length; i++) {
        const t = row[i];
        const on = i < want ? 1 : 0;
        if (on === this.inRotation[t]) continue;
        this.inRotation[t] = on;
        if (on === 1) {
          // A target back in rotation starts afresh: what probes said of it is old news.
          this.state.healthy[t] = 1;
          this.probeFailures[t] = 0;
          this.probeSuccesses[t] = 0;
          joining.push(t);
        } else {
          if (t >= leaving.length) continue;
          leaving[t] = 1;
          anyLeaving = true;
        }
      }
    }
    this.rebuildActive();
    const ring = this.state.ring;
    if (this.ringWanted && ring !== null) {
      if (anyLeaving) ring.remove(leaving);
      if (joining.length > 0) ring.add(joining.map((t) => this.nameOf(t)), joining);
    }
  }

  private nameOf(t: number): string {
    return `${this.edgeOf[t].to.id}/${this.instanceOf[t]}`;
  }

  private newTarget(edge: EdgeRuntime, instance: number): number {
    const t = this.count++;
    if (t === this.instanceOf.length) this.grow();
    this.edgeOf[t] = edge;
    this.instanceOf[t] = instance;
    this.inRotation[t] = 0;
    this.state.healthy[t] = 1;
    return t;
  }

  /** The rotation lists targets in edge order, then instance order. */
  private rebuildActive(): void {
    const s = this.state;
    let n = 0;
    let maxWeight = 0;
    for (let k = 0; k < this.byEdge.length; k++) {
      const row = this.byEdge[k];
      for (let i = 0; i < row.length; i++) if (this.inRotation[row[i]] === 1) s.active[n++] = row[i];
      if (row.length > 0 && this.edges[k].weight > maxWeight) maxWeight = this.edges[k].weight;
    }
    s.n = n;
    if (s.cursor >= n) s.cursor = 0;
    for (let t = 0; t < this.count; t++) s.weights[t] = maxWeight > 0 ? this.edgeOf[t].weight / maxWeight : 1;
  }

  private grow(): void {
    const n = this.instanceOf.length * 2;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.instanceOf = i32(this.instanceOf);
    this.inRotation = u8(this.inRotation);
    this.served = f64(this.served);
    this.probeFailures = i32(this.probeFailures);
    this.probeSuccesses = i32(this.probeSuccesses);
    const s = this.state;
    s.active = i32(s.active);
    s.healthy = u8(s.healthy);
    s.outstanding = i32(s.outstanding);
    s.latencyEwma = f64(s.latencyEwma);
    s.weights = f64(s.weights);
    s.wrrCurrent = f64(s.wrrCurrent);
  }

  /** Targets in report order: edge order, then instance number. */
  *inOrder(): Generator<number> {
    for (const row of this.byEdge) for (let i = 0; i < row.length; i++) yield row[i];
  }
}
