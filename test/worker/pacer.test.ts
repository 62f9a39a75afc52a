import { describe, expect, it } from 'vitest';
import {
  FRAMES_PER_RUN,
  FrameBatcher,
  MIN_FRAME_SIM_MS,
  Pacer,
  SLICE_BUDGET_WALL_MS,
  adaptSlice,
  frameIntervalSimMs,
  type SteppableSim,
} from '../../src/worker/pacer';

/** A simulation whose work costs `costPerSimMs` wall ms per simulated ms, on a fake clock. */
function fakeSim(durationMs: number, costPerSimMs: number) {
  const clock = { now: 0 };
  const calls: number[] = [];
  const sim: SteppableSim<{ t: number }> & { nowMs: number } = {
    durationMs,
    nowMs: 0,
    get finished() {
      return this.nowMs >= durationMs;
    },
    runUntil(t) {
      const target = Math.min(t, durationMs);
      expect(target).toBeGreaterThanOrEqual(this.nowMs);
      clock.now += (target - this.nowMs) * costPerSimMs;
      this.nowMs = target;
      calls.push(target);
    },
    startFrames() {
      calls.push(-1);
    },
    takeFrame() {
      return { t: this.nowMs };
    },
  };
  return { sim, clock, calls, now: () => clock.now };
}

describe('frame spacing', () => {
  it('fits a whole run into the chart, never finer than the minimum', () => {
    expect(frameIntervalSimMs('max', 60_000)).toBe(MIN_FRAME_SIM_MS);
    expect(frameIntervalSimMs('max', 3_600_000)).toBe(3_600_000 / FRAMES_PER_RUN);
  });
  it('gives at least ten frames per wall second at a paced speed', () => {
    expect(frameIntervalSimMs(1, 3_600_000)).toBe(100);
    expect(frameIntervalSimMs(10, 3_600_000)).toBe(1000);
  });
});

describe('slice adaptation', () => {
  it('grows at most twofold and shrinks toward half the budget', () => {
    expect(adaptSlice(10, 0, 60_000)).toBe(20);
    expect(adaptSlice(10, SLICE_BUDGET_WALL_MS / 2, 60_000)).toBeCloseTo(10);
    expect(adaptSlice(10, SLICE_BUDGET_WALL_MS * 4, 60_000)).toBe(2.5);
    expect(adaptSlice(50_000, 0, 60_000)).toBe(60_000);
  });
});

describe('Pacer', () => {
  it('starts the frames before it runs anything, so the first frame covers the run from its start', () => {
    const { sim, calls } = fakeSim(1000, 0.001);
    const pacer = new Pacer(sim, () => 0, 'max');
    expect(calls).toEqual([-1]);
    pacer.step();
    expect(calls[0]).toBe(-1);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('at max speed keeps each tick within about one budget and reaches the end', () => {
    const { sim, now } = fakeSim(60_000, 0.01); // 1 simulated second costs 10 wall ms
    const pacer = new Pacer(sim, now, 'max');
    let ticks = 0;
    const frames: { t: number }[] = [];
    while (!pacer.finished) {
      const before = now();
      const r = pacer.tick();
      frames.push(...r.frames);
      expect(now() - before).toBeLessThanOrEqual(SLICE_BUDGET_WALL_MS * 2.5);
      expect(r.delayMs).toBe(0);
      ticks++;
      expect(ticks).toBeLessThan(10_000);
    }
    expect(sim.nowMs).toBe(60_000);
    // One frame per 100 simulated ms, on the grid.
    expect(frames).toHaveLength(600);
    expect(frames[0].t).toBe(100);
    expect(frames.at(-1)?.t).toBe(60_000);
    expect(pacer.engineWallMs).toBeCloseTo(600);
  });

  it('at 1× advances one simulated ms per wall ms and waits when caught up', () => {
    const { sim, clock, now } = fakeSim(60_000, 0.001);
    const pacer = new Pacer(sim, now, 1);
    clock.now += 250;
    const r = pacer.tick();
    expect(sim.nowMs).toBeGreaterThanOrEqual(249);
    expect(sim.nowMs).toBeLessThanOrEqual(251);
    expect(r.frames.map((f) => f.t)).toEqual([100, 200]);
    expect(r.delayMs).toBeGreaterThan(0);
    // Nothing more to do until wall time passes.
    expect(pacer.tick().frames).toHaveLength(0);
  });

  it('drops the backlog when the engine cannot keep the speed', () => {
    const { sim, clock, now } = fakeSim(600_000, 0.05); // only 20 simulated ms per wall ms
    const pacer = new Pacer(sim, now, 100);
    clock.now += 10_000; // ten wall seconds behind: 1,000 simulated seconds owed
    for (let i = 0; i < 50; i++) pacer.tick();
    // It ran at the engine's pace, not in a burst to catch up.
    expect(sim.nowMs).toBeLessThan(100_000);
  });

  it('step advances exactly to the next frame boundary', () => {
    const { sim, now } = fakeSim(1000, 0.001);
    const pacer = new Pacer(sim, now, 10);
    expect(pacer.step().frames).toEqual([{ t: 100 }]);
    expect(pacer.step().frames).toEqual([{ t: 200 }]);
    expect(sim.nowMs).toBe(200);
  });

  it('stops at the duration with a final frame off the grid', () => {
    const { sim, now } = fakeSim(250, 0.001);
    const pacer = new Pacer(sim, now, 'max');
    const r = pacer.tick();
    expect(r.finished).toBe(true);
    expect(r.frames.map((f) => f.t)).toEqual([100, 200, 250]);
  });
});

describe('FrameBatcher', () => {
  it('posts at most every 100 ms of wall time', () => {
    let t = 0;
    const batcher = new FrameBatcher<number>(() => t);
    expect(batcher.due()).toBe(true);
    batcher.add([1, 2]);
    expect(batcher.take()).toEqual([1, 2]);
    t = 50;
    batcher.add([3]);
    expect(batcher.due()).toBe(false);
    t = 100;
    expect(batcher.due()).toBe(true);
    expect(batcher.take()).toEqual([3]);
  });
});
