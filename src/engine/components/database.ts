/**
 * database — queries on connection pools (SPEC §3.2). The key picks a shard (by hash or by
 * range); each shard is a primary with its own pool of `connections` and `readReplicas`
 * replicas with pools of their own. Writes go to the primary; reads go round robin to the
 * replicas, or to the primary when there are none. A query waits in FIFO order for a
 * connection, up to `poolTimeoutMs`, then fails; with `pooling: false` it first pays
 * `connectTime` to open one. A read or write then holds its connection for its time.
 *
 * The data: every key has a version, the number of writes applied to it, and each answer
 * carries the version it read or wrote (components/versions.ts). A replica applies each of
 * its shard's writes `replicationLag` after the commit, in commit order; a read served by a
 * replica that has not applied the key's latest write is stale. Applying costs the replica
 * nothing here (its pool serves reads only).
 *
 * Range sharding splits the key space [0, K) into equal ranges, K being the largest key
 * count of any client: a client whose keys cover only the first part of it (a sequential
 * range) lands on the first shards only.
 *
 * Duplicate writes and idempotency keys (SPEC §3.3). A request writes its key once; when a
 * caller timed out and its retry (or a queue's redelivery, or a balancer's retry on another
 * instance) reaches the database after an earlier attempt was applied, the write is applied
 * again: a `duplicateWrite`. The database remembers the id of every request whose write it
 * applied in the run's last 10 minutes (policies/appliedWrites.ts) and looks it up as a write
 * commits, so two attempts in flight at once are caught too: the second to commit is the
 * repeat. A request sent on an edge with `idempotencyKeys` carries its id as a key from that
 * edge on, whatever passes it along: a server in front of the database passes the key on as a
 * header, and the database, which is what applies writes, keeps the key table, as a real one
 * does beside its rows. So keys on the client's edge protect the writes behind every hop; a
 * keyed write found in the table is not applied again (the query still runs and holds its
 * connection: it is the key's unique check that fails) and its answer replays the first one's
 * version (`writesDeduplicated`). A caller that sends one request's write several times
 * (`callsPerRequest`) repeats the same write: the repeats are duplicates too. The table is on
 * disk: a crash keeps it, as it keeps the data.
 */
import { APPLIED_WRITES_WINDOW_MS, MAX_APPLIED_WRITES, type DatabaseConfig } from '../../model';
import type { Holdings, InstanceReport, NodeFrame, NodeReportBase } from '../api';
import { compileDuration, type Sampler } from '../core/distributions';
import { mix32, type Rng } from '../core/rng';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { AppliedWrites } from '../policies/appliedWrites';
import { ERROR, OK, WRITE, type Call, type Request } from '../runtime/request';
import { FULL, STARTED } from '../runtime/station';
import { POOL_WAIT, QUERY } from '../runtime/spanPool';
import { ConnectionPool, Query, QueryPool, Shard, type DatabaseShardReport } from './databaseParts';
import type { KeyVersions } from './versions';

export type { DatabaseReplicaReport, DatabaseShardReport } from './databaseParts';

const SERVICE_DONE = 1;
const POOL_TIMEOUT = 2;

export interface DatabaseReport extends NodeReportBase {
  kind: 'database';
  /** Mean wait for a connection, over the queries that got one. */
  poolWaitMs: number;
  /** Queries that gave up waiting for a connection (answered with an error). */
  poolTimeouts: number;
  /** Reads served by a replica that had not yet applied the key's latest write. */
  staleReads: number;
  /**
   * Writes applied again for a request whose write was applied already (a retried write
   * without an idempotency key, SPEC §3.3).
   */
  duplicateWrites: number;
  /** Retried writes whose idempotency key was found: not applied again. */
  writesDeduplicated: number;
  /** Writes applied, duplicates included. */
  writesApplied: number;
  /** Request ids in the memory of applied writes at the end: those of the last 10 minutes. */
  rememberedWriteIds: number;
  shards: DatabaseShardReport[];
}

export class DatabaseRuntime extends NodeRuntime<DatabaseReport> implements KeyVersions {
  private readonly shards: Shard[] = [];
  private readonly pools: ConnectionPool[] = [];
  private readonly readTime: Sampler;
  private readonly writeTime: Sampler;
  private readonly connectTime: Sampler | null;
  private readonly lag: Sampler;
  private readonly poolTimeoutMs: number;
  private readonly connections: number;
  private readonly hashSharding: boolean;
  private readonly keySpace: number;
  private readonly serviceRng: Rng;
  private readonly lagRng: Rng;
  /** key → writes applied. */
  private readonly versions: Int32Array;
  /** key → the log index of its latest write in its shard's replication log (-1: none). */
  private readonly lastLogged: Float64Array | null;
  private readonly queries = new QueryPool();
  /** The requests whose writes were applied: the idempotency key table (see above). */
  private readonly applied = new AppliedWrites(APPLIED_WRITES_WINDOW_MS, MAX_APPLIED_WRITES);
  /** Queries holding a connection. */
  private active: Query | null = null;
  private up = true;
  private slowFactor = 1;

  private poolTimeouts = 0;
  private staleReads = 0;
  private writesApplied = 0;
  private duplicateWrites = 0;
  private writesDeduplicated = 0;
  private windowWaitSum = 0;
  private windowWaitCount = 0;

  constructor(engine: Engine, index: number, id: string, config: DatabaseConfig, maxKeys: number) {
    super(engine, index, id, 'database');
    this.readTime = compileDuration(config.readTime);
    this.writeTime = compileDuration(config.writeTime);
    this.connectTime = config.pooling ? null : compileDuration(config.connectTime);
    this.lag = compileDuration(config.replicationLag);
    this.poolTimeoutMs = config.poolTimeoutMs;
    this.connections = config.connections;
    this.hashSharding = config.sharding === 'hash';
    this.keySpace = maxKeys;
    this.serviceRng = engine.rng(id, 'service');
    this.lagRng = engine.rng(id, 'replication');
    this.versions = new Int32Array(maxKeys);
    this.lastLogged = config.readReplicas > 0 ? new Float64Array(maxKeys).fill(-1) : null;
    // A pool timeout of 0 waits for nothing: a query that finds every connection busy fails.
    const queueCapacity = config.poolTimeoutMs > 0 ? Infinity : 0;
    for (let s = 0; s < config.shards; s++) {
      const shard = new Shard(engine, config.connections, queueCapacity, config.readReplicas);
      this.shards.push(shard);
      this.pools.push(shard.primary, ...shard.replicas);
    }
  }

  latestVersion(key: number): number {
    return key >= 0 && key < this.versions.length ? this.versions[key] : 0;
  }

  override get workersPerInstance(): number {
    return this.connections * this.shards.length;
  }

  override instanceUp(): boolean {
    return this.up;
  }

  private shardOf(key: number): Shard {
    const n = this.shards.length;
    if (n === 1) return this.shards[0];
    if (this.hashSharding) return this.shards[mix32(key) % n];
    const s = Math.floor((key * n) / this.keySpace);
    return this.shards[s < 0 ? 0 : s >= n ? n - 1 : s];
  }

  override receive(call: Call): void {
    const now = this.engine.now;
    const measured = call.req.measured;
    this.windowArrivals++;
    if (measured) this.arrivals++;
    if (!this.up) {
      if (measured) this.errors++;
      call.edge.answer(call, ERROR);
      return;
    }
    const write = call.req.op === WRITE;
    const shard = this.shardOf(call.req.key);
    const pool = write ? shard.primary : shard.readPool();
    const q = this.queries.acquire(call, pool, now, write);
    const r = pool.station.offer(now, q, measured);
    if (r === STARTED) this.begin(q);
    else if (r === FULL) this.timeOut(q);
    else if (!pool.timerArmed) this.armTimer(pool);
  }

  /** The query has a connection: (open it, then) run it. */
  private begin(q: Query): void {
    const now = this.engine.now;
    q.prev = null;
    q.next = this.active;
    if (this.active !== null) this.active.prev = q;
    this.active = q;
    this.windowWaitSum += now - q.arrivedAt;
    this.windowWaitCount++;
    let t = (q.write ? this.writeTime : this.readTime).sample(this.serviceRng);
    if (this.connectTime !== null) t += this.connectTime.sample(this.serviceRng);
    if (this.engine.tracer !== null) this.engine.tracer.station(q.call, this.index, -1, q.arrivedAt, now, now + t * this.slowFactor, POOL_WAIT, QUERY);
    this.engine.queue.schedule(now + t * this.slowFactor, this, SERVICE_DONE, q, q.gen);
  }

  private armTimer(pool: ConnectionPool): void {
    pool.timerArmed = true;
    this.engine.queue.schedule(pool.station.headArrival() + this.poolTimeoutMs, this, POOL_TIMEOUT, pool, 0);
  }

  override handleEvent(code: number, obj: unknown, arg: number): void {
    if (code === SERVICE_DONE) {
      const q = obj as Query;
      if (q.gen === arg) this.complete(q);
    } else if (code === POOL_TIMEOUT) {
      this.expireWaiting(obj as ConnectionPool);
    }
  }

  /** Waiting queries time out in arrival order: the timeout is the same for all. */
  private expireWaiting(pool: ConnectionPool): void {
    pool.timerArmed = false;
    const st = pool.station;
    const now = this.engine.now;
    while (st.waiting > 0 && st.headArrival() + this.poolTimeoutMs <= now) this.timeOut(st.dropHead(now));
    if (st.waiting > 0) this.armTimer(pool);
  }

  private timeOut(q: Query): void {
    const call = q.call;
    if (this.engine.tracer !== null) this.engine.tracer.station(call, this.index, -1, q.arrivedAt, this.engine.now, NaN, POOL_WAIT, QUERY);
    if (call.req.measured) {
      this.errors++;
      this.poolTimeouts++;
      this.countResponse(this.engine.now - q.arrivedAt);
    }
    this.queries.release(q);
    call.edge.answer(call, ERROR);
  }

  private complete(q: Query): void {
    const now = this.engine.now;
    const call = q.call;
    const pool = q.pool;
    const key = call.req.key;
    const measured = call.req.measured;
    this.unlink(q);
    if (q.write) {
      call.version = this.write(call.req, pool.shard);
      if (measured) pool.writes++;
    } else {
      call.version = this.read(key, pool, measured);
      if (measured) pool.reads++;
    }
    if (measured) {
      this.completed++;
      this.countResponse(now - q.arrivedAt);
    }
    this.queries.release(q);
    const next = pool.station.release(now);
    if (next !== null) this.begin(next);
    call.edge.answer(call, OK);
  }

  /**
   * A write commits: applied, unless its request's write was applied already and it carries
   * an idempotency key; then the first one's version is the answer. Returns the version.
   */
  private write(req: Request, shard: Shard): number {
    const now = this.engine.now;
    const measured = req.measured;
    const earlier = this.applied.versionOf(req.id, now);
    if (earlier < 0) {
      const v = this.applyWrite(req.key, shard, measured);
      this.applied.remember(req.id, now, v);
      return v;
    }
    if (req.idempotencyKey) {
      if (measured) this.writesDeduplicated++;
      return earlier;
    }
    if (measured) this.duplicateWrites++;
    return this.applyWrite(req.key, shard, measured);
  }

  /** A write is applied: the key's version moves on and the shard's replicas will follow. */
  private applyWrite(key: number, shard: Shard, measured: boolean): number {
    const v = ++this.versions[key];
    if (measured) this.writesApplied++;
    if (this.lastLogged !== null) this.lastLogged[key] = shard.logWrite(this.engine.now, this.lag, this.lagRng);
    return v;
  }

  /** The version a read sees: the latest, unless a replica has not applied it yet. */
  private read(key: number, pool: ConnectionPool, measured: boolean): number {
    const v = this.versions[key];
    if (pool.replica < 0 || this.lastLogged === null) return v;
    pool.catchUp(pool.shard.log!, this.engine.now, this.lag, this.lagRng);
    if (this.lastLogged[key] < pool.applied) return v;
    if (measured) {
      this.staleReads++;
      pool.staleReads++;
    }
    // An older version (which one does not matter: anything below the latest is stale).
    return v - 1;
  }

  private unlink(q: Query): void {
    if (q.prev !== null) q.prev.next = q.next;
    else if (this.active === q) this.active = q.next;
    if (q.next !== null) q.next.prev = q.prev;
    q.prev = null;
    q.next = null;
  }

  /** A crash fails every query, running or waiting. The data is on disk: versions stay. */
  override crash(): void {
    if (!this.up) return;
    this.up = false;
    const now = this.engine.now;
    const failed: Query[] = [];
    for (let q = this.active; q !== null; q = q.next) failed.push(q);
    this.active = null;
    for (const pool of this.pools) pool.station.crash(now, failed);
    for (const q of failed) {
      const call = q.call;
      if (call.req.measured) this.errors++;
      this.queries.release(q);
      call.edge.answer(call, ERROR);
    }
  }

  override recover(): void {
    this.up = true;
    this.slowFactor = 1;
  }

  override slow(factor: number): void {
    this.slowFactor = factor;
  }

  override addHoldings(h: Holdings): void {
    h.records += this.queries.live;
    for (const pool of this.pools) {
      h.busy += pool.station.busy;
      h.waiting += pool.station.waiting;
    }
  }

  override report(): DatabaseReport {
    const now = this.engine.now;
    const span = now - this.engine.warmupMs;
    const capacity = span > 0 ? span * this.connections : 0;
    const utilization = (pool: ConnectionPool) => (capacity > 0 ? pool.station.busyTally.areaSinceWarmup(now) / capacity : 0);
    const meanWait = (sum: number, count: number) => (count > 0 ? sum / count : 0);
    let busy = 0;
    let queued = 0;
    let waitSum = 0;
    let waitCount = 0;
    for (const pool of this.pools) {
      busy += pool.station.busyTally.areaSinceWarmup(now);
      queued += pool.station.queueTally.areaSinceWarmup(now);
      waitSum += pool.station.waitSum;
      waitCount += pool.station.waitCount;
    }
    const shards = this.shards.map((s) => s.report(utilization));
    const total = capacity * this.pools.length;
    const instance: InstanceReport = { served: this.completed, utilization: total > 0 ? busy / total : 0 };
    const poolWaitMs = meanWait(waitSum, waitCount);
    return {
      ...this.baseReport('database'),
      utilization: instance.utilization,
      meanQueueLength: span > 0 ? queued / span : 0,
      meanWaitMs: poolWaitMs,
      instances: [instance],
      poolWaitMs,
      poolTimeouts: this.poolTimeouts,
      staleReads: this.staleReads,
      duplicateWrites: this.duplicateWrites,
      writesDeduplicated: this.writesDeduplicated,
      writesApplied: this.writesApplied,
      rememberedWriteIds: this.applied.size,
      shards,
    };
  }

  override frame(windowMs: number): NodeFrame {
    const now = this.engine.now;
    let busyMean = 0;
    let inUse = 0;
    let waiting = 0;
    for (const pool of this.pools) {
      busyMean += pool.station.busyTally.takeWindowMean(now, windowMs);
      inUse += pool.station.busy;
      waiting += pool.station.waiting;
    }
    const size = this.pools.length * this.connections;
    const wait = this.windowWaitCount > 0 ? this.windowWaitSum / this.windowWaitCount : 0;
    this.windowWaitSum = 0;
    this.windowWaitCount = 0;
    return {
      utilization: size > 0 ? busyMean / size : 0,
      queueLength: waiting,
      arrivals: this.takeWindowArrivals(),
      instancesUp: this.up ? 1 : 0,
      instancesTotal: 1,
      connectionsInUse: inUse,
      poolSize: size,
      poolWaitMs: wait,
    };
  }
}
