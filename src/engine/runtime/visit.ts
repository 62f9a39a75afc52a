/**
 * A pass-through component's record of one call it forwards downstream (a balancer, and
 * the gateway, rate limiter and caches that stand in front of others): the call it owes an
 * answer to and when that call arrived. The downstream call's context, so the answer finds
 * its way back; pooled, with every field set by `init`.
 */
import type { Call, CallContext } from './request';
import { FreeList } from '../core/freeList';

export class Visit implements CallContext {
  gen = 0;
  /** The upstream call this component must answer. */
  call: Call = null as unknown as Call;
  arrivedAt = 0;

  init(call: Call, now: number): void {
    this.call = call;
    this.arrivedAt = now;
  }
}

export class VisitPool {
  private readonly free = new FreeList<Visit>();
  /** Visits out of the pool: 0 once everything has drained. */
  live = 0;

  acquire(call: Call, now: number): Visit {
    const v = this.free.take() ?? new Visit();
    v.init(call, now);
    this.live++;
    return v;
  }

  release(v: Visit): void {
    if (v.call === null) throw new Error('a visit was released twice');
    v.gen = (v.gen + 1) | 0;
    v.call = null as unknown as Call;
    this.live--;
    this.free.put(v);
  }
}
