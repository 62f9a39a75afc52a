/**
 * The worker API over a real message channel (as in the browser, but with Node's
 * MessageChannel in place of a Worker) running the real engine.
 */
import { proxy, wrap, expose, type Endpoint, type Remote } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine';
import { parseScenario, type Scenario } from '../../src/model';
import { createSimApi } from '../../src/worker/simApi';
import type { FrameBatch, SimWorkerApi } from '../../src/worker/protocol';

function scenario(overrides: Record<string, unknown> = {}): Scenario {
  const result = parseScenario({
    version: 1,
    name: 'worker test',
    seed: 3,
    durationMs: 5000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 500 } },
      { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin' } },
      { id: 'web', kind: 'server', config: { replicas: 2, concurrency: 4, serviceTime: { dist: 'exponential', meanMs: 8 } } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb' },
      { id: 'e2', from: 'lb', to: 'web' },
    ],
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

const ports: MessagePort[] = [];

function connect(): Remote<SimWorkerApi> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(createSimApi(), port1 as unknown as Endpoint);
  return wrap<SimWorkerApi>(port2 as unknown as Endpoint);
}

afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/** Subscribes and collects every batch; `until` resolves when a batch satisfies the predicate. */
async function collect(api: Remote<SimWorkerApi>) {
  const batches: FrameBatch[] = [];
  const waiters: { test: (b: FrameBatch) => boolean; resolve: (b: FrameBatch) => void }[] = [];
  await api.subscribe(
    proxy((batch: FrameBatch) => {
      batches.push(batch);
      for (const w of [...waiters]) {
        if (w.test(batch)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(batch);
        }
      }
    }),
  );
  return {
    batches,
    frames: () => batches.flatMap((b) => b.frames),
    until: (test: (b: FrameBatch) => boolean) =>
      new Promise<FrameBatch>((resolve) => {
        const hit = batches.find(test);
        if (hit) resolve(hit);
        else waiters.push({ test, resolve });
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withoutWall<T extends { wallMs: number }>(report: T): Omit<T, 'wallMs'> {
  const { wallMs: _wallMs, ...rest } = report;
  return rest;
}

describe('simulation worker API', () => {
  it('loads a runnable scenario and reports its status', async () => {
    const api = connect();
    expect(await api.load(scenario())).toEqual({ ok: true });
    const status = await api.status();
    expect(status).toMatchObject({ loaded: true, simTimeMs: 0, durationMs: 5000, running: false, finished: false });
  });

  it('refuses an unrunnable scenario with its problems', async () => {
    const api = connect();
    const result = await api.load(scenario({ edges: [] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/client "users" has no outgoing edge/);
    expect((await api.status()).loaded).toBe(false);
  });

  it('plays at max speed to the end, streaming frames on a 100 ms grid', async () => {
    const api = connect();
    const sub = await collect(api);
    await api.load(scenario());
    await api.play('max');
    const last = await sub.until((b) => b.status.finished);
    expect(last.status).toMatchObject({ simTimeMs: 5000, running: false, finished: true });
    const times = sub.frames().map((f) => f.simTimeMs);
    expect(times).toHaveLength(50);
    expect(times[0]).toBe(100);
    expect(times.at(-1)).toBe(5000);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    const busy = sub.frames().filter((f) => f.completed > 0);
    expect(busy.length).toBeGreaterThan(40);
    expect(sub.frames()[20].nodes.web.instancesTotal).toBe(2);
  });

  it('runToEnd gives the same report as the engine run directly', async () => {
    const api = connect();
    await api.load(scenario());
    const viaWorker = await api.runToEnd();
    expect(viaWorker).not.toBeNull();
    const direct = createSimulation(scenario());
    direct.runToEnd();
    expect(withoutWall(viaWorker!)).toEqual(withoutWall(direct.report()));
  });

  it('steps one frame at a time and pauses', async () => {
    const api = connect();
    const sub = await collect(api);
    await api.load(scenario({ durationMs: 60_000 }));
    await api.step();
    await api.step();
    const stepped = await sub.until((b) => b.status.simTimeMs === 200);
    expect(stepped.status.running).toBe(false);
    expect(sub.frames().map((f) => f.simTimeMs)).toEqual([100, 200]);

    await api.play(1);
    await sleep(300);
    await api.pause();
    const pausedAt = (await api.status()).simTimeMs;
    expect(pausedAt).toBeGreaterThan(300);
    // 1×: about the wall time that passed (generous bounds for a busy machine), not 'max'.
    expect(pausedAt).toBeLessThan(10_000);
    await sleep(200);
    expect((await api.status()).simTimeMs).toBe(pausedAt);
  });

  it('reset rebuilds the run at time 0 with a new run id', async () => {
    const api = connect();
    await api.load(scenario());
    await api.runToEnd();
    const before = await api.status();
    expect(before.finished).toBe(true);
    expect(await api.reset()).toEqual({ ok: true });
    const after = await api.status();
    expect(after).toMatchObject({ simTimeMs: 0, finished: false, running: false });
    expect(after.runId).toBeGreaterThan(before.runId);
  });

  it('a pause interrupts runToEnd, which then gives null', async () => {
    const api = connect();
    await api.load(scenario({ durationMs: 3_600_000 }));
    const pending = api.runToEnd();
    await sleep(30);
    await api.pause();
    expect(await pending).toBeNull();
    const status = await api.status();
    expect(status.running).toBe(false);
    expect(status.simTimeMs).toBeLessThan(3_600_000);
  });

  it('applies live changes at the current simulated time', async () => {
    const api = connect();
    await api.load(scenario());
    await api.step(); // t = 100 ms
    await api.applyChange({ type: 'setRps', node: 'users', rps: 0 });
    const report = (await api.runToEnd())!;
    // About 100 ms at 500 rps, then nothing.
    expect(report.requests.generated).toBeLessThan(150);
    await expect(api.applyChange({ type: 'setRps', node: 'nobody', rps: 1 })).rejects.toThrow(/nobody/);
  });

  it('continues a finished run: the same numbers as one longer run with the same live changes', async () => {
    const api = connect();
    await api.load(scenario({ durationMs: 2000 }));
    await api.step();
    await api.step(); // t = 200 ms
    const at = await api.applyChange({ type: 'fault', action: 'crash', target: 'web', instance: 0 });
    expect(at).toBe(200);
    await api.runToEnd();
    expect(await api.continueRun(3000)).toEqual({ ok: true });
    const status = await api.status();
    expect(status).toMatchObject({ simTimeMs: 2000, durationMs: 5000, finished: false });
    const continued = (await api.runToEnd())!;
    expect(continued.simulatedMs).toBe(5000);

    const direct = createSimulation(scenario({ durationMs: 5000 }));
    direct.runUntil(200);
    direct.applyChange({ type: 'fault', action: 'crash', target: 'web', instance: 0 });
    direct.runToEnd();
    expect(withoutWall(continued)).toEqual(withoutWall(direct.report()));
    // The crash mattered: one of two instances down fails about half of the later requests.
    expect(continued.requests.error).toBeGreaterThan(continued.requests.generated / 4);
  });

  it('names the kinds the engine simulates and gives the report so far', async () => {
    const api = connect();
    const kinds = await api.simulatedKinds();
    expect(kinds).toEqual(expect.arrayContaining(['client', 'loadBalancer', 'server']));
    expect(await api.report()).toBeNull();
    await api.load(scenario());
    await api.step();
    const report = await api.report();
    expect(report?.simulatedMs).toBe(100);
  });
});

describe('request traces through the worker', () => {
  it('records none until asked; then the run and the runs loaded after it keep the engine’s traces', async () => {
    const api = connect();
    await api.load(scenario({ durationMs: 3000 }));
    await api.runToEnd();
    expect(await api.traces()).toBeNull();

    await api.setTracing({ sampleEvery: 50 });
    await api.load(scenario({ durationMs: 3000 }));
    await api.runToEnd();
    const set = (await api.traces())!;
    const direct = createSimulation(scenario({ durationMs: 3000 }), { traces: { sampleEvery: 50 } });
    direct.runToEnd();
    expect(set).toEqual(direct.traces());
    expect(set.slowest.length).toBe(3);
    expect(set.sampled.length).toBeGreaterThan(10);
  });

  it('a continued run is traced from its start, as one longer run would be', async () => {
    const api = connect();
    await api.setTracing({});
    await api.load(scenario({ durationMs: 2000 }));
    await api.runToEnd();
    await api.continueRun(1000);
    await api.runToEnd();
    const direct = createSimulation(scenario({ durationMs: 3000 }), { traces: {} });
    direct.runToEnd();
    expect(await api.traces()).toEqual(direct.traces());
  });

  it('stops recording on null and keeps what it has', async () => {
    const api = connect();
    await api.setTracing({ sampleEvery: 10 });
    await api.load(scenario({ durationMs: 4000 }));
    await api.step();
    await api.setTracing(null);
    await api.runToEnd();
    const set = (await api.traces())!;
    expect(set.sampled.length).toBeGreaterThan(0);
    expect(Math.max(...set.sampled.map((t) => t.createdAtMs))).toBeLessThanOrEqual(100);
  });
});
