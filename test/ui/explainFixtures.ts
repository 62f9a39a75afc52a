/** Small live states for the explainer's rule tests: a design, each node's and edge's numbers. */
import { parseScenario, type Scenario } from '../../src/model';
import { explainContext, type ExplainContext } from '../../src/ui/explain/context';
import type { LiveEdge, LiveNode } from '../../src/ui/store/liveState';

export function design(nodes: unknown[], edges: unknown[]): Scenario {
  const r = parseScenario({ version: 1, name: 't', nodes, edges });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

export function node(over: Partial<LiveNode> = {}): LiveNode {
  return {
    utilization: 0.3,
    queueLength: 0,
    arrivals: 0,
    instancesUp: 1,
    instancesTotal: 1,
    rateRps: 100,
    hitRateSmoothed: null,
    limitedRps: 0,
    allowedRps: 0,
    callsOkRps: 0,
    callsFailedRps: 0,
    ...over,
  };
}

export function edge(over: Partial<LiveEdge> = {}): LiveEdge {
  return {
    callsPerSec: 100,
    retriesPerSec: 0,
    okPerSec: 100,
    errorPerSec: 0,
    rejectedPerSec: 0,
    timeoutPerSec: 0,
    shortCircuitedPerSec: 0,
    failRate: 0,
    circuitState: null,
    circuitOpenedAtMs: null,
    ...over,
  };
}

export function ctx(scenario: Scenario, nodes: Record<string, LiveNode>, edges: Record<string, LiveEdge>, simTimeMs = 10_000): ExplainContext {
  return explainContext(scenario, simTimeMs, nodes, edges);
}
