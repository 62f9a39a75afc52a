/** A valid document that cannot run yet is refused with one message per problem. */
import { describe, expect, it } from 'vitest';
import { checkRunnable, createSimulation, NotRunnableError } from '../../src/engine';
import { scenario } from '../helpers';

describe('checkRunnable', () => {
  it('names each node of a kind that is not simulated yet, by its label', () => {
    const s = scenario({
      nodes: [
        { id: 'users', kind: 'client' },
        { id: 'redis', kind: 'cache' },
        { id: 'pg', kind: 'database' },
      ],
      edges: [
        { id: 'e1', from: 'users', to: 'redis' },
        { id: 'e2', from: 'redis', to: 'pg' },
      ],
    });
    const problems = checkRunnable(s);
    expect(problems).toEqual([
      'node "redis" (Cache): this kind is not simulated yet in this version of archsim',
      'node "pg" (Database): this kind is not simulated yet in this version of archsim',
    ]);
    expect(() => createSimulation(s)).toThrow(NotRunnableError);
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
