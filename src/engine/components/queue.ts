/**
 * queue — a message broker between producers and consumers (SPEC §3.2). A producer's call
 * is answered ok as soon as its message is accepted (the 202 of a broker); the message
 * then waits for a consumer. When `capacity` messages wait, a new one is rejected (503) or,
 * with `whenFull: block`, its producer's call waits in FIFO order until there is room.
 *
 * Consumers are the downstream nodes; each instance of one is a consumer with one pull
 * slot per worker (`workersPerInstance`: a server's concurrency). A free slot pulls up to
 * `batchSize` waiting messages at once and delivers each to its instance as a call; the
 * slot pulls again once every message of the batch is answered. So with batchSize 1 an
 * instance never holds more messages than it has workers, and a server's own queue stays
 * empty: the backlog is in the broker, where it shows as depth and lag. (A balancer in
 * front of consumers is one consumer with one slot: wire the consumers directly.)
 *
 * An ok answer acknowledges the message; a failed one (error, timeout, rejection) sends it
 * back to the end of the queue, until `maxAttempts` deliveries, when it is dead-lettered.
 * Room counts waiting messages, as RabbitMQ's max-length does: a redelivered message
 * always gets back in.
 *
 * The waiting messages and the pull slots are one station: its servers are the slots in
 * rotation, its queue is the backlog (depth, time in queue), so a batch is one service and
 * `takeAnother` adds messages to it.
 *
 * A crash: the queue neither accepts nor delivers while down (its slots go to zero);
 * blocked producers fail; deliveries in progress are voided (their answers are ignored)
 * and, like the waiting messages, kept if `durable` (redelivered after the recovery) or
 * lost (`lostMessages`) if not.
 */
import type { QueueConfig } from '../../model';
import type { Holdings, LatencySummary, NodeFrame, NodeReportBase } from '../api';
import { LatencyHistogram } from '../metrics/histogram';
import { TimeAverage } from '../metrics/timeAverage';
import type { EdgeRuntime } from '../runtime/edge';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, OK, REJECTED, type Call } from '../runtime/request';
import { STARTED, Station } from '../runtime/station';
import { BatchPool, ConsumerTargets, Message, MessagePool, type Batch } from './queueParts';

export interface QueueReport extends NodeReportBase {
  kind: 'queue';
  /** Messages accepted. */
  enqueued: number;
  /** Messages acknowledged by a consumer. */
  dequeued: number;
  deadLettered: number;
  /** Messages lost in a crash of a queue that is not durable. */
  lostMessages: number;
  /** Deliveries after the first. */
  redelivered: number;
  /** Most messages waiting at once. */
  maxDepth: number;
  /** Time-averaged messages waiting. */
  meanDepth: number;
  /** The longest a message waited for a consumer (consumer lag), including one waiting now. */
  oldestAgeMs: number;
  /** Messages waiting at the end. */
  depth: number;
  /** Producers' calls that waited for room (whenFull: block), and their mean wait. */
  blocked: number;
  meanBlockedMs: number;
  /** From enqueue to the consumer's ok, of acknowledged messages. */
  processingLatencyMs: LatencySummary;
}

export class QueueRuntime extends NodeRuntime<QueueReport> {
  private readonly capacity: number;
  private readonly block: boolean;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly durable: boolean;
  /** Waiting messages (its queue) and pull slots (its servers). */
  private readonly backlog: Station<Message>;
  /** Producers' calls waiting for room (no servers: a FIFO with tallies). */
  private readonly blockedCalls: Station<Call>;
  /** Slots in service over time (in rotation, or retired and still pulling), for utilisation. */
  private readonly slotTally: TimeAverage;
  private targets: ConsumerTargets = null as unknown as ConsumerTargets;
  private slotsInRotation = 0;
  private readonly messages = new MessagePool();
  private readonly batches = new BatchPool();
  /** Delivered messages not yet answered. */
  private delivered: Message | null = null;
  private up = true;
  private admitting = false;

  private enqueued = 0;
  private dequeued = 0;
  private deadLettered = 0;
  private lostMessages = 0;
  private redelivered = 0;
  private maxDepth = 0;
  private maxAgeMs = 0;
  private blocked = 0;
  private blockedSum = 0;
  private readonly processing = new LatencyHistogram();

  constructor(engine: Engine, index: number, id: string, config: QueueConfig) {
    super(engine, index, id, 'queue');
    this.capacity = config.capacity;
    this.block = config.whenFull === 'block';
    this.batchSize = config.batchSize;
    this.maxAttempts = config.maxAttempts;
    this.durable = config.durable;
    this.backlog = new Station<Message>(engine, 0, Infinity);
    this.blockedCalls = new Station<Call>(engine, 0, Infinity);
    this.slotTally = engine.tally(new TimeAverage());
  }

  override start(): void {
    this.targets = new ConsumerTargets(this.outEdges);
    this.setSlots(this.targets.refresh(this.outEdges));
  }

  override downstreamChanged(edge: EdgeRuntime): void {
    this.setSlots(this.targets.refresh([edge]));
  }

  override instanceUp(): boolean {
    return this.up;
  }

  /** The slots in rotation changed: more slots pull waiting messages at once. */
  private setSlots(slots: number): void {
    this.slotsInRotation = slots;
    if (!this.up) return;
    this.backlog.servers = slots;
    this.countSlots();
    this.pullWaiting();
  }

  /** Slots in service: those in rotation, and retired ones until their batch ends. */
  private countSlots(): void {
    const n = this.slotsInRotation + this.targets.busyRetired();
    if (n !== this.slotTally.value) this.slotTally.set(this.engine.now, n);
  }

  private pullWaiting(): void {
    const now = this.engine.now;
    for (let m = this.backlog.startWaiting(now); m !== null; m = this.backlog.startWaiting(now)) {
      this.noteAge(m, now);
      this.deliverBatch(this.targets.pick(), m);
    }
    this.admitBlocked();
  }

  override receive(call: Call): void {
    const measured = call.req.measured;
    this.windowArrivals++;
    if (measured) this.arrivals++;
    if (!this.up) {
      if (measured) this.errors++;
      call.edge.answer(call, ERROR);
      return;
    }
    const full = this.backlog.waiting >= this.capacity;
    if (this.block && (full || this.blockedCalls.waiting > 0)) {
      this.blockedCalls.offer(this.engine.now, call, measured);
      return;
    }
    if (full) {
      if (measured) {
        this.rejected++;
        this.countResponse(0);
      }
      call.edge.answer(call, REJECTED);
      return;
    }
    this.accept(call, this.engine.now);
  }

  /** The message is in: the producer's call is done. */
  private accept(call: Call, arrivedAt: number): void {
    const now = this.engine.now;
    const m = this.messages.acquire(call.req, now);
    if (call.req.measured) {
      this.enqueued++;
      this.completed++;
      this.countResponse(now - arrivedAt);
    }
    this.enqueue(m);
    call.edge.answer(call, OK);
  }

  /** A message joins the backlog, or goes straight to a free slot. */
  private enqueue(m: Message): void {
    const now = this.engine.now;
    if (this.backlog.offer(now, m, m.req.measured) === STARTED) {
      this.deliverBatch(this.targets.pick(), m);
    } else if (this.backlog.waiting > this.maxDepth && now >= this.engine.warmupMs) {
      this.maxDepth = this.backlog.waiting;
    }
  }

  /** A slot of target `t` pulls `first` and up to batchSize − 1 more waiting messages. */
  private deliverBatch(t: number, first: Message): void {
    if (t < 0) throw new Error(`queue ${this.id}: a slot was granted but no consumer has one free`);
    const now = this.engine.now;
    this.targets.free[t]--;
    const batch = this.batches.acquire(t);
    this.deliver(first, batch);
    for (let k = 1; k < this.batchSize; k++) {
      const m = this.backlog.takeAnother(now);
      if (m === null) break;
      this.noteAge(m, now);
      this.deliver(m, batch);
    }
    this.admitBlocked(); // messages left the backlog: room for blocked producers
  }

  private deliver(m: Message, batch: Batch): void {
    m.attempts++;
    if (m.attempts > 1 && m.req.measured) this.redelivered++;
    m.batch = batch;
    batch.outstanding++;
    m.prev = null;
    m.next = this.delivered;
    if (this.delivered !== null) this.delivered.prev = m;
    this.delivered = m;
    const t = batch.target;
    this.targets.deliver(t, this.engine.calls.acquire(m.req, this.targets.edgeOf[t], m));
  }

  /** How long the message now leaving the backlog waited in it (the lag it saw). */
  private noteAge(m: Message, now: number): void {
    if (!m.req.measured) return;
    const age = now - m.enqueuedAt;
    if (age > this.maxAgeMs) this.maxAgeMs = age;
  }

  /** Producers waiting for room get in while there is room, first come first served. */
  private admitBlocked(): void {
    if (this.admitting) return; // accepting may deliver, and delivering calls here again
    this.admitting = true;
    const q = this.blockedCalls;
    const now = this.engine.now;
    while (q.waiting > 0 && this.backlog.waiting < this.capacity && this.up) {
      const arrivedAt = q.headArrival();
      const call = q.dropHead(now);
      if (call.req.measured) {
        this.blocked++;
        this.blockedSum += now - arrivedAt;
      }
      this.accept(call, arrivedAt);
    }
    this.admitting = false;
  }

  override onResponse(child: Call): void {
    const m = child.ctx as Message;
    const current = child.current;
    const ok = child.outcome === OK;
    this.engine.calls.release(child);
    if (!current) return; // voided by a crash of the queue
    const batch = m.batch!;
    this.unlink(m);
    m.batch = null;
    const measured = m.req.measured;
    if (ok) {
      if (measured) {
        this.dequeued++;
        this.processing.record(this.engine.now - m.enqueuedAt);
      }
      this.engine.requests.release(this.messages.release(m));
    } else if (m.attempts >= this.maxAttempts) {
      if (measured) this.deadLettered++;
      this.engine.requests.release(this.messages.release(m));
    } else {
      this.enqueue(m);
    }
    if (--batch.outstanding === 0) this.batchDone(batch);
  }

  /** Every message of the batch is answered: its slot pulls again. */
  private batchDone(batch: Batch): void {
    const t = batch.target;
    this.batches.release(batch);
    this.targets.free[t]++;
    if (!this.targets.inRotation[t]) this.countSlots();
    const next = this.backlog.release(this.engine.now);
    if (next === null) return;
    this.noteAge(next, this.engine.now);
    // The freed worker pulls, unless its instance left the rotation: then another one does.
    const tg = this.targets;
    this.deliverBatch(tg.inRotation[t] && tg.free[t] > 0 ? t : tg.pick(), next);
  }

  private unlink(m: Message): void {
    if (m.prev !== null) m.prev.next = m.next;
    else if (this.delivered === m) this.delivered = m.next;
    if (m.next !== null) m.next.prev = m.prev;
    m.prev = null;
    m.next = null;
  }

  override crash(): void {
    if (!this.up) return;
    this.up = false;
    const now = this.engine.now;
    // Blocked producers lose their connection.
    while (this.blockedCalls.waiting > 0) {
      const call = this.blockedCalls.dropHead(now);
      if (call.req.measured) this.errors++;
      call.edge.answer(call, ERROR);
    }
    // Deliveries in progress are voided; their pulls end.
    const voided: Message[] = [];
    const ended = new Set<Batch>();
    for (let m = this.delivered; m !== null; m = m.next) voided.push(m);
    this.delivered = null;
    for (const m of voided) {
      ended.add(m.batch!);
      m.voidDelivery();
    }
    this.backlog.servers = 0;
    this.slotTally.set(now, 0);
    for (const b of ended) {
      this.backlog.release(now); // no slot left: nothing is pulled
      this.batches.release(b);
    }
    this.targets.freeAll();
    if (this.durable) {
      for (const m of voided) this.backlog.offer(now, m, m.req.measured);
      return;
    }
    const lost: Message[] = voided;
    this.backlog.crash(now, lost);
    for (const m of lost) {
      if (m.req.measured) this.lostMessages++;
      this.engine.requests.release(this.messages.release(m));
    }
  }

  override recover(): void {
    if (this.up) return;
    this.up = true;
    this.setSlots(this.slotsInRotation);
  }

  override addHoldings(h: Holdings): void {
    h.records += this.messages.live + this.batches.live;
    h.busy += this.backlog.busy;
    h.waiting += this.backlog.waiting + this.blockedCalls.waiting;
  }

  override report(): QueueReport {
    const now = this.engine.now;
    const span = now - this.engine.warmupMs;
    const b = this.backlog;
    const slots = this.slotTally.areaSinceWarmup(now);
    const depthArea = b.queueTally.areaSinceWarmup(now);
    const meanDepth = span > 0 ? depthArea / span : b.waiting;
    const ageNow = b.waiting > 0 ? now - b.headArrival() : 0;
    return {
      ...this.baseReport('queue'),
      utilization: slots > 0 ? b.busyTally.areaSinceWarmup(now) / slots : 0,
      meanQueueLength: meanDepth,
      meanWaitMs: b.waitCount > 0 ? b.waitSum / b.waitCount : 0,
      instances: [{ served: this.dequeued, utilization: slots > 0 ? b.busyTally.areaSinceWarmup(now) / slots : 0 }],
      enqueued: this.enqueued,
      dequeued: this.dequeued,
      deadLettered: this.deadLettered,
      lostMessages: this.lostMessages,
      redelivered: this.redelivered,
      maxDepth: Math.max(this.maxDepth, b.waiting),
      meanDepth,
      oldestAgeMs: Math.max(this.maxAgeMs, ageNow),
      depth: b.waiting,
      blocked: this.blocked,
      meanBlockedMs: this.blocked > 0 ? this.blockedSum / this.blocked : 0,
      processingLatencyMs: this.processing.summary(),
    };
  }

  override frame(windowMs: number): NodeFrame {
    const now = this.engine.now;
    const b = this.backlog;
    const slots = this.slotTally.takeWindowMean(now, windowMs);
    const busy = b.busyTally.takeWindowMean(now, windowMs);
    return {
      utilization: slots > 0 ? busy / slots : 0,
      queueLength: b.waiting + this.blockedCalls.waiting,
      arrivals: this.takeWindowArrivals(),
      instancesUp: this.up ? 1 : 0,
      instancesTotal: 1,
      depth: b.waiting,
      lagMs: b.waiting > 0 ? now - b.headArrival() : 0,
    };
  }
}
