/** The scenario a first visit starts with: client → load balancer → server, left to right. */
import { formatErrors, parseScenario, type Scenario } from '../../model';

export const DEFAULT_SCENARIO_DOCUMENT = {
  version: 1,
  name: 'Web service behind a load balancer',
  description: '800 requests a second spread round-robin over two replicas of a web server.',
  seed: 42,
  durationMs: 60_000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 40, y: 120 }, config: { rps: 800 } },
    {
      id: 'lb',
      kind: 'loadBalancer',
      label: 'Load balancer',
      position: { x: 340, y: 120 },
      config: { algorithm: 'round-robin' },
    },
    {
      id: 'web',
      kind: 'server',
      label: 'Web',
      position: { x: 640, y: 120 },
      config: { replicas: 2, concurrency: 4, serviceTime: { dist: 'exponential', meanMs: 8 } },
    },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web' },
  ],
};

export function defaultScenario(): Scenario {
  const result = parseScenario(DEFAULT_SCENARIO_DOCUMENT);
  if (!result.ok) throw new Error(`The default scenario is invalid:\n${formatErrors(result.errors)}`);
  return result.scenario;
}
