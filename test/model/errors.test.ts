import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenario, parseScenarioText, type FieldError } from '../../src/model';
import { example } from './fixtures';

/** The errors for a document that must be refused. */
function errorsOf(doc: unknown): FieldError[] {
  const result = parseScenario(doc);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

/** Changes a fresh copy of the SPEC example; returns its errors as `path: message` lines ([] if it is valid). */
function refuse(change: (doc: any) => void): string[] {
  const doc = example();
  change(doc);
  const result = parseScenario(doc);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('an invalid document is refused with a message naming the field', () => {
  it('negative rps', () => {
    expect(refuse((d) => (d.nodes[0].config.rps = -1))).toEqual(['nodes[0].config.rps: must be a number ≥ 0']);
  });

  it('replicas 0, and a fractional replica count', () => {
    expect(refuse((d) => (d.nodes[2].config.replicas = 0))).toEqual([
      'nodes[2].config.replicas: must be an integer ≥ 1',
    ]);
    expect(refuse((d) => (d.nodes[2].config.replicas = 1.5))).toEqual([
      'nodes[2].config.replicas: must be an integer from 1 to 1000',
    ]);
  });

  it('a value of the wrong type', () => {
    expect(refuse((d) => (d.nodes[2].config.concurrency = '8'))).toEqual([
      'nodes[2].config.concurrency: must be an integer from 1 to 10000',
    ]);
    expect(refuse((d) => (d.nodes[1].config.stickySessions = 'yes'))).toEqual([
      'nodes[1].config.stickySessions: must be true or false',
    ]);
    expect(refuse((d) => (d.nodes = {}))).toEqual(['nodes: must be a list']);
  });

  it('an edge to a missing node', () => {
    expect(refuse((d) => (d.edges[2].to = 'pgx'))).toEqual(['edges[2].to: no node with id "pgx"']);
    expect(refuse((d) => (d.edges[0].from = 'e2'))).toEqual(['edges[0].from: "e2" is an edge, not a node']);
  });

  it('an edge from a node to itself', () => {
    expect(refuse((d) => (d.edges[1].to = 'lb'))).toEqual(['edges[1].to: an edge cannot connect a node to itself']);
  });

  it('an unknown field at the top level, in a node and in a config, with a suggestion', () => {
    expect(refuse((d) => (d.sed = 1))).toEqual(['sed: unknown field "sed" (did you mean "seed"?)']);
    expect(refuse((d) => (d.nodes[1].lable = 'LB'))).toEqual(['nodes[1].lable: unknown field "lable" (did you mean "label"?)']);
    expect(refuse((d) => (d.nodes[2].config.replica = 2))).toEqual([
      'nodes[2].config.replica: unknown field "replica" (did you mean "replicas"?)',
    ]);
    expect(refuse((d) => (d.edges[0].config = { colour: 'red' }))).toEqual(['edges[0].config.colour: unknown field "colour"']);
    expect(refuse((d) => (d.nodes[2].config.serviceTime.mean = 1))).toEqual([
      'nodes[2].config.serviceTime.mean: unknown field "mean" (did you mean "meanMs"?)',
    ]);
  });

  it('a field that belongs to another kind', () => {
    expect(refuse((d) => (d.nodes[3].config.connections = 5))).toEqual(['nodes[3].config.connections: unknown field "connections"']);
  });

  it('a duplicate id, among nodes and edges together', () => {
    expect(refuse((d) => (d.nodes[4].id = 'web'))).toContain('nodes[4].id: duplicate id "web" (already used by nodes[2])');
    expect(refuse((d) => (d.edges[3].id = 'redis'))).toEqual(['edges[3].id: duplicate id "redis" (already used by nodes[3])']);
  });

  it('an invalid id', () => {
    const message = 'must be 1–64 characters, each a letter, digit, "_" or "-"';
    expect(refuse((d) => (d.edges[0].id = 'e 1'))).toEqual([`edges[0].id: ${message}`]);
    expect(refuse((d) => (d.edges[0].id = ''))).toEqual([`edges[0].id: ${message}`]);
    expect(refuse((d) => (d.edges[0].id = 'x'.repeat(65)))).toEqual([`edges[0].id: ${message}`]);
    expect(refuse((d) => (d.edges[0].id = 'x'.repeat(64)))).toEqual([]);
  });

  it('durationMs 0 and more than 24 h', () => {
    expect(refuse((d) => (d.durationMs = 0))).toEqual(['durationMs: must be a number ≥ 1']);
    expect(refuse((d) => (d.durationMs = 86_400_001))).toEqual(['durationMs: must be a number ≤ 86400000 (24 h)']);
    expect(refuse((d) => (d.durationMs = 86_400_000))).toEqual([]);
  });

  it('a seed that is not a whole number', () => {
    expect(refuse((d) => (d.seed = 1.5))).toEqual(['seed: must be an integer']);
    expect(refuse((d) => (d.seed = -7))).toEqual([]);
  });

  it('sizes beyond what a run can hold', () => {
    expect(refuse((d) => (d.nodes[0].config.users = 1e9))).toEqual(['nodes[0].config.users: must be an integer ≤ 1000000']);
    expect(refuse((d) => (d.nodes[2].config.replicas = 5000))).toEqual(['nodes[2].config.replicas: must be an integer ≤ 1000']);
  });

  it('a warm-up as long as the run', () => {
    expect(refuse((d) => (d.warmupMs = 60000))).toEqual(['warmupMs: must be less than durationMs (60000)']);
    expect(refuse((d) => (delete d.durationMs, (d.warmupMs = 70000)))).toEqual([
      'warmupMs: must be less than durationMs (60000)',
    ]);
  });

  it('a bad distribution', () => {
    expect(refuse((d) => (d.nodes[2].config.serviceTime = { dist: 'normal', meanMs: 5 }))).toEqual([
      'nodes[2].config.serviceTime.dist: must be one of: constant, exponential, uniform, lognormal, erlang',
    ]);
    expect(refuse((d) => (d.nodes[2].config.serviceTime = { meanMs: 5 }))).toEqual([
      'nodes[2].config.serviceTime.dist: is required',
    ]);
    expect(refuse((d) => (d.nodes[2].config.serviceTime = { dist: 'exponential' }))).toEqual([
      'nodes[2].config.serviceTime.meanMs: is required',
    ]);
    expect(refuse((d) => (d.nodes[2].config.serviceTime = { dist: 'uniform', minMs: 9, maxMs: 1 }))).toEqual([
      'nodes[2].config.serviceTime.maxMs: must be ≥ minMs (9)',
    ]);
    expect(refuse((d) => (d.nodes[2].config.serviceTime = -3))).toEqual(['nodes[2].config.serviceTime: must be a number ≥ 0']);
    expect(refuse((d) => (d.nodes[2].config.serviceTime = 'fast'))).toEqual([
      'nodes[2].config.serviceTime: must be a number of ms ≥ 0 or a distribution such as {"dist":"exponential","meanMs":10}',
    ]);
    expect(refuse((d) => (d.edges[0].config = { latency: { dist: 'erlang', meanMs: 2, k: 0 } }))).toEqual([
      'edges[0].config.latency.k: must be an integer ≥ 1',
    ]);
  });

  it('an unknown node kind, or none', () => {
    expect(refuse((d) => (d.nodes[3].kind = 'redis'))).toEqual([
      'nodes[3].kind: must be one of: client, loadBalancer, apiGateway, rateLimiter, server, cache, cdn, queue, database',
    ]);
    expect(refuse((d) => delete d.nodes[3].kind)).toEqual(['nodes[3].kind: is required']);
  });

  it('an unknown enum value lists the allowed ones', () => {
    expect(refuse((d) => (d.nodes[1].config.algorithm = 'fastest'))).toEqual([
      'nodes[1].config.algorithm: must be one of: round-robin, weighted-round-robin, least-connections, least-response-time, ip-hash, consistent-hash, random, power-of-two-choices',
    ]);
  });

  it('out-of-range probabilities, weights and rates', () => {
    expect(refuse((d) => (d.nodes[0].config.writeFraction = 1.2))).toEqual(['nodes[0].config.writeFraction: must be a number ≤ 1']);
    expect(refuse((d) => (d.nodes[2].config.errorRate = -0.1))).toEqual(['nodes[2].config.errorRate: must be a number ≥ 0']);
    expect(refuse((d) => (d.nodes[0].config.paths = { '/api': 0 }))).toEqual(['nodes[0].config.paths["/api"]: must be a number > 0']);
    expect(refuse((d) => (d.nodes[0].config.paths = {}))).toEqual(['nodes[0].config.paths: must name at least one path']);
    expect(refuse((d) => (d.edges[1].config = { weight: 0 }))).toEqual(['edges[1].config.weight: must be a number > 0']);
    expect(refuse((d) => (d.nodes[3].config.ttlMs = 0))).toEqual(['nodes[3].config.ttlMs: must be a number > 0']);
  });

  it('schedules out of order or before time 0', () => {
    expect(
      refuse((d) => (d.nodes[0].config.rateSchedule = [{ atMs: 100, rps: 1 }, { atMs: 50, rps: 2 }, { atMs: -1, rps: 1 }])),
    ).toEqual([
      // The order is checked once every step is valid on its own.
      'nodes[0].config.rateSchedule[2].atMs: must be a number ≥ 0',
    ]);
    expect(refuse((d) => (d.nodes[0].config.rateSchedule = [{ atMs: 100, rps: 1 }, { atMs: 50, rps: 2 }]))).toEqual([
      "nodes[0].config.rateSchedule[1].atMs: must be later than the previous step's atMs (100)",
    ]);
  });

  it('autoscale min above max', () => {
    expect(refuse((d) => (d.nodes[2].config.autoscale = { min: 5, max: 3 }))).toEqual([
      'nodes[2].config.autoscale.max: must be ≥ min (5)',
    ]);
  });

  it('a fault on a missing target, or on the wrong kind of target', () => {
    expect(refuse((d) => (d.faults[0].target = 'pgx'))).toEqual(['faults[0].target: no node or edge with id "pgx"']);
    expect(refuse((d) => (d.faults[0].target = 'e1'))).toEqual(['faults[0].target: "e1" is an edge; crash acts on a node']);
    expect(refuse((d) => (d.faults[0].action = 'partition'))).toEqual(['faults[0].target: "pg" is a node; partition acts on an edge']);
    expect(refuse((d) => d.faults.push({ atMs: 1, action: 'heal', target: 'e1', instance: 0 }))).toEqual([
      'faults[1].instance: applies only to crash, recover and slow',
    ]);
  });

  it('the resilience and scaling settings of issue 7, each refused with its field, and all at once', () => {
    const threshold = 'edges[1].config.circuitBreaker.failureRateThreshold: must be a number ≤ 1';
    const backoff = 'edges[1].config.retry.baseDelayMs: must be a number ≥ 0';
    const budget = 'edges[1].config.retry.budgetRatio: must be a number ≥ 0';
    const fault = 'faults[0].target: no node or edge with id "db"';
    const autoscale = 'nodes[2].config.autoscale.max: must be ≥ min (5)';
    expect(refuse((d) => (d.edges[1].config = { circuitBreaker: { failureRateThreshold: 2 } }))).toEqual([threshold]);
    expect(refuse((d) => (d.edges[1].config = { retry: { baseDelayMs: -100 } }))).toEqual([backoff]);
    expect(refuse((d) => (d.edges[1].config = { retry: { budgetRatio: -1 } }))).toEqual([budget]);
    expect(refuse((d) => (d.faults[0].target = 'db'))).toEqual([fault]);
    expect(refuse((d) => (d.nodes[2].config.autoscale = { min: 5, max: 3 }))).toEqual([autoscale]);
    expect(
      refuse((d) => {
        d.edges[1].config = { retry: { baseDelayMs: -100, budgetRatio: -1 }, circuitBreaker: { failureRateThreshold: 2 } };
        d.faults[0].target = 'db';
        d.nodes[2].config.autoscale = { min: 5, max: 3 };
      }),
    ).toEqual([autoscale, backoff, budget, threshold, fault]);
    // And the values next to them are fine.
    expect(refuse((d) => (d.edges[1].config = { retry: { budgetRatio: 0.2, baseDelayMs: 0 }, circuitBreaker: { failureRateThreshold: 1 } }))).toEqual([]);
    expect(refuse((d) => (d.nodes[2].config.autoscale = { min: 3, max: 3 }))).toEqual([]);
  });

  it('idempotency keys are on or off, and off unless asked for', () => {
    expect(refuse((d) => (d.edges[1].config = { idempotencyKeys: 'yes' }))).toEqual(['edges[1].config.idempotencyKeys: must be true or false']);
    expect(refuse((d) => (d.edges[1].config = { idempotencyKeys: true }))).toEqual([]);
    const parsed = parseScenario({ version: 1, nodes: [{ id: 'a', kind: 'server' }, { id: 'b', kind: 'database' }], edges: [{ id: 'e', from: 'a', to: 'b' }] });
    expect(parsed.ok && parsed.scenario.edges[0].config.idempotencyKeys).toBe(false);
  });

  it('a gateway route to a missing node', () => {
    expect(
      refuse((d) => d.nodes.push({ id: 'gw', kind: 'apiGateway', config: { routes: [{ pathPrefix: '/s', to: 'cdn' }] } })),
    ).toEqual(['nodes[5].config.routes[0].to: no node with id "cdn"']);
  });

  it('a missing required field', () => {
    expect(refuse((d) => delete d.edges[1].from)).toEqual(['edges[1].from: is required']);
    expect(refuse((d) => delete d.faults[0].atMs)).toEqual(['faults[0].atMs: is required']);
  });

  it('something that is not an object', () => {
    expect(errorsOf([1, 2])).toEqual([{ path: '(document)', message: 'must be a JSON object' }]);
    expect(errorsOf(null)).toEqual([{ path: '(document)', message: 'must be a JSON object' }]);
  });
});

describe('every error in a document is reported', () => {
  it('lists them all, in document order', () => {
    const errors = refuse((d) => {
      d.durationMs = 0;
      d.extra = true;
      d.nodes[0].config.rps = -5;
      d.nodes[2].config.replicas = 0;
      d.nodes[2].config.concurrency = 2.5;
      d.nodes[3].config.eviction = 'mru';
      d.nodes.push({ id: 'web', kind: 'queue' });
      d.edges[2].to = 'pgx';
      d.edges[3].config = { latency: -1 };
      d.faults[0].action = 'explode';
    });
    expect(errors).toEqual([
      'durationMs: must be a number ≥ 1',
      'nodes[0].config.rps: must be a number ≥ 0',
      'nodes[2].config.replicas: must be an integer ≥ 1',
      'nodes[2].config.concurrency: must be an integer from 1 to 10000',
      'nodes[3].config.eviction: must be one of: lru, lfu, fifo, random',
      'nodes[5].id: duplicate id "web" (already used by nodes[2])',
      'edges[2].to: no node with id "pgx"',
      'edges[3].config.latency: must be a number ≥ 0',
      'faults[0].action: must be one of: crash, recover, slow, partition, heal',
      'extra: unknown field "extra"',
    ]);
  });

  it('reports a missing version together with the other errors', () => {
    const errors = refuse((d) => {
      delete d.version;
      d.nodes[2].config.replicas = 0;
    });
    expect(errors).toEqual(['version: is required', 'nodes[2].config.replicas: must be an integer ≥ 1']);
  });
});

describe('formatErrors', () => {
  it('writes one "path: message" line per error', () => {
    expect(
      formatErrors([
        { path: 'nodes[3].config.replicas', message: 'must be an integer ≥ 1' },
        { path: 'edges[2].to', message: 'no node with id "pgx"' },
      ]),
    ).toBe('nodes[3].config.replicas: must be an integer ≥ 1\nedges[2].to: no node with id "pgx"');
  });
});

describe('parseScenarioText', () => {
  it('parses a valid JSON text', () => {
    const result = parseScenarioText(JSON.stringify(example()));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['{"version": 1,}', 'expected a double-quoted field name at line 1, column 15'],
    ['{\n  "version": 1\n  "nodes": []\n}', "expected ',' or '}' at line 3, column 3"],
    ['{"version": 1', 'unexpected end of text at line 1, column 14'],
    ["{'version': 1}", 'expected a double-quoted field name at line 1, column 2'],
    ['version: 1', 'unexpected character "v" at line 1, column 1'],
    ['{"version": 1} x', 'unexpected text after the end of the JSON value at line 1, column 16'],
    ['   ', 'the text is empty'],
  ])('refuses %j: not valid JSON, and where', (text, where) => {
    expect(parseScenarioText(text)).toEqual({
      ok: false,
      errors: [{ path: '(document)', message: `is not valid JSON: ${where}` }],
    });
  });

  it('validates the parsed document', () => {
    const result = parseScenarioText('{"version": 1, "nodes": [{"id": "a", "kind": "server", "config": {"replicas": 0}}]}');
    expect(result).toEqual({ ok: false, errors: [{ path: 'nodes[0].config.replicas', message: 'must be an integer ≥ 1' }] });
  });
});
