/**
 * Theory beside the simulation (THEORY.md, issue 12's theory panel): for every station of a
 * document where a closed form applies — M/M/c (Erlang C), M/D/1, M/G/1, Erlang B for a loss
 * station, the Che approximation for an LRU cache under independent keys, the token bucket's
 * bound — the prediction from the document and the offered load reaching it; where an
 * assumption does not hold (non-Poisson arrivals, blocking io, retries feeding back, …), which
 * one and why, instead of a number. Little's law, which needs no assumption, is checked on
 * any report. Pure, and cheap enough for the page: it depends on the model and the formulas
 * only, never on the engine.
 */
import type { NodeReport, Report } from '../engine';
import type { NodeOf, Scenario } from '../model';
import { cacheTheory, cdnTheory } from './caching';
import { nodeInflows, type Stream } from './flows';
import { limitTheory, rateLimiterTheory } from './limiter';
import { databaseTheory, queueTheory, serverTheory, station } from './stations';
import type { Prediction, StationTheory, TheoryReport } from './types';

export type { AssumptionId, FailedAssumption, Prediction, StationTheory, TheoryReport } from './types';
export { MAX_THEORY_KEYS } from './caching';

/**
 * The most (client path × node) pairs the theory follows: the streams carry one flow per
 * client and path through every node, so this bounds its work and memory.
 */
export const MAX_THEORY_FLOWS = 20_000_000;

/** The theory of every node of `scenario`, in the document's order. */
export function predictTheory(scenario: Scenario): TheoryReport {
  let flows = 0;
  for (const n of scenario.nodes) if (n.kind === 'client') flows += Object.keys(n.config.paths).length;
  if (flows * scenario.nodes.length > MAX_THEORY_FLOWS) {
    const text = `too large to follow here: ${flows} client paths through ${scenario.nodes.length} nodes`;
    return { stations: scenario.nodes.map((n) => ({ ...station(n, { flows: [] } as unknown as Stream), failed: [{ id: 'closed-form', text }] })) };
  }
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const calls = new Set(scenario.edges.map((e) => e.from));
  const hitRates = new Map<string, number | null>();
  const inflows = nodeInflows(scenario, {
    hitRate: (node, inflow) => {
      const t = node.kind === 'cache' ? cacheTheory(node, inflow, scenario, nodes) : cdnTheory(node as NodeOf<'cdn'>, inflow, scenario, nodes);
      const hit = t.predictions.find((p) => p.field === 'hitRate' && p.bound === undefined)?.value ?? null;
      hitRates.set(node.id, hit);
      return hit;
    },
    serverOutput: (node, inflow) => {
      const t = serverTheory(node, inflow, scenario, calls.has(node.id));
      return { poisson: t.outputNotPoisson, admitted: t.admitted };
    },
  });
  const stations = scenario.nodes.map((node): StationTheory => {
    const inflow = inflows.get(node.id) as Stream;
    switch (node.kind) {
      case 'server': {
        const { outputNotPoisson: _o, admitted: _a, ...t } = serverTheory(node, inflow, scenario, calls.has(node.id));
        return t;
      }
      case 'database':
        return databaseTheory(node, inflow, scenario);
      case 'queue':
        return queueTheory(node, inflow, scenario, nodes);
      case 'cache':
        return cacheTheory(node, inflow, scenario, nodes);
      case 'cdn':
        return cdnTheory(node, inflow, scenario, nodes);
      case 'rateLimiter':
        return rateLimiterTheory(node, inflow, scenario);
      case 'apiGateway':
        return node.config.rateLimit !== null ? limitTheory(node, node.config.rateLimit, inflow, scenario) : station(node, inflow);
      case 'client':
      case 'loadBalancer':
        return station(node, inflow);
    }
  });
  return { stations };
}

/** Figures the theory predicts that are not report fields but computed from them. */
const DERIVED: Record<string, (n: NodeReport, measuredMs: number) => number> = {
  rejectedFraction: (n) => (n.arrivals > 0 ? n.rejected / n.arrivals : 0),
  poolTimeoutFraction: (n) => (n.kind === 'database' && n.arrivals > 0 ? n.poolTimeouts / n.arrivals : NaN),
  allowedPerSec: (n, ms) => ('allowed' in n && ms > 0 ? ((n as { allowed: number }).allowed * 1000) / ms : NaN),
};

/** The simulated value of a prediction's `field` for `node` in `report`; NaN when the report has none. */
export function simulatedFigure(report: Report, node: string, field: string): number {
  const n = Object.prototype.hasOwnProperty.call(report.nodes, node) ? report.nodes[node] : undefined;
  if (n === undefined) return NaN;
  const derived = Object.prototype.hasOwnProperty.call(DERIVED, field) ? DERIVED[field] : undefined;
  if (derived !== undefined) return derived(n, report.simulatedMs - report.warmupMs);
  let cur: unknown = n;
  for (const s of field.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, s)) return NaN;
    cur = (cur as Record<string, unknown>)[s];
  }
  return typeof cur === 'number' ? cur : NaN;
}

/**
 * Little's law on a run's own numbers, at every node with a queue: the mean number waiting
 * must be the admitted arrival rate times the mean wait (Lq = λWq), and for a server the
 * mean number inside, λW. It needs no assumption but a long enough run; each prediction is
 * λ·W from the report, to set beside the report's L.
 */
export function littlesLaw(report: Report): { node: string; predictions: Prediction[] }[] {
  const measuredMs = report.simulatedMs - report.warmupMs;
  const out: { node: string; predictions: Prediction[] }[] = [];
  if (measuredMs <= 0) return out;
  for (const [id, n] of Object.entries(report.nodes)) {
    if (n.kind !== 'server' && n.kind !== 'database' && n.kind !== 'queue') continue;
    const lambda = (n.arrivals - n.rejected) / measuredMs;
    const predictions: Prediction[] = [{ field: 'meanQueueLength', label: "waiting, Lq = λ·Wq (Little's law)", value: lambda * n.meanWaitMs, unit: 'requests' }];
    if (n.kind === 'server') predictions.push({ field: 'meanInSystem', label: "inside, L = λ·W (Little's law)", value: lambda * n.meanResponseMs, unit: 'requests' });
    out.push({ node: id, predictions });
  }
  return out;
}
