/**
 * The parts of a database: queries (pooled records of calls being worked on), connection
 * pools (a station each: a shard's primary, or one of its read replicas) and the shard's
 * replication log, from which each replica applies the primary's writes after a lag; and the
 * report of a shard.
 */
import type { Sampler } from '../core/distributions';
import type { Rng } from '../core/rng';
import type { Engine } from '../runtime/engine';
import type { Call, CallContext } from '../runtime/request';
import { Station } from '../runtime/station';
import { FreeList } from '../core/freeList';

export interface DatabaseReplicaReport {
  utilization: number;
  poolWaitMs: number;
  reads: number;
  staleReads: number;
}

export interface DatabaseShardReport {
  /** The primary's: busy connections ÷ connections. */
  utilization: number;
  /** Mean wait for a connection of the shard's queries (primary and replicas). */
  poolWaitMs: number;
  reads: number;
  writes: number;
  replicas: DatabaseReplicaReport[];
}

/** A database's record of one call: which pool it waits in or is served by. */
export class Query implements CallContext {
  gen = 0;
  call: Call = null as unknown as Call;
  pool: ConnectionPool = null as unknown as ConnectionPool;
  arrivedAt = 0;
  write = false;
  /** In service: the database's list of queries holding a connection, so a crash fails them. */
  prev: Query | null = null;
  next: Query | null = null;

  init(call: Call, pool: ConnectionPool, now: number, write: boolean): void {
    this.call = call;
    this.pool = pool;
    this.arrivedAt = now;
    this.write = write;
    this.prev = null;
    this.next = null;
  }
}

export class QueryPool {
  private readonly free = new FreeList<Query>();
  /** Queries out of the pool: 0 once everything has drained. */
  live = 0;

  acquire(call: Call, pool: ConnectionPool, now: number, write: boolean): Query {
    const q = this.free.take() ?? new Query();
    q.init(call, pool, now, write);
    this.live++;
    return q;
  }

  release(q: Query): void {
    if (q.call === null) throw new Error('a query was released twice');
    q.gen = (q.gen + 1) | 0;
    q.call = null as unknown as Call;
    this.live--;
    this.free.put(q);
  }
}

/**
 * One connection pool: a station with `connections` servers and an unbounded FIFO of
 * queries waiting for one (each gives up after the pool timeout). A replica's pool also
 * keeps how far the replica has applied its shard's log.
 */
export class ConnectionPool {
  readonly station: Station<Query>;
  /** A pool-timeout event is pending (one at a time: waiting queries time out in order). */
  timerArmed = false;
  // Counts of measured queries.
  reads = 0;
  writes = 0;
  staleReads = 0;

  // Replicas only: log entries before `applied` are applied; the next one is applied at
  // `nextApplyAt` once `nextKnown` (its lag is drawn when it becomes the next).
  applied = 0;
  lastApplyAt = -Infinity;
  nextApplyAt = 0;
  nextKnown = false;

  constructor(
    engine: Engine,
    connections: number,
    queueCapacity: number,
    readonly shard: Shard,
    /** -1 for the primary, else the replica's number in its shard. */
    readonly replica: number,
  ) {
    this.station = new Station<Query>(engine, connections, queueCapacity);
  }

  /** Applies every log entry whose time has come by `now`. */
  catchUp(log: ReplicationLog, now: number, lag: Sampler, rng: Rng): void {
    while (this.applied < log.count) {
      if (!this.nextKnown) {
        // In order, as a replica's single apply stream does: never before the previous one.
        const t = log.commitTime(this.applied) + lag.sample(rng);
        this.nextApplyAt = t > this.lastApplyAt ? t : this.lastApplyAt;
        this.nextKnown = true;
      }
      if (this.nextApplyAt > now) return;
      this.lastApplyAt = this.nextApplyAt;
      this.nextKnown = false;
      this.applied++;
    }
  }
}

/**
 * A shard's writes in commit order, as the replicas consume them: the commit time of each,
 * by absolute index. Entries every replica has applied are dropped, so the log holds about
 * write rate × lag entries.
 */
export class ReplicationLog {
  private times = new Float64Array(16);
  /** Absolute index of the oldest entry kept. */
  start = 0;
  /** Absolute index of the next entry: writes logged so far. */
  count = 0;

  push(commitTime: number): number {
    if (this.count - this.start === this.times.length) this.grow();
    const i = this.count;
    this.times[i & (this.times.length - 1)] = commitTime;
    this.count++;
    return i;
  }

  commitTime(index: number): number {
    return this.times[index & (this.times.length - 1)];
  }

  /** Drops the entries before `index`. */
  trim(index: number): void {
    if (index > this.start) this.start = index;
  }

  private grow(): void {
    const old = this.times;
    const times = new Float64Array(old.length * 2);
    for (let i = this.start; i < this.count; i++) times[i & (times.length - 1)] = old[i & (old.length - 1)];
    this.times = times;
  }
}

const meanOf = (sum: number, count: number) => (count > 0 ? sum / count : 0);

export class Shard {
  readonly primary: ConnectionPool;
  readonly replicas: ConnectionPool[] = [];
  /** Round robin over the replicas for reads. */
  nextReplica = 0;
  readonly log: ReplicationLog | null;

  constructor(engine: Engine, connections: number, queueCapacity: number, replicas: number) {
    this.primary = new ConnectionPool(engine, connections, queueCapacity, this, -1);
    for (let r = 0; r < replicas; r++) this.replicas.push(new ConnectionPool(engine, connections, queueCapacity, this, r));
    this.log = replicas > 0 ? new ReplicationLog() : null;
  }

  /** The pool a read goes to: the replicas in turn, or the primary when there are none. */
  readPool(): ConnectionPool {
    const n = this.replicas.length;
    if (n === 0) return this.primary;
    const r = this.nextReplica;
    this.nextReplica = r + 1 === n ? 0 : r + 1;
    return this.replicas[r];
  }

  /** The shard's report; `utilization` gives a pool's busy connections ÷ connections. */
  report(utilization: (pool: ConnectionPool) => number): DatabaseShardReport {
    let sum = this.primary.station.waitSum;
    let count = this.primary.station.waitCount;
    let reads = this.primary.reads;
    for (const r of this.replicas) {
      sum += r.station.waitSum;
      count += r.station.waitCount;
      reads += r.reads;
    }
    return {
      utilization: utilization(this.primary),
      poolWaitMs: meanOf(sum, count),
      reads,
      writes: this.primary.writes,
      replicas: this.replicas.map((r) => ({
        utilization: utilization(r),
        poolWaitMs: meanOf(r.station.waitSum, r.station.waitCount),
        reads: r.reads,
        staleReads: r.staleReads,
      })),
    };
  }

  /** Logs a committed write; every replica catches up and the log drops what all have applied. */
  logWrite(now: number, lag: Sampler, rng: Rng): number {
    const log = this.log!;
    const index = log.push(now);
    let oldest = log.count;
    for (const r of this.replicas) {
      r.catchUp(log, now, lag, rng);
      if (r.applied < oldest) oldest = r.applied;
    }
    log.trim(oldest);
    return index;
  }
}
