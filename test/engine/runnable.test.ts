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

  it('refuses cycles, edges into clients, autoscale and a missing client', () => {
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
      'node "a": autoscale is not simulated yet in this version of archsim (use scaleSchedule)',
      'the calls form a cycle (a → b → a): every request would go round it forever',
    ]);
  });
});
