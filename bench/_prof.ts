import { createSimulation } from '../src/engine';
import { parseScenario } from '../src/model';
import { lb4, mm1 } from './scenarios';
const which = process.argv[2] ?? 'lb4';
const doc = which === 'mm1' ? { ...mm1(3_000_000), nodes: [{ id: 'c', kind: 'client', config: { rps: 900 } }, { id: 's', kind: 'server', config: { concurrency: 1, queueCapacity: 1000000, serviceTime: { dist: 'exponential', meanMs: 1 } } }], edges: [{ id: 'e', from: 'c', to: 's', config: { latency: 0 } }] } : lb4(300_000);
const r = parseScenario(doc); if (!r.ok) throw new Error(JSON.stringify(r.errors));
for (let rep = 0; rep < 3; rep++) {
const t0 = performance.now(); const c0 = process.cpuUsage();
const sim = createSimulation(r.scenario); sim.runToEnd();
const rp = sim.report();
const cpu = process.cpuUsage(c0); console.log(which, (rp.requests.generated / ((performance.now()-t0)/1000) / 1e6).toFixed(2), 'M req/s wall;', (rp.requests.generated / ((cpu.user+cpu.system)/1e6) / 1e6).toFixed(2), 'M req/s cpu', (rp.events/rp.requests.generated).toFixed(2), 'events/req');
}
