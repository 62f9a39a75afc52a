/**
 * The worker's operations (SPEC §6), independent of how they are transported: `simWorker.ts`
 * exposes them on the worker's `self`, the tests on one end of a MessageChannel.
 *
 * The run loop advances the engine in small slices (see `pacer.ts`) and yields to the event loop
 * between them, so pause, reset and live changes are handled within one slice.
 */
import { createSimulation, isSimulated, type Simulation } from '../engine';
import { MAX_DURATION_MS, NODE_KINDS, type Scenario } from '../model';
import { FrameBatcher, Pacer, type Clock, type Speed } from './pacer';
import type { Frame, FrameListener, LiveChange, LoadResult, Report, RunStatus, SimWorkerApi, TraceOptions } from './protocol';

export type Schedule = (fn: () => void, delayMs: number) => void;

export interface SimApiOptions {
  clock?: Clock;
  /** Runs `fn` after `delayMs`; with 0, as soon as the event loop is free. */
  schedule?: Schedule;
}

const DEFAULT_SPEED: Speed = 1;

/** At least this often (wall ms) the loop yields through a timer, not a message. */
const TIMER_YIELD_EVERY_MS = 50;

/**
 * Yields to the event loop without the 4 ms clamp that nested `setTimeout(0)` gets, by posting
 * to a private MessageChannel. A host may drain one port's messages in a batch before looking at
 * others (Node does, up to 1,000), which would starve the port that carries pause and reset; so
 * every {@link TIMER_YIELD_EVERY_MS} the loop yields through a timer instead (scheduled from a
 * message task, it is not clamped).
 */
function defaultSchedule(): Schedule {
  if (typeof MessageChannel === 'undefined') return (fn, d) => void setTimeout(fn, d);
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  // In Node (tests) an open port keeps the process alive; in a worker `unref` does not exist.
  (channel.port1 as unknown as { unref?: () => void }).unref?.();
  let lastTimerYield = performance.now();
  return (fn, delayMs) => {
    const now = performance.now();
    if (delayMs > 0 || now - lastTimerYield >= TIMER_YIELD_EVERY_MS) {
      lastTimerYield = now;
      setTimeout(fn, delayMs);
    } else {
      queue.push(fn);
      channel.port2.postMessage(null);
    }
  };
}

function problemsOf(error: unknown): string[] {
  if (error && typeof error === 'object' && Array.isArray((error as { problems?: unknown }).problems)) {
    return (error as { problems: unknown[] }).problems.map(String);
  }
  return [error instanceof Error ? error.message : String(error)];
}

export function createSimApi(options: SimApiOptions = {}): SimWorkerApi {
  const clock = options.clock ?? (() => performance.now());
  const schedule = options.schedule ?? defaultSchedule();

  let scenario: Scenario | null = null;
  let sim: Simulation | null = null;
  let pacer: Pacer<Frame> | null = null;
  let runId = 0;
  let running = false;
  let speed: Speed = DEFAULT_SPEED;
  /** Bumped whenever the loop must stop; a scheduled tick of an older generation does nothing. */
  let loopGeneration = 0;
  const batcher = new FrameBatcher<Frame>(clock);
  const listeners = new Map<number, FrameListener>();
  let nextListenerId = 1;
  let endWaiters: ((report: Report | null) => void)[] = [];
  /** The live changes of the current run, with the simulated time each took effect. */
  let applied: { atMs: number; change: LiveChange }[] = [];
  /** What to trace in every run built from now on; null traces nothing. */
  let tracing: Partial<TraceOptions> | null = null;
  const traceOverride = () => (tracing === null ? {} : { traces: tracing });

  function status(): RunStatus {
    return {
      runId,
      loaded: sim !== null,
      simTimeMs: pacer?.simTimeMs ?? 0,
      durationMs: sim?.durationMs ?? scenario?.durationMs ?? 0,
      running,
      finished: pacer?.finished ?? false,
      speed,
      events: sim?.events ?? 0,
    };
  }

  function post(): void {
    const batch = { frames: batcher.take(), status: status() };
    for (const [id, listener] of listeners) {
      // A listener is a comlink proxy: calling it returns a promise. A closed page drops it.
      Promise.resolve()
        .then(() => listener(batch))
        .catch(() => listeners.delete(id));
    }
  }

  function settleWaiters(report: Report | null): void {
    const waiters = endWaiters;
    endWaiters = [];
    for (const w of waiters) w(report);
  }

  function stopLoop(): void {
    loopGeneration++;
    running = false;
  }

  function tick(generation: number): void {
    if (generation !== loopGeneration || !running || !pacer) return;
    const result = pacer.tick();
    batcher.add(result.frames);
    if (result.finished) {
      running = false;
      post();
      settleWaiters(report());
      return;
    }
    if (batcher.due()) post();
    schedule(() => tick(generation), result.delayMs);
  }

  function startLoop(at: Speed): void {
    if (!pacer || pacer.finished) return;
    stopLoop();
    running = true;
    pacer.setSpeed(at);
    const generation = loopGeneration;
    schedule(() => tick(generation), 0);
  }

  function report(): Report {
    if (!sim || !pacer) throw new Error('No scenario is loaded.');
    return sim.report(Math.round(pacer.engineWallMs));
  }

  function load(next: Scenario): LoadResult {
    stopLoop();
    settleWaiters(null);
    batcher.clear();
    scenario = next;
    applied = [];
    runId++;
    try {
      sim = createSimulation(next, traceOverride());
      pacer = new Pacer(sim, clock, speed);
    } catch (error) {
      sim = null;
      pacer = null;
      post();
      return { ok: false, problems: problemsOf(error) };
    }
    post();
    return { ok: true };
  }

  const api: SimWorkerApi = {
    load,
    play(at) {
      speed = at;
      startLoop(at);
      post();
    },
    pause() {
      const wasRunning = running;
      stopLoop();
      settleWaiters(null);
      if (wasRunning) post();
    },
    step() {
      stopLoop();
      settleWaiters(null);
      if (!pacer) return;
      batcher.add(pacer.step().frames);
      post();
    },
    reset() {
      if (!scenario) return { ok: false, problems: ['No scenario is loaded.'] };
      return load(scenario);
    },
    runToEnd() {
      if (!pacer) return Promise.reject(new Error('No scenario is loaded.'));
      if (pacer.finished) return Promise.resolve(report());
      const done = new Promise<Report | null>((resolve) => endWaiters.push(resolve));
      if (!running || pacer.currentSpeed !== 'max') startLoop('max');
      post();
      return done;
    },
    continueRun(extraMs) {
      if (!scenario || !sim || !pacer) return { ok: false, problems: ['No scenario is loaded.'] };
      const durationMs = Math.min(MAX_DURATION_MS, sim.durationMs + extraMs);
      if (!(durationMs > sim.durationMs)) {
        return { ok: false, problems: [`A run cannot go past ${MAX_DURATION_MS / 3_600_000} hours of simulated time.`] };
      }
      stopLoop();
      settleWaiters(null);
      const reached = pacer.simTimeMs;
      const t0 = clock();
      // A run traced so far is traced in its replay too: the same requests, the same traces.
      const longer = createSimulation(scenario, { durationMs, ...traceOverride() });
      for (const { atMs, change } of applied) {
        longer.runUntil(atMs);
        longer.applyChange(change);
      }
      longer.runUntil(reached);
      // Frames up to here were delivered already; the next one starts at `reached`.
      longer.takeFrame();
      const wallSoFar = pacer.engineWallMs;
      sim = longer;
      pacer = new Pacer(longer, clock, speed, reached);
      pacer.engineWallMs = wallSoFar + (clock() - t0);
      post();
      return { ok: true };
    },
    applyChange(change: LiveChange) {
      if (!sim) throw new Error('No scenario is loaded.');
      sim.applyChange(change);
      const atMs = sim.nowMs;
      applied.push({ atMs, change });
      return atMs;
    },
    report() {
      return sim && pacer ? report() : null;
    },
    setTracing(options) {
      tracing = options === null ? null : { ...options };
      sim?.setTracing(tracing);
    },
    traces() {
      return sim?.traces() ?? null;
    },
    simulatedKinds() {
      return NODE_KINDS.filter(isSimulated);
    },
    subscribe(listener) {
      const id = nextListenerId++;
      listeners.set(id, listener);
      const batch = { frames: [], status: status() };
      Promise.resolve()
        .then(() => listener(batch))
        .catch(() => listeners.delete(id));
      return id;
    },
    unsubscribe(id) {
      listeners.delete(id);
    },
    status,
  };
  return api;
}
