/**
 * A server's record of one call it is working on: which instance, whether it holds a
 * worker, where it is in its downstream calls. Pooled; `init` sets every field, and release
 * changes `gen`, so events and answers for a job that ended (finished or failed by a crash)
 * find it gone.
 */
import type { Call, CallContext } from '../runtime/request';
import { FreeList } from '../core/freeList';

export class Job implements CallContext {
  gen = 0;
  call: Call = null as unknown as Call;
  instance = 0;
  arrivedAt = 0;
  holdsWorker = false;
  failed = false;
  /** Parallel calls: downstream calls still out. */
  pendingChildren = 0;
  /** Sequential calls: the edge being called, and the calls made on it so far minus one. */
  nextEdge = 0;
  repeats = 0;
  /** Parallel calls: the repeated calls made on each edge (callsPerRequest). */
  private edgeRepeats: Int32Array;
  // The instance's intrusive list of active jobs, so a crash can fail them all.
  prevActive: Job | null = null;
  nextActive: Job | null = null;

  constructor(edges: number) {
    this.edgeRepeats = new Int32Array(edges);
  }

  init(call: Call, instance: number, now: number): void {
    this.call = call;
    this.instance = instance;
    this.arrivedAt = now;
    this.holdsWorker = false;
    this.failed = false;
    this.pendingChildren = 0;
    this.nextEdge = 0;
    this.repeats = 0;
    if (this.edgeRepeats.length > 0) this.edgeRepeats.fill(0);
    this.prevActive = null;
    this.nextActive = null;
  }

  repeatsDone(edge: number): number {
    return this.edgeRepeats[edge];
  }

  countRepeat(edge: number): void {
    this.edgeRepeats[edge]++;
  }
}

export class JobPool {
  private readonly free = new FreeList<Job>();
  /** Jobs out of the pool: 0 once everything has drained. */
  live = 0;
  /** Downstream edges of the owner; fixed once the graph is wired. */
  edges = 0;

  acquire(call: Call, instance: number, now: number): Job {
    const j = this.free.take() ?? new Job(this.edges);
    j.init(call, instance, now);
    this.live++;
    return j;
  }

  release(j: Job): void {
    if (j.call === null) throw new Error('a job was released twice');
    j.gen = (j.gen + 1) | 0; // 32 bits: it travels as an event argument
    j.call = null as unknown as Call;
    this.live--;
    this.free.put(j);
  }
}
