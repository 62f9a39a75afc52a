/**
 * Schema bounds that mean something (issue 11): a cap on every rate, a floor under every
 * timer that repeats, weights that cannot overflow a policy, lists that cannot run away —
 * each refusal naming the field and the bound, and every document we ship still valid.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText } from '../../src/model';
import { example } from './fixtures';

/** The SPEC example changed by `change`: its errors as `path: message` lines ([] if valid). */
function refuse(change: (doc: any) => void): string[] {
  const doc = example();
  change(doc);
  const result = parseScenario(doc);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('rates have an upper bound', () => {
  it('a client rps of 1e15 or 1e308 is refused, naming the field and the bound', () => {
    for (const rps of [1e15, 1e308, 1_000_001]) {
      expect(refuse((d) => (d.nodes[0].config.rps = rps))).toEqual(['nodes[0].config.rps: must be a number ≤ 1000000']);
    }
    expect(refuse((d) => (d.nodes[0].config.rps = 1_000_000))).toEqual([]);
  });

  it('so is a rate schedule step of 1e15', () => {
    expect(refuse((d) => (d.nodes[0].config.rateSchedule = [{ atMs: 1000, rps: 1e15 }]))).toEqual([
      'nodes[0].config.rateSchedule[0].rps: must be a number ≤ 1000000',
    ]);
  });

  it("and a rate limiter's ratePerSec, standalone or in a gateway", () => {
    expect(refuse((d) => d.nodes.push({ id: 'rl', kind: 'rateLimiter', config: { ratePerSec: 1e308 } }))).toEqual([
      'nodes[5].config.ratePerSec: must be a number ≤ 1000000',
    ]);
    expect(refuse((d) => d.nodes.push({ id: 'gw', kind: 'apiGateway', config: { rateLimit: { ratePerSec: 1e9 } } }))).toEqual([
      'nodes[5].config.rateLimit.ratePerSec: must be a number ≤ 1000000',
    ]);
  });
});

describe('timers that repeat have a lower bound', () => {
  it('healthCheck.intervalMs of 1e-9 or 5e-324 is refused (the run used to spin forever)', () => {
    for (const intervalMs of [1e-9, 5e-324, 0.5]) {
      expect(refuse((d) => (d.nodes[1].config.healthCheck = { intervalMs }))).toEqual([
        'nodes[1].config.healthCheck.intervalMs: must be a number ≥ 1',
      ]);
    }
    expect(refuse((d) => (d.nodes[1].config.healthCheck = { intervalMs: 1 }))).toEqual([]);
  });

  it('so are autoscale.evaluateEveryMs, breaker windows and write-back flushes below 1 ms; lazy limiter windows below 1 µs', () => {
    expect(refuse((d) => (d.nodes[2].config.autoscale = { evaluateEveryMs: 1e-3 }))).toEqual([
      'nodes[2].config.autoscale.evaluateEveryMs: must be a number ≥ 1',
    ]);
    expect(refuse((d) => d.nodes.push({ id: 'rl', kind: 'rateLimiter', config: { windowMs: 5e-324 } }))).toEqual([
      'nodes[5].config.windowMs: must be a number ≥ 0.001',
    ]);
    expect(refuse((d) => d.nodes.push({ id: 'rl', kind: 'rateLimiter', config: { windowMs: 0.1 * 3 } }))).toEqual([]);
    expect(refuse((d) => (d.edges[2].config = { circuitBreaker: { windowMs: 0.01 } }))).toEqual([
      'edges[2].config.circuitBreaker.windowMs: must be a number ≥ 1',
    ]);
    expect(refuse((d) => (d.nodes[3].config = { strategy: 'write-back', flushDelayMs: 0 }))).toEqual([
      'nodes[3].config.flushDelayMs: must be a number ≥ 1',
    ]);
  });
});

describe('weights are bounded so that no policy can overflow', () => {
  it('equal edge weights of 1e308 are refused (smooth weighted round robin summed them to Infinity)', () => {
    const errors = refuse((d) => {
      d.nodes[2].config.replicas = 1;
      d.nodes.push({ id: 'web2', kind: 'server' });
      d.edges.push({ id: 'e5', from: 'lb', to: 'web2', config: { weight: 1e308 } });
      d.edges[1].config = { weight: 1e308 };
    });
    expect(errors).toEqual([
      'edges[1].config.weight: must be a number ≤ 1000000',
      'edges[4].config.weight: must be a number ≤ 1000000',
    ]);
    expect(refuse((d) => (d.edges[1].config = { weight: 1_000_000 }))).toEqual([]);
  });

  it("and so are a client's path weights", () => {
    expect(refuse((d) => (d.nodes[0].config.paths = { '/a': 1e308, '/b': 1e308 }))).toEqual([
      'nodes[0].config.paths["/a"]: must be a number ≤ 1000000',
      'nodes[0].config.paths["/b"]: must be a number ≤ 1000000',
    ]);
  });
});

describe('lists, counters and positions have bounds', () => {
  it('more than 10,000 schedule steps, 10,000 nodes or 10,000 faults', () => {
    const steps = Array.from({ length: 10_001 }, (_, k) => ({ atMs: k, rps: 1 }));
    expect(refuse((d) => (d.nodes[0].config.rateSchedule = steps))).toEqual([
      'nodes[0].config.rateSchedule: must have at most 10000 entries',
    ]);
    const nodes = Array.from({ length: 10_001 }, (_, k) => ({ id: `n${k}`, kind: 'server' }));
    expect(parseScenario({ version: 1, nodes })).toEqual({ ok: false, errors: [{ path: 'nodes', message: 'must have at most 10000 entries' }] });
    const faults = Array.from({ length: 10_001 }, (_, k) => ({ atMs: k, action: 'slow', target: 'web' }));
    expect(refuse((d) => (d.faults = faults))).toEqual(['faults: must have at most 10000 entries']);
  });

  it('a fault on an instance past the largest server, counters past 10,000,000, a position of 1e308', () => {
    expect(refuse((d) => (d.faults = [{ atMs: 1, action: 'crash', target: 'web', instance: 1000 }]))).toEqual([
      'faults[0].instance: must be an integer ≤ 999',
    ]);
    expect(refuse((d) => (d.edges[1].config = { bulkhead: { maxConcurrent: 1e15 } }))).toEqual([
      'edges[1].config.bulkhead.maxConcurrent: must be an integer ≤ 10000000',
    ]);
    expect(refuse((d) => (d.nodes[0].position = { x: 1e308, y: 0 }))).toEqual(['nodes[0].position.x: must be a number ≤ 1000000']);
  });

  it('queue deliveries are bounded like retries', () => {
    expect(refuse((d) => d.nodes.push({ id: 'q', kind: 'queue', config: { maxAttempts: 1e9, batchSize: 1e9 } }))).toEqual([
      'nodes[5].config.batchSize: must be an integer ≤ 10000',
      'nodes[5].config.maxAttempts: must be an integer ≤ 100',
    ]);
  });
});

describe('every document we ship stays valid', () => {
  const root = resolve(__dirname, '../..');
  const files = [
    ...readdirSync(resolve(root, 'examples')).map((f) => resolve(root, 'examples', f)),
    resolve(root, 'e2e/fixtures/determinism.json'),
  ].filter((f) => f.endsWith('.json'));
  for (const file of files) {
    it(file.slice(root.length + 1), () => {
      const result = parseScenarioText(readFileSync(file, 'utf8'));
      expect(result.ok ? [] : result.errors).toEqual([]);
    });
  }
});
