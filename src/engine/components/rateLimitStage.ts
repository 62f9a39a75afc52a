/**
 * Rate limiting as a stage a component puts requests through: the rate limiter is one, an
 * API gateway with a `rateLimit` has one. The algorithm (policies/rateLimit) decides; this
 * stage keeps the counts, and the leaky bucket's queue, which is a real queue:
 *
 * - global scope: a station (runtime/station.ts) with one drain slot. A request that finds
 *   the slot free leaves at once and holds it for I = 1000 / ratePerSec ms; the others wait
 *   in its FIFO and leave one every I as the slot frees, so a burst leaves as an even
 *   stream. The algorithm's virtual schedule decides who may join (its departures are the
 *   station's, computed by the same additions), and gives the exact retry-after.
 * - per-user scope: every user has a queue of their own; a station each would cost memory
 *   per user, so each admitted request waits for its own departure event at the time the
 *   algorithm gave it (per user those are I apart), on a list so a crash can fail them.
 *
 * The owner hands in a {@link Visit} per request and gets it back through
 * {@link RateLimitOwner.departed} when a queued request leaves.
 */
import type { RateLimiterConfig } from '../../model';
import type { Holdings, RateLimitFrame } from '../api';
import type { EventHandler } from '../core/eventQueue';
import { TimeAverage } from '../metrics/timeAverage';
import { createRateLimiter, type RateLimiter } from '../policies/rateLimit';
import type { Engine } from '../runtime/engine';
import { FULL, QUEUED, STARTED, Station } from '../runtime/station';
import type { Visit } from '../runtime/visit';
import { FreeList } from '../core/freeList';

/** {@link RateLimitStage.offer}: the request goes on now. */
export const PASS = 0;
/** {@link RateLimitStage.offer}: the request waits in the leaky bucket's queue. */
export const HELD = -1;

const DRAIN = 1;
const DEPART = 2;

export interface RateLimitOwner {
  /** A request the leaky bucket held leaves it now. */
  departed(visit: Visit): void;
}

/** A per-user leaky bucket's waiting request: pooled, on a list so a crash finds it. */
class Held {
  gen = 0;
  visit: Visit = null as unknown as Visit;
  arrivedAt = 0;
  measured = false;
  prev: Held | null = null;
  next: Held | null = null;
}

export class RateLimitStage implements EventHandler {
  readonly limiter: RateLimiter;
  readonly perUser: boolean;
  /** Global leaky bucket: the queue and its drain slot. */
  private readonly station: Station<Visit> | null;
  private readonly interval: number;
  /** Identifies the pending drain event; a crash invalidates it. */
  private drainGen = 0;
  /** Per-user leaky bucket: the requests waiting, their tally and the record pool. */
  private readonly perUserQueue: boolean;
  private heldHead: Held | null = null;
  private heldCount = 0;
  private readonly heldTally: TimeAverage | null;
  private readonly freeHeld = new FreeList<Held>();
  private heldWaitSum = 0;
  /** Measured requests that have left the per-user queue, or passed it without waiting. */
  private heldLeft = 0;

  // Measured requests let through and refused.
  allowed = 0;
  limited = 0;
  // Every request, for frames.
  private windowAllowed = 0;
  private windowLimited = 0;
  /** Per user: the frame in which they were last refused (distinct users refused per frame). */
  private readonly limitedStamp: Int32Array | null;
  private frameNo = 1;
  private windowLimitedUsers = 0;

  constructor(
    private readonly engine: Engine,
    config: RateLimiterConfig,
    users: number,
    private readonly owner: RateLimitOwner,
  ) {
    this.perUser = config.scope === 'per-user';
    this.limiter = createRateLimiter(config, this.perUser ? users : 1);
    const leaky = config.algorithm === 'leaky-bucket';
    this.interval = config.ratePerSec > 0 ? 1000 / config.ratePerSec : Infinity;
    // One more place than the algorithm ever fills: a request may join at the very instant
    // the head leaves, before the drain event has run.
    this.station = leaky && !this.perUser && this.interval !== Infinity ? new Station<Visit>(engine, 1, config.queueSize + 1) : null;
    this.perUserQueue = leaky && this.perUser;
    this.heldTally = this.perUserQueue ? engine.tally(new TimeAverage()) : null;
    this.limitedStamp = this.perUser ? new Int32Array(users) : null;
  }

  /**
   * A request arrives in `scope` (0, or its user): {@link PASS}, {@link HELD}, or the
   * retry-after in ms of a refusal (> 0; Infinity when it never will be admitted).
   */
  offer(visit: Visit, scope: number): number {
    const now = this.engine.now;
    const measured = visit.call.req.measured;
    const r = this.limiter.admit(scope, now);
    if (r > 0) {
      if (measured) this.limited++;
      this.windowLimited++;
      const stamp = this.limitedStamp;
      if (stamp !== null && stamp[scope] !== this.frameNo) {
        stamp[scope] = this.frameNo;
        this.windowLimitedUsers++;
      }
      return r;
    }
    if (measured) this.allowed++;
    this.windowAllowed++;
    const st = this.station;
    if (st !== null) {
      const o = st.offer(now, visit, measured);
      if (o === STARTED) {
        this.armDrain(now);
        return PASS;
      }
      if (o === QUEUED) return HELD;
      // FULL cannot follow an admission (the station has a place to spare); if floating
      // point ever disagreed, the request is refused rather than lost.
      return o === FULL ? this.interval : PASS;
    }
    if (this.perUserQueue) {
      const departAt = this.limiter.departAt;
      if (departAt > now) {
        this.hold(visit, departAt, now, measured);
        return HELD;
      }
      if (measured) this.heldLeft++;
    }
    return PASS;
  }

  private armDrain(now: number): void {
    this.engine.queue.schedule(now + this.interval, this, DRAIN, null, this.drainGen);
  }

  private hold(visit: Visit, departAt: number, now: number, measured: boolean): void {
    const h = this.freeHeld.take() ?? new Held();
    h.visit = visit;
    h.arrivedAt = now;
    h.measured = measured;
    h.prev = null;
    h.next = this.heldHead;
    if (this.heldHead !== null) this.heldHead.prev = h;
    this.heldHead = h;
    this.heldCount++;
    this.heldTally!.add(now, 1);
    this.engine.queue.schedule(departAt, this, DEPART, h, h.gen);
  }

  private unhold(h: Held, now: number): Visit {
    if (h.prev !== null) h.prev.next = h.next;
    else this.heldHead = h.next;
    if (h.next !== null) h.next.prev = h.prev;
    const visit = h.visit;
    h.visit = null as unknown as Visit;
    h.prev = null;
    h.next = null;
    h.gen = (h.gen + 1) | 0;
    this.freeHeld.put(h);
    this.heldCount--;
    this.heldTally!.add(now, -1);
    return visit;
  }

  handleEvent(code: number, obj: unknown, arg: number): void {
    const now = this.engine.now;
    if (code === DRAIN) {
      if (arg !== this.drainGen) return; // a crash emptied the queue meanwhile
      const next = this.station!.release(now);
      if (next === null) return; // the slot is free: the next arrival leaves at once
      this.armDrain(now);
      this.owner.departed(next);
    } else if (code === DEPART) {
      const h = obj as Held;
      if (h.gen !== arg) return;
      if (h.measured) {
        this.heldWaitSum += now - h.arrivedAt;
        this.heldLeft++;
      }
      this.owner.departed(this.unhold(h, now));
    }
  }

  /** A crash: the queue's requests are appended to `out` (the owner fails them) and all history is lost. */
  crash(out: Visit[]): void {
    const now = this.engine.now;
    if (this.station !== null) {
      this.station.crash(now, out);
      this.drainGen = (this.drainGen + 1) | 0;
    }
    while (this.heldHead !== null) out.push(this.unhold(this.heldHead, now));
    this.limiter.reset();
  }

  /** Requests waiting in the queue now. */
  get queueLength(): number {
    return this.station !== null ? this.station.waiting : this.heldCount;
  }

  /** Time-averaged queue length since the warm-up. */
  meanQueueLength(now: number): number {
    const span = now - this.engine.warmupMs;
    const tally = this.station !== null ? this.station.queueTally : this.heldTally;
    if (tally === null) return 0;
    return span > 0 ? tally.areaSinceWarmup(now) / span : tally.value;
  }

  /** Mean time a measured request waited in the queue (0 when nothing queues). */
  get meanWaitMs(): number {
    if (this.station !== null) return this.station.waitCount > 0 ? this.station.waitSum / this.station.waitCount : 0;
    return this.heldLeft > 0 ? this.heldWaitSum / this.heldLeft : 0;
  }

  /** The leaky bucket's drain busy: its output rate as a fraction of `ratePerSec`. */
  utilization(now: number): number {
    const st = this.station;
    if (st === null) return 0;
    const span = now - this.engine.warmupMs;
    return span > 0 ? st.busyTally.areaSinceWarmup(now) / span : st.busy;
  }

  addHoldings(h: Holdings): void {
    if (this.station !== null) {
      h.waiting += this.station.waiting;
      h.busy += this.station.busy; // the drain slot, until I after the last departure
    }
    h.waiting += this.heldCount;
  }

  /** Counts since the previous frame, and the limiter's state now (one scope: global only). */
  frame(): RateLimitFrame {
    const now = this.engine.now;
    const l = this.limiter;
    const f: RateLimitFrame = {
      allowed: this.windowAllowed,
      limited: this.windowLimited,
      limitedUsers: this.perUser ? this.windowLimitedUsers : null,
      unit: l.unit,
      level: this.perUser ? null : l.level(0, now),
      capacity: l.capacity,
      queueLength: this.queueLength,
    };
    this.windowAllowed = 0;
    this.windowLimited = 0;
    this.windowLimitedUsers = 0;
    this.frameNo++;
    return f;
  }
}
