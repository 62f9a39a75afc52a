/** The example document of SPEC §3, verbatim. */
export const specExample = {
  version: 1,
  name: 'Read-heavy API with cache',
  description: 'optional free text',
  seed: 42,
  durationMs: 60000,
  warmupMs: 5000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, config: { rps: 800 } },
    { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'least-connections' } },
    {
      id: 'web',
      kind: 'server',
      config: { replicas: 3, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 12 } },
    },
    { id: 'redis', kind: 'cache', config: { capacity: 5000, eviction: 'lru' } },
    { id: 'pg', kind: 'database', config: { connections: 20 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web' },
    { id: 'e3', from: 'web', to: 'redis', config: { latency: 0.5 } },
    { id: 'e4', from: 'redis', to: 'pg' },
  ],
  faults: [{ atMs: 30000, action: 'crash', target: 'pg' }],
};

/** A fresh deep copy of the SPEC example, safe to break in a test. */
export function example(): any {
  return structuredClone(specExample);
}
