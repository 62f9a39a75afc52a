/**
 * Pacing for the simulation worker: how far to advance the engine on each turn of the event
 * loop, when to take a frame and when to post frames to the UI.
 *
 * Pure: no timers and no global clock. The caller passes a {@link Clock} (performance.now in
 * the worker, a fake in tests) and a simulation. The engine itself never reads a wall clock;
 * real-time pacing lives here only (the SimPy `RealtimeEnvironment` idea).
 *
 * Invariants:
 * - one {@link Pacer.tick} spends at most about {@link SLICE_BUDGET_WALL_MS} of wall time in
 *   the engine (each `runUntil` is sized to take about half of that), so the worker always
 *   gets back to its event loop and stays responsive to pause, reset and live changes;
 * - frames are taken on a fixed grid of simulated time (every {@link Pacer.frameSimMs}), so
 *   the charts get the same resolution whatever the speed, and a frame never straddles two
 *   grid cells;
 * - at a paced speed s, simulated time advances s ms per wall ms, or slower when the engine
 *   cannot keep up (the backlog is dropped, not caught up in a burst).
 */

/** Simulated milliseconds per wall millisecond, or as fast as possible. */
export type Speed = 1 | 10 | 100 | 'max';
export const SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];

/** Wall-time budget of one tick of the worker loop, ms. */
export const SLICE_BUDGET_WALL_MS = 8;
/** Post accumulated frames to the UI about this often (wall ms): ≥ 10 batches a second. */
export const POST_INTERVAL_WALL_MS = 100;
/** The charts keep about this many points; frames are spaced so a whole run fits. */
export const FRAMES_PER_RUN = 600;
/** The finest frame spacing, simulated ms. */
export const MIN_FRAME_SIM_MS = 100;
/** When a paced run falls this far behind (wall ms), the backlog is dropped. */
const MAX_LAG_WALL_MS = 250;
/** While caught up at a paced speed, wait this long (wall ms) before the next tick. */
const IDLE_DELAY_WALL_MS = 10;

export type Clock = () => number;

/** What the pacer needs of a simulation (the engine's `Simulation` satisfies it). */
export interface SteppableSim<F> {
  readonly durationMs: number;
  readonly finished: boolean;
  runUntil(tMs: number): void;
  /** Frames count from here on (the pacer calls it when it takes over the run). */
  startFrames(): void;
  takeFrame(): F;
}

export interface TickResult<F> {
  frames: F[];
  simTimeMs: number;
  finished: boolean;
  /** Wall ms to wait before the next tick (0: yield to the event loop and go on). */
  delayMs: number;
}

/**
 * Spacing of frames in simulated time: fine enough that a whole run fills the chart, and at a
 * paced speed at least one frame per {@link POST_INTERVAL_WALL_MS} of wall time.
 */
export function frameIntervalSimMs(speed: Speed, durationMs: number): number {
  const forChart = Math.max(MIN_FRAME_SIM_MS, durationMs / FRAMES_PER_RUN);
  if (speed === 'max') return forChart;
  return Math.min(forChart, POST_INTERVAL_WALL_MS * speed);
}

/** The next slice length (simulated ms) given how long the last slice took (wall ms). */
export function adaptSlice(sliceSimMs: number, elapsedWallMs: number, durationMs: number): number {
  const target = SLICE_BUDGET_WALL_MS / 2;
  // Below timer resolution: grow, but never by more than ×2 a step (work per ms varies).
  const factor = elapsedWallMs <= 0.05 ? 2 : Math.min(2, Math.max(0.25, target / elapsedWallMs));
  return Math.min(Math.max(sliceSimMs * factor, 0.01), Math.max(durationMs, 0.01));
}

export class Pacer<F> {
  /** Simulated time reached so far (the last `runUntil` target). */
  simTimeMs: number;
  /** Total wall time spent inside the engine (for the report's `wallMs`). */
  engineWallMs = 0;
  private speed: Speed;
  private sliceSimMs = 10;
  private frameSimMs: number;
  private nextFrameSimMs: number;
  private wallAnchor: number;
  private simAnchor: number;

  constructor(
    private readonly sim: SteppableSim<F>,
    private readonly clock: Clock,
    speed: Speed,
    startSimMs = 0,
  ) {
    this.speed = speed;
    this.simTimeMs = startSimMs;
    sim.startFrames();
    this.frameSimMs = frameIntervalSimMs(speed, sim.durationMs);
    this.nextFrameSimMs = this.gridAfter(startSimMs);
    this.wallAnchor = clock();
    this.simAnchor = startSimMs;
  }

  get finished(): boolean {
    return this.sim.finished || this.simTimeMs >= this.sim.durationMs;
  }

  get currentSpeed(): Speed {
    return this.speed;
  }

  /** Changes speed (or restarts pacing after a pause): real time is measured from now. */
  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.frameSimMs = frameIntervalSimMs(speed, this.sim.durationMs);
    this.nextFrameSimMs = this.gridAfter(this.simTimeMs);
    this.anchor();
  }

  /** Re-anchors real time to now, e.g. when resuming after a pause. */
  anchor(): void {
    this.wallAnchor = this.clock();
    this.simAnchor = this.simTimeMs;
  }

  /** Runs the engine for at most about one wall-time budget. */
  tick(): TickResult<F> {
    const frames: F[] = [];
    const start = this.clock();
    let limit = Infinity;
    if (this.speed !== 'max') {
      limit = this.simAnchor + (start - this.wallAnchor) * this.speed;
      if (limit - this.simTimeMs > MAX_LAG_WALL_MS * this.speed) {
        // The engine cannot keep this speed: drop the backlog instead of bursting.
        this.simAnchor = this.simTimeMs;
        this.wallAnchor = start - MAX_LAG_WALL_MS;
        limit = this.simTimeMs + MAX_LAG_WALL_MS * this.speed;
      }
    }
    while (!this.finished && this.simTimeMs < limit) {
      const target = Math.min(limit, this.simTimeMs + this.sliceSimMs, this.nextFrameSimMs, this.sim.durationMs);
      const t0 = this.clock();
      this.sim.runUntil(target);
      const elapsed = this.clock() - t0;
      this.engineWallMs += elapsed;
      // Only full-length slices say how fast the engine goes; short ones end at a frame or limit.
      if (target === this.simTimeMs + this.sliceSimMs) {
        this.sliceSimMs = adaptSlice(this.sliceSimMs, elapsed, this.sim.durationMs);
      } else if (elapsed > SLICE_BUDGET_WALL_MS / 2) {
        this.sliceSimMs = adaptSlice(target - this.simTimeMs, elapsed, this.sim.durationMs);
      }
      this.simTimeMs = target;
      this.collectFrame(frames);
      if (this.clock() - start >= SLICE_BUDGET_WALL_MS) break;
    }
    const finished = this.finished;
    const caughtUp = this.simTimeMs >= limit;
    return { frames, simTimeMs: this.simTimeMs, finished, delayMs: caughtUp && !finished ? IDLE_DELAY_WALL_MS : 0 };
  }

  /** Advances by exactly one frame's worth of simulated time and returns that frame. */
  step(): TickResult<F> {
    const frames: F[] = [];
    if (!this.finished) {
      const target = Math.min(this.nextFrameSimMs, this.sim.durationMs);
      const t0 = this.clock();
      this.sim.runUntil(target);
      this.engineWallMs += this.clock() - t0;
      this.simTimeMs = target;
      this.collectFrame(frames);
      if (frames.length === 0) frames.push(this.sim.takeFrame());
    }
    this.anchor();
    return { frames, simTimeMs: this.simTimeMs, finished: this.finished, delayMs: 0 };
  }

  private collectFrame(frames: F[]): void {
    if (this.simTimeMs >= this.nextFrameSimMs || this.finished) {
      frames.push(this.sim.takeFrame());
      this.nextFrameSimMs = this.gridAfter(this.simTimeMs);
    }
  }

  /** The first grid point strictly after `t`. */
  private gridAfter(t: number): number {
    return (Math.floor(t / this.frameSimMs + 1e-9) + 1) * this.frameSimMs;
  }
}

/** Collects frames and says when a batch is due for the UI. */
export class FrameBatcher<F> {
  private pending: F[] = [];
  private lastPostWall: number;

  constructor(private readonly clock: Clock) {
    this.lastPostWall = -Infinity;
  }

  add(frames: F[]): void {
    for (const f of frames) this.pending.push(f);
  }

  /** True when a batch should be posted now (enough wall time passed since the last one). */
  due(): boolean {
    return this.clock() - this.lastPostWall >= POST_INTERVAL_WALL_MS;
  }

  /** Takes the pending frames (possibly none) and marks the time of posting. */
  take(): F[] {
    const out = this.pending;
    this.pending = [];
    this.lastPostWall = this.clock();
    return out;
  }

  clear(): void {
    this.pending = [];
  }
}
