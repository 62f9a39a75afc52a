/**
 * A client draws a request's user and key only while some component reads them (the
 * engine's drawsUsers / drawsKeys). Each is a stream of its own, so skipping the draws must
 * change no other number, and every reader, including one that starts reading at a live
 * change, must make the clients draw.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/engine';
import type { Engine } from '../../src/engine/runtime/engine';
import { build } from '../helpers';
import { recordArrivals } from '../validation/probe';

type Json = Record<string, unknown>;

function engineOf(sim: Simulation): Engine {
  return (sim as unknown as { engine: Engine }).engine;
}

/**
 * users → lb → two servers (server a → each node of `after`; `behind`: edges from those to a
 * plain server x), 2,000 rps with 500 users over 1,000 keys.
 */
function design(lb: Json, server: Json = {}, after: Json[] = [], behind: Json[] = []): Json {
  return {
    durationMs: 4_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: 2_000, users: 500, writeFraction: 0.1, keys: { count: 1_000, distribution: 'zipf', exponent: 0.9 } } },
      { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'round-robin', ...lb } },
      { id: 'a', kind: 'server', config: { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 1 }, ...server } },
      { id: 'b', kind: 'server', config: { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 1 }, ...server } },
      ...after,
      ...(behind.length > 0 ? [{ id: 'x', kind: 'server', config: {} }] : []),
    ],
    edges: [
      { id: 'in', from: 'users', to: 'lb' },
      { id: 'la', from: 'lb', to: 'a' },
      { id: 'lbb', from: 'lb', to: 'b' },
      ...after.map((n) => ({ id: `a-${n.id as string}`, from: 'a', to: n.id })),
      ...behind,
    ],
  };
}

function reportWithout(sim: Simulation): string {
  sim.runToEnd();
  const { wallMs: _wall, ...rest } = sim.report();
  return JSON.stringify(rest);
}

describe('drawing users and keys only when something reads them', () => {
  it('a run that reads neither draws neither, and every number is what it is with the draws made', () => {
    const lazy = build(design({}));
    expect(engineOf(lazy).drawsUsers).toBe(false);
    expect(engineOf(lazy).drawsKeys).toBe(false);
    const eager = build(design({}));
    engineOf(eager).drawsUsers = true;
    engineOf(eager).drawsKeys = true;
    const seenLazy = recordArrivals(lazy, 'a');
    const seenEager = recordArrivals(eager, 'a');
    expect(reportWithout(lazy)).toBe(reportWithout(eager));
    expect(new Set(seenLazy.map((s) => s.user)).size).toBe(1);
    expect(new Set(seenEager.map((s) => s.user)).size).toBeGreaterThan(400);
  });

  const readers: [string, Json, boolean, boolean][] = [
    ['sticky sessions', design({ stickySessions: true }), true, false],
    ['ip-hash', design({ algorithm: 'ip-hash' }), true, false],
    ['consistent hashing on the user', design({ algorithm: 'consistent-hash' }), true, false],
    ['consistent hashing on the key', design({ algorithm: 'consistent-hash', hashOn: 'key' }), false, true],
    ['in-memory sessions', design({}, { sessions: 'in-memory' }), true, false],
    ['a per-user rate limiter', design({}, {}, [{ id: 'rl', kind: 'rateLimiter', config: { scope: 'per-user', ratePerSec: 5 } }], [{ id: 'rx', from: 'rl', to: 'x' }]), true, false],
    ['a cache', design({}, {}, [{ id: 'c', kind: 'cache', config: {} }], [{ id: 'cx', from: 'c', to: 'x' }]), false, true],
    ['a database', design({}, {}, [{ id: 'db', kind: 'database', config: {} }]), false, true],
    ['a gateway with a per-user limit', design({}, {}, [{ id: 'gw', kind: 'apiGateway', config: { rateLimit: { scope: 'per-user', ratePerSec: 5 } } }], [{ id: 'gx', from: 'gw', to: 'x' }]), true, false],
    ['a gateway without one', design({}, {}, [{ id: 'gw', kind: 'apiGateway', config: {} }], [{ id: 'gx', from: 'gw', to: 'x' }]), false, false],
    ['a CDN', design({}, {}, [{ id: 'edge', kind: 'cdn', config: {} }], [{ id: 'ex', from: 'edge', to: 'x' }]), false, true],
    ['a queue', design({}, {}, [{ id: 'q', kind: 'queue', config: {} }], [{ id: 'qx', from: 'q', to: 'x' }]), false, false],
  ];
  for (const [what, doc, users, keys] of readers) {
    it(`${what}: the clients draw ${[users ? 'users' : '', keys ? 'keys' : ''].filter(Boolean).join(' and ') || 'neither'}`, () => {
      const e = engineOf(build(doc));
      expect(e.drawsUsers).toBe(users);
      expect(e.drawsKeys).toBe(keys);
    });
  }

  it('a live switch to ip-hash starts the draws, so users spread over the servers again', () => {
    const sim = build(design({}));
    const a = recordArrivals(sim, 'a');
    const b = recordArrivals(sim, 'b');
    sim.runUntil(1_000);
    sim.applyChange({ type: 'setAlgorithm', node: 'lb', algorithm: 'ip-hash' });
    sim.runToEnd();
    // Requests made after the switch (the first ones arrive a link's latency later).
    const toA = a.filter((s) => s.t > 1_050).length;
    const toB = b.filter((s) => s.t > 1_050).length;
    expect(toA + toB).toBeGreaterThan(5_000);
    // 500 users hashed over two servers: each gets about half, far from all or nothing.
    expect(toA / (toA + toB)).toBeGreaterThan(0.3);
    expect(toA / (toA + toB)).toBeLessThan(0.7);
  });
});
