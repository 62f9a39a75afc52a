/** The explainer: every rule run over the live state, failing findings first. */
import type { Scenario } from '../../model';
import type { LiveEdge, LiveNode } from '../store/liveState';
import { explainContext } from './context';
import { RULES, type Finding } from './rules';

export type { Finding, RuleName, Severity } from './rules';

export function explain(
  scenario: Scenario,
  simTimeMs: number,
  nodes: Readonly<Record<string, LiveNode>>,
  edges: Readonly<Record<string, LiveEdge>>,
): Finding[] {
  const ctx = explainContext(scenario, simTimeMs, nodes, edges);
  const findings: Finding[] = [];
  for (const rule of Object.values(RULES)) for (const f of rule(ctx)) findings.push(f);
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'failing' ? -1 : 1));
}
