/**
 * Run by test/engine/traceMemory.test.ts in a Node of its own (with --expose-gc): one
 * simulated hour with tracing on, printing the heap after a full collection at every
 * twelfth of the run, as JSON.
 */
import { createSimulation } from '../../src/engine';
import { parseScenario } from '../../src/model';

const rps = Number(process.argv[2] ?? 1000);
const parsed = parseScenario({
  version: 1,
  name: 'an hour with traces on',
  seed: 1,
  durationMs: 3_600_000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps } },
    { id: 'lb', kind: 'loadBalancer' },
    { id: 'web', kind: 'server', config: { replicas: 2, concurrency: 4, serviceTime: { dist: 'exponential', meanMs: 2 } } },
    { id: 'db', kind: 'database', config: { connections: 8, readTime: { dist: 'exponential', meanMs: 1 } } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web', config: { timeoutMs: 50, retry: { maxAttempts: 2, baseDelayMs: 5 } } },
    { id: 'e3', from: 'web', to: 'db' },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const sim = createSimulation(parsed.scenario, { traces: {} });
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const heapMB: number[] = [];
for (let k = 1; k <= 12; k++) {
  sim.runUntil((3_600_000 * k) / 12);
  gc();
  heapMB.push(process.memoryUsage().heapUsed / 2 ** 20);
}
const t = sim.traces()!;
process.stdout.write(`${JSON.stringify({ heapMB, requests: sim.report().requests.generated, sampled: t.sampled.length, slowest: t.slowest.length })}\n`);
