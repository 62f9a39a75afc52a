/** A valid document that cannot run yet is refused with one message per problem. */
import { describe, expect, it } from 'vitest';
import { checkRunnable, createSimulation, isSimulated, NotRunnableError } from '../../src/engine';
import { kindDefinitions, NODE_KINDS } from '../../src/model';
import { scenario } from '../helpers';

describe('checkRunnable', () => {
  it('names each node of a kind that is not simulated yet, by its label', () => {
    const pending = NODE_KINDS.filter((k) => !isSimulated(k));
    const ids = pending.map((_, i) => `n${i}`);
    const s = scenario({
      nodes: [{ id: 'users', kind: 'client' }, ...pending.map((kind, i) => ({ id: ids[i], kind })), { id: 'web', kind: 'server' }],
      edges: [...['users', ...ids].map((from, i) => ({ id: `e${i}`, from, to: ids[i] ?? 'web' }))],
    });
    expect(checkRunnable(s)).toEqual(
      pending.map((kind, i) => `node "${ids[i]}" (${kindDefinitions[kind].label}): this kind is not simulated yet in this version of archsim`),
    );
    if (pending.length > 0) expect(() => createSimulation(s)).toThrow(NotRunnableError);
  });

  it('simulates the data tier, and refuses a cache or CDN without one downstream node, a queue without consumers and a database that calls out', () => {
    for (const kind of ['cache', 'cdn', 'queue', 'database'] as const) expect(isSimulated(kind)).toBe(true);
    const problems = checkRunnable(
      scenario({
        nodes: [
          { id: 'users', kind: 'client' },
          { id: 'redis', kind: 'cache' },
          { id: 'edge', kind: 'cdn' },
          { id: 'jobs', kind: 'queue' },
          { id: 'pg', kind: 'database' },
          { id: 'web', kind: 'server' },
        ],
        edges: [
          { id: 'e1', from: 'users', to: 'edge' },
          { id: 'e2', from: 'edge', to: 'web' },
          { id: 'e3', from: 'edge', to: 'pg' },
          { id: 'e4', from: 'pg', to: 'jobs' },
        ],
      }),
    );
    expect(problems).toEqual([
      'cache "redis" has no downstream node: connect it to what it caches (a database, a service, an origin)',
      'CDN "edge" has 2 outgoing edges: it stands in front of a single node',
      'queue "jobs" has no consumer: connect it to the service that processes its messages',
      'database "pg" calls nothing, but edge "e4" leaves it: remove the edge',
    ]);
  });

  it('refuses cycles, edges into clients and a missing client', () => {
    const problems = checkRunnable(
      scenario({
        nodes: [
          { id: 'a', kind: 'server', config: { autoscale: {} } },
          { id: 'b', kind: 'server' },
        ],
        edges: [
          { id: 'ab', from: 'a', to: 'b' },
          { id: 'ba', from: 'b', to: 'a' },
        ],
      }),
    );
    expect(problems).toEqual([
      'there is no client: nothing sends requests (add a client and connect it)',
      'the calls form a cycle (a → b → a): every request would go round it forever',
    ]);
  });

  it('refuses a rate limiter with no or several downstream nodes and a gateway route without its edge', () => {
    const problems = checkRunnable(
      scenario({
        nodes: [
          { id: 'users', kind: 'client', config: { users: 100_000 } },
          { id: 'gw', kind: 'apiGateway', config: { routes: [{ pathPrefix: '/static', to: 'cdn' }] } },
          { id: 'rl', kind: 'rateLimiter', config: { algorithm: 'sliding-window-log', scope: 'per-user', limit: 100 } },
          { id: 'lone', kind: 'rateLimiter' },
          { id: 'web', kind: 'server' },
          { id: 'cdn', kind: 'server' },
        ],
        edges: [
          { id: 'e0', from: 'users', to: 'gw' },
          { id: 'e1', from: 'gw', to: 'rl' },
          { id: 'e2', from: 'rl', to: 'web' },
          { id: 'e3', from: 'rl', to: 'cdn' },
        ],
      }),
    );
    expect(problems).toEqual([
      'API gateway "gw": routes[0] ("/static") goes to "cdn", which it has no edge to: connect them',
      'rate limiter "rl" has 2 outgoing edges: it passes requests to a single node (put a load balancer or a gateway behind it)',
      'rate limiter "lone" has no outgoing edge: connect it to what it protects',
    ]);
  });
});
