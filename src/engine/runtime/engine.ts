/**
 * The simulation kernel: the clock and event list, the request and call pools, warm-up,
 * scheduled actions and the run-wide request tallies. The network lives on the edges
 * (runtime/edge.ts); components live in components/.
 */
import { EventQueue, type EventHandler } from '../core/eventQueue';
import { streamFor, type Rng } from '../core/rng';
import { LatencyHistogram } from '../metrics/histogram';
import type { TimeAverage } from '../metrics/timeAverage';
import type { EdgeRuntime } from './edge';
import type { NodeRuntime } from './node';
import type { Tracer } from './tracer';
import { CallPool, ERROR, OK, REJECTED, RequestPool, TIMEOUT, type Call } from './request';

const WARMUP = 1;
const SCHEDULED = 2;

export class Engine implements EventHandler {
  readonly queue = new EventQueue();
  readonly requests = new RequestPool();
  readonly calls = new CallPool(this.requests);
  readonly nodes: NodeRuntime[] = [];
  readonly edges: EdgeRuntime[] = [];
  /** Every distinct request path, so requests carry a small integer. */
  readonly paths: string[] = [];
  private readonly tallies: TimeAverage[] = [];
  private warmedUp = false;
  /** Sources have stopped; the run goes on until the last event (see {@link drain}). */
  draining = false;
  events = 0;
  /**
   * Some component reads a request's user (a key): clients draw one for every request.
   * While none does, clients skip the draw: each is a stream of its own that nothing else
   * shares, so skipping it changes no other number of the run. Set from each kind's `reads`
   * when the run is built (components/index.ts), and by a live change that starts a read.
   */
  drawsUsers = false;
  drawsKeys = false;
  /** Zero-latency deliveries in progress inside one another (see EdgeRuntime). */
  nested = 0;

  // Outcomes of measured requests (created at or after warm-up), counted as they finish.
  generated = 0;
  ok = 0;
  error = 0;
  rejected = 0;
  timeout = 0;
  /** Measured requests that have their final outcome. */
  finished = 0;
  readonly latency = new LatencyHistogram();

  // The current frame's window: every request, measured or not. Kept only once a host takes
  // frames (the worker does; the CLI and the benchmarks never do, and skip the work).
  framing = false;
  windowOk = 0;
  windowFailed = 0;
  /** The window's finished requests by outcome (OK, ERROR, REJECTED, TIMEOUT). */
  readonly windowOutcomes = new Float64Array(4);
  readonly windowLatency = new LatencyHistogram();
  /** Records spans of sampled requests while set (runtime/tracer.ts); null: tracing is off. */
  tracer: Tracer | null = null;

  constructor(
    readonly seed: number,
    /** The run's end; {@link SimulationRun.extendTo} moves it later. */
    public durationMs: number,
    readonly warmupMs: number,
  ) {}

  /** The simulated clock, ms. */
  get now(): number {
    return this.queue.now;
  }

  /** The random stream for one purpose of one component. */
  rng(owner: string, purpose: string): Rng {
    return streamFor(this.seed, owner, purpose);
  }

  /** Registers a tally so the warm-up can mark it (one created later measures from its creation). */
  tally<T extends TimeAverage>(t: T): T {
    if (!this.warmedUp) this.tallies.push(t);
    return t;
  }

  pathIndex(path: string): number {
    let i = this.paths.indexOf(path);
    if (i < 0) {
      i = this.paths.length;
      this.paths.push(path);
    }
    return i;
  }

  /** Runs `action` at simulated time `atMs` (faults, rate steps, scaling). */
  at(atMs: number, action: () => void): void {
    this.queue.schedule(atMs, this, SCHEDULED, action, 0);
  }

  start(): void {
    if (this.warmupMs > 0) this.queue.schedule(this.warmupMs, this, WARMUP, null, 0);
    else this.markWarmup();
    for (const n of this.nodes) n.start();
  }

  runUntil(t: number): void {
    const end = t < this.durationMs ? t : this.durationMs;
    this.events += this.queue.runUntil(end);
    if (end > this.queue.now) this.queue.now = end;
  }

  /**
   * Stops every source and periodic timer, then runs until the event list is empty, past
   * the run's duration if need be: afterwards every request has finished and every pooled
   * object, worker and permit is back, unless something is lost for good (a call dropped
   * by a partition with no timeout to give up on it).
   */
  drain(maxEvents = Infinity): void {
    this.draining = true;
    for (const n of this.nodes) n.stopSources();
    let budget = maxEvents;
    while (this.queue.length > 0 && budget > 0) {
      const n = this.queue.runUntil(Infinity);
      this.events += n;
      budget -= n;
    }
  }

  /** A client's request has its final outcome. */
  finishRequest(call: Call): void {
    const req = call.req;
    if (req.finished) throw new Error(`request ${req.id} finished twice`);
    req.finished = true;
    const outcome = call.outcome;
    if (this.framing) this.windowOutcomes[outcome]++;
    if (req.trace >= 0) this.requests.tracer!.finish(req, outcome);
    if (outcome === OK) {
      const ms = this.now - req.createdAt;
      if (this.framing) {
        this.windowOk++;
        this.windowLatency.record(ms);
      }
      if (req.measured) {
        this.ok++;
        this.latency.record(ms);
      }
    } else {
      if (this.framing) this.windowFailed++;
      if (req.measured) {
        if (outcome === ERROR) this.error++;
        else if (outcome === REJECTED) this.rejected++;
        else if (outcome === TIMEOUT) this.timeout++;
      }
    }
    if (req.measured) this.finished++;
    this.calls.release(call);
  }

  /** Measured requests without a final outcome yet: taken from the pool and not finished. */
  get inFlight(): number {
    return this.requests.measuredAcquired - this.finished;
  }

  handleEvent(code: number, obj: unknown): void {
    if (code === WARMUP) this.markWarmup();
    else if (code === SCHEDULED) (obj as () => void)();
  }

  private markWarmup(): void {
    this.warmedUp = true;
    const now = this.now;
    for (const t of this.tallies) t.markWarmup(now);
    this.tallies.length = 0;
  }
}
