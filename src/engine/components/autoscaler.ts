/**
 * A server's autoscaler (SPEC §3.2 `autoscale`): every `evaluateEveryMs` it measures the
 * utilisation of the server's workers over the period just ended and asks the policy
 * (policies/autoscale.ts) how many instances that calls for.
 *
 * - Scaling out starts instances that take traffic only after `startupMs`; instances still
 *   starting count as coming, so a scaler that sees the same overload twice while they boot
 *   does not start them twice.
 * - Scaling in waits until `cooldownMs` has passed since the last change (an instance
 *   started, put in rotation, or retired), as AWS's scale-in cooldown and Kubernetes'
 *   scale-down stabilisation do: it is what keeps the count from flapping. Instances still
 *   starting are cancelled first; then the server retires its highest-numbered instances,
 *   which finish the work they hold before they go (server.ts), so scaling in loses nothing.
 *   Scaling out does not wait for the cooldown: capacity that comes late costs requests.
 *
 * Instances start in order and all take `startupMs`, so they are ready in order: their ready
 * times are a FIFO, and a cancelled one (the newest) comes off its tail.
 */
import type { AutoscaleConfig } from '../../model';
import type { EventHandler } from '../core/eventQueue';
import { desiredReplicas } from '../policies/autoscale';
import type { Engine } from '../runtime/engine';

const EVALUATE = 1;
const READY = 2;

/** What the autoscaler needs of its server. */
export interface Scalable {
  /** Instances in rotation (taking traffic). */
  readonly inRotation: number;
  /** ∫ busy workers dt and ∫ workers in service dt from the start of the run to `now`. */
  busyIntegral(now: number): number;
  capacityIntegral(now: number): number;
  /** Puts exactly `replicas` instances in rotation now. */
  scaleTo(replicas: number): void;
}

export class Autoscaler implements EventHandler {
  /** Instances started and not yet in rotation. */
  starting = 0;
  /** Ready times of the starting instances, oldest first (a ring). */
  private readonly readyAt: Float64Array;
  private head = 0;
  private lastChangeAt = -Infinity;
  private prevBusy = 0;
  private prevCapacity = 0;
  /** Identifies the pending evaluation; stopping the sources invalidates it. */
  private token = 0;
  /** Evaluations made, and the utilisation the last one measured (for tests and frames). */
  evaluations = 0;
  lastUtilization = 0;

  constructor(
    private readonly engine: Engine,
    readonly config: AutoscaleConfig,
    private readonly server: Scalable,
  ) {
    this.readyAt = new Float64Array(config.max);
  }

  /** Instances in rotation plus those starting: where the count is heading. */
  get desired(): number {
    return this.server.inRotation + this.starting;
  }

  start(): void {
    const now = this.engine.now;
    this.prevBusy = this.server.busyIntegral(now);
    this.prevCapacity = this.server.capacityIntegral(now);
    this.schedule();
  }

  /** The run is draining: no more evaluations (instances already starting still arrive). */
  stop(): void {
    this.token = (this.token + 1) | 0;
  }

  /** Someone set the count by hand or by schedule: the instances on their way are called off. */
  cancelStarting(): void {
    this.starting = 0;
  }

  private schedule(): void {
    if (this.engine.draining) return;
    this.engine.queue.schedule(this.engine.now + this.config.evaluateEveryMs, this, EVALUATE, null, this.token);
  }

  handleEvent(code: number, _obj: unknown, arg: number): void {
    if (code === EVALUATE) {
      if (arg !== this.token) return;
      this.evaluate();
      this.schedule();
    } else if (code === READY) {
      this.promoteReady();
    }
  }

  private evaluate(): void {
    const now = this.engine.now;
    const busy = this.server.busyIntegral(now);
    const capacity = this.server.capacityIntegral(now);
    const dBusy = busy - this.prevBusy;
    const dCapacity = capacity - this.prevCapacity;
    this.prevBusy = busy;
    this.prevCapacity = capacity;
    if (!(dCapacity > 0)) return; // nothing was in service: nothing measured
    const u = dBusy / dCapacity;
    this.evaluations++;
    this.lastUtilization = u;
    const inRotation = this.server.inRotation;
    const desired = desiredReplicas(inRotation, u, this.config);
    const provisioned = inRotation + this.starting;
    if (desired > provisioned) {
      for (let k = provisioned; k < desired; k++) this.startOne(now);
      this.lastChangeAt = now;
    } else if (desired < inRotation && now - this.lastChangeAt >= this.config.cooldownMs) {
      // Everything on its way is surplus too.
      this.starting = 0;
      this.server.scaleTo(desired);
      this.lastChangeAt = now;
    }
  }

  private startOne(now: number): void {
    const n = this.readyAt.length;
    const t = now + this.config.startupMs;
    this.readyAt[(this.head + this.starting) % n] = t;
    this.starting++;
    this.engine.queue.schedule(t, this, READY, null, 0);
  }

  /** Every starting instance whose startup has ended goes into rotation. */
  private promoteReady(): void {
    const now = this.engine.now;
    const n = this.readyAt.length;
    let ready = 0;
    while (this.starting > 0 && this.readyAt[this.head] <= now) {
      this.head = (this.head + 1) % n;
      this.starting--;
      ready++;
    }
    if (ready === 0) return; // it was called off
    this.server.scaleTo(this.server.inRotation + ready);
    this.lastChangeAt = now;
  }
}
