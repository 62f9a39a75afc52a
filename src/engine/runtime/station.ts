/**
 * The station skeleton, as SimPy's resource: `servers` identical servers and a FIFO queue
 * of at most `queueCapacity` waiting jobs, with time-weighted busy and queue tallies and the
 * waiting times of measured jobs. A server instance's workers, a database's connection pool,
 * a queue's consumer group, a leaky bucket and a bulkhead are all this, with their own idea
 * of what a job is and what serving it means.
 *
 * A node with several stations (instances, shards) sums their tallies when it reports:
 * the integral of a sum is the sum of the integrals, so no tally is kept twice.
 *
 * The station only hands out servers; the owner starts and ends the service. A job that
 * gets a server is returned to the owner ({@link offer} answers STARTED, or {@link release}
 * returns the next waiting job), so nothing calls back into the owner behind its back.
 */
import { TimeAverage } from '../metrics/timeAverage';
import type { Engine } from './engine';

export const STARTED = 0;
export const QUEUED = 1;
export const FULL = 2;
export type OfferResult = typeof STARTED | typeof QUEUED | typeof FULL;

export class Station<J> {
  busy = 0;
  readonly busyTally: TimeAverage;
  readonly queueTally: TimeAverage;
  waitSum = 0;
  waitCount = 0;

  // The waiting jobs: a ring with their arrival times and whether each is measured.
  private jobs: (J | null)[] = new Array(16).fill(null);
  private arrived = new Float64Array(16);
  private measured = new Uint8Array(16);
  private head = 0;
  /** Jobs waiting. */
  waiting = 0;

  constructor(
    engine: Engine,
    /** Servers (workers, connections); may change while running. */
    public servers: number,
    public queueCapacity: number,
  ) {
    this.busyTally = engine.tally(new TimeAverage(engine.now));
    this.queueTally = engine.tally(new TimeAverage(engine.now));
  }

  /** A job arrives: it takes a free server, waits, or is turned away. */
  offer(now: number, job: J, measured: boolean): OfferResult {
    if (this.busy < this.servers) {
      this.take(now);
      if (measured) this.recordWait(0);
      return STARTED;
    }
    if (this.waiting >= this.queueCapacity) return FULL;
    if (this.waiting === this.jobs.length) this.grow();
    const i = (this.head + this.waiting) & (this.jobs.length - 1);
    this.jobs[i] = job;
    this.arrived[i] = now;
    this.measured[i] = measured ? 1 : 0;
    this.waiting++;
    this.queueTally.add(now, 1);
    return QUEUED;
  }

  /**
   * A server is done. The next waiting job, if any, takes it and is returned (the owner
   * starts its service); otherwise the server goes idle and null is returned.
   */
  release(now: number): J | null {
    if (this.waiting > 0 && this.busy <= this.servers) return this.shift(now, true);
    this.busy--;
    this.busyTally.add(now, -1);
    return null;
  }

  /**
   * A server that is busy takes one more waiting job into the same service (a batch: a
   * queue's consumer worker pulling several messages at once); null when none waits.
   */
  takeAnother(now: number): J | null {
    return this.waiting > 0 ? this.shift(now, true) : null;
  }

  /**
   * Servers were added or came back: the first waiting job takes a free server and is
   * returned (the owner starts it); null when no server is free or none waits. Call it
   * until it returns null.
   */
  startWaiting(now: number): J | null {
    if (this.waiting === 0 || this.busy >= this.servers) return null;
    this.take(now);
    return this.shift(now, true);
  }

  /** Time the first waiting job arrived (Infinity when none waits). */
  headArrival(): number {
    return this.waiting > 0 ? this.arrived[this.head] : Infinity;
  }

  /** Removes the first waiting job without serving it (it waited too long). */
  dropHead(now: number): J {
    return this.shift(now, false);
  }

  /**
   * A crash: every waiting job leaves (appended to `out`, in order) and every server is
   * free. The owner fails the jobs that were in service, which only it knows.
   */
  crash(now: number, out: J[]): void {
    while (this.waiting > 0) out.push(this.shift(now, false));
    if (this.busy > 0) {
      this.busyTally.add(now, -this.busy);
      this.busy = 0;
    }
  }

  private take(now: number): void {
    this.busy++;
    this.busyTally.add(now, 1);
  }

  private shift(now: number, serve: boolean): J {
    const h = this.head;
    const job = this.jobs[h]!;
    this.jobs[h] = null;
    this.head = (h + 1) & (this.jobs.length - 1);
    this.waiting--;
    this.queueTally.add(now, -1);
    if (serve && this.measured[h] === 1) this.recordWait(now - this.arrived[h]);
    return job;
  }

  private recordWait(ms: number): void {
    this.waitSum += ms;
    this.waitCount++;
  }

  private grow(): void {
    const old = this.jobs.length;
    const n = old * 2;
    const jobs: (J | null)[] = new Array(n).fill(null);
    const arrived = new Float64Array(n);
    const measured = new Uint8Array(n);
    for (let k = 0; k < this.waiting; k++) {
      const i = (this.head + k) & (old - 1);
      jobs[k] = this.jobs[i];
      arrived[k] = this.arrived[i];
      measured[k] = this.measured[i];
    }
    this.jobs = jobs;
    this.arrived = arrived;
    this.measured = measured;
    this.head = 0;
  }
}
