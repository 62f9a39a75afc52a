/** Shared test helpers: build scenarios from terse documents, run them, replicate over seeds. */
import { createSimulation, type Report, type Simulation } from '../src/engine';
import { parseScenario, type Scenario } from '../src/model';

export function scenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario({ version: 1, name: 'test', ...doc });
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

export function run(doc: Record<string, unknown>, overrides: { seed?: number; durationMs?: number } = {}): Report {
  const sim = createSimulation(scenario(doc), overrides);
  sim.runToEnd();
  return sim.report();
}

export function build(doc: Record<string, unknown>): Simulation {
  return createSimulation(scenario(doc));
}

/** Mean and standard error of a statistic over independent replications (one seed each). */
export function replicate(seeds: number[], stat: (seed: number) => number): { mean: number; se: number; values: number[] } {
  const values = seeds.map(stat);
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n), values };
}

export const seeds = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

/** A client → server station: Poisson arrivals, `c` workers, an unbounded-enough queue, no network delay. */
export function station(opts: { rps: number; c: number; service: unknown; durationMs: number; warmupMs: number }) {
  return {
    durationMs: opts.durationMs,
    warmupMs: opts.warmupMs,
    nodes: [
      { id: 'users', kind: 'client', config: { rps: opts.rps } },
      {
        id: 'web',
        kind: 'server',
        config: { replicas: 1, concurrency: opts.c, queueCapacity: 100_000, serviceTime: opts.service },
      },
    ],
    edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0 } }],
  };
}

/** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  const rho = a / c;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = ((term * a) / c) * (1 / (1 - rho));
  return last / (sum + last);
}
