import { createSimulation } from '../src/engine';
import { parseScenario } from '../src/model';
import { lb4 } from './scenarios';
const which = process.argv[2] ?? 'lb4';
const n = Number(process.argv[3] ?? 300000);
const doc = which === 'mm1' ? { version: 1, name: 'x', seed: 1, durationMs: n / 0.9, nodes: [{ id: 'c', kind: 'client', config: { rps: 900 } }, { id: 's', kind: 'server', config: { concurrency: 1, queueCapacity: 1000000, serviceTime: { dist: 'exponential', meanMs: 1 } } }], edges: [{ id: 'e', from: 'c', to: 's', config: { latency: 0 } }] } : lb4(n / 10);
const r = parseScenario(doc); if (!r.ok) throw new Error(JSON.stringify(r.errors));
const sim = createSimulation(r.scenario); sim.runToEnd();
console.log(sim.report().requests.generated);
