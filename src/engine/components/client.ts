/**
 * client — a traffic source (SPEC §3.2). Poisson or constant arrivals at a rate that can
 * step over time; each request gets a user, a key, an op and a path from its own stream.
 */
import type { ClientConfig } from '../../model';
import type { NodeFrame, NodeLiveChange, NodeReportBase } from '../api';
import { keySampler, WeightedIndex, type IndexSampler } from '../core/keyDistribution';
import type { Rng } from '../core/rng';
import type { Engine } from '../runtime/engine';
import { NodeRuntime } from '../runtime/node';
import { ERROR, OK, READ, REJECTED, WRITE, type Call } from '../runtime/request';
import { standardExponential } from '../core/ziggurat';

const ARRIVAL = 1;

export interface ClientReport extends NodeReportBase {
  kind: 'client';
  /** Requests created (measured ones), the same as `arrivals`. */
  generated: number;
}

export class ClientRuntime extends NodeRuntime<ClientReport> {
  private rps: number;
  private readonly poisson: boolean;
  private readonly users: number;
  private readonly writeFraction: number;
  private readonly keys: IndexSampler;
  private readonly pathIndexes: Int32Array;
  private readonly pathChoice: IndexSampler | null;
  private readonly arrivalRng: Rng;
  private readonly userRng: Rng;
  private readonly keyRng: Rng;
  private readonly opRng: Rng;
  private readonly pathRng: Rng;
  /** Identifies the one pending arrival event; a rate change invalidates the old one. */
  private arrivalToken = 0;
  /**
   * Constant arrivals: the k-th after (re)starting at `origin` is at origin + k·1000/rps,
   * computed afresh each time, so 10 s at 300 rps is exactly 3,000 arrivals (repeated
   * addition of a rounded gap drifts and loses one).
   */
  private origin = 0;
  private k = 0;
  private up = true;

  constructor(
    engine: Engine,
    index: number,
    id: string,
    private readonly config: ClientConfig,
  ) {
    super(engine, index, id, 'client');
    this.rps = config.rps;
    this.poisson = config.arrival === 'poisson';
    this.users = config.users;
    this.writeFraction = config.writeFraction;
    this.keys = keySampler(config.keys.count, config.keys.distribution, config.keys.exponent);
    const entries = Object.entries(config.paths);
    this.pathIndexes = Int32Array.from(entries.map(([p]) => engine.pathIndex(p)));
    this.pathChoice = entries.length > 1 ? new WeightedIndex(entries.map(([, w]) => w)) : null;
    this.arrivalRng = engine.rng(id, 'arrivals');
    this.userRng = engine.rng(id, 'users');
    this.keyRng = engine.rng(id, 'keys');
    this.opRng = engine.rng(id, 'ops');
    this.pathRng = engine.rng(id, 'paths');
  }

  override start(): void {
    for (const step of this.config.rateSchedule) {
      this.engine.at(step.atMs, () => this.setRps(step.rps));
    }
    this.restart();
  }

  override applyLive(change: NodeLiveChange): boolean {
    if (change.type !== 'setRps') return false;
    this.setRps(change.rps);
    return true;
  }

  private setRps(rps: number): void {
    this.rps = rps;
    this.restart();
  }

  override stopSources(): void {
    this.rps = 0;
    this.arrivalToken = (this.arrivalToken + 1) | 0;
  }

  private restart(): void {
    this.arrivalToken = (this.arrivalToken + 1) | 0;
    this.origin = this.engine.now;
    this.k = 0;
    this.scheduleNext();
  }

  override crash(): void {
    this.up = false;
    this.arrivalToken = (this.arrivalToken + 1) | 0;
  }

  override recover(): void {
    if (this.up) return;
    this.up = true;
    this.restart();
  }

  private scheduleNext(): void {
    if (this.rps <= 0 || !this.up || this.engine.draining) return;
    const t = this.poisson
      ? this.engine.now + (1000 / this.rps) * standardExponential(this.arrivalRng)
      : this.origin + (++this.k * 1000) / this.rps;
    this.engine.queue.schedule(t, this, ARRIVAL, null, this.arrivalToken);
  }

  override handleEvent(code: number, _obj: unknown, arg: number): void {
    if (code !== ARRIVAL || arg !== this.arrivalToken) return;
    this.generate();
    this.scheduleNext();
  }

  private generate(): void {
    const engine = this.engine;
    const edge = this.outEdges[0];
    const req = engine.requests.acquire(engine.now >= engine.warmupMs);
    req.createdAt = engine.now;
    const timeoutMs = edge.timeoutMs;
    req.deadline = timeoutMs !== null ? engine.now + timeoutMs : Infinity;
    req.user = engine.drawsUsers ? Math.floor(this.userRng.next() * this.users) : 0;
    req.key = engine.drawsKeys ? this.keys.sample(this.keyRng) : 0;
    req.op = this.writeFraction > 0 && this.opRng.next() < this.writeFraction ? WRITE : READ;
    req.path = this.pathChoice !== null ? this.pathIndexes[this.pathChoice.sample(this.pathRng)] : this.pathIndexes[0];
    this.windowArrivals++;
    if (req.measured) {
      this.arrivals++;
      engine.generated++;
    }
    // The call holds the request from here on; when the last call for it is released, so is it.
    edge.send(engine.calls.acquire(req, edge, null));
  }

  /** Clients make calls and never serve them (the runnability check forbids edges into one). */
  override receive(call: Call): void {
    call.edge.answer(call, ERROR);
  }

  override onResponse(call: Call): void {
    if (call.req.measured) {
      if (call.outcome === OK) this.completed++;
      else if (call.outcome === REJECTED) this.rejected++;
      else this.errors++;
    }
    this.engine.finishRequest(call);
  }

  override report(): ClientReport {
    return { ...this.baseReport('client'), generated: this.arrivals };
  }

  override frame(_windowMs: number): NodeFrame {
    return {
      utilization: 0,
      queueLength: 0,
      arrivals: this.takeWindowArrivals(),
      instancesUp: this.up ? 1 : 0,
      instancesTotal: 1,
    };
  }
}
