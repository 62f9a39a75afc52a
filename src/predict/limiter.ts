/** Rate limiters: what a token bucket can admit (THEORY.md), a bound that needs no arrival law. */
import type { NodeOf, RateLimiterConfig, Scenario, ScenarioNode } from '../model';
import { tokenBucketMaxAdmitted } from '../theory';
import { totalPerMs, type Stream } from './flows';
import { station } from './stations';
import type { StationTheory } from './types';

/** The bounds of a limit with `cfg` over the run's measured window. */
export function limitTheory(node: ScenarioNode, cfg: RateLimiterConfig, inflow: Stream, scenario: Scenario): StationTheory {
  const t = station(node, inflow);
  const measuredMs = scenario.durationMs - scenario.warmupMs;
  t.inputs = { arrivalsPerSec: totalPerMs(inflow) * 1000, ratePerSec: cfg.ratePerSec, burst: cfg.burst, measuredMs };
  if (cfg.algorithm !== 'token-bucket') {
    t.failed.push({ id: 'closed-form', text: `no closed form here for a ${cfg.algorithm}'s admissions (only its worst case in one window)` });
    return t;
  }
  if (cfg.scope !== 'global') {
    t.failed.push({ id: 'known-split', text: `${node.id} keeps a bucket per user: the bound holds for each user, not for the total` });
    return t;
  }
  t.model = 'token bucket';
  const offered = totalPerMs(inflow) * 1000;
  t.predictions.push({
    field: 'allowed',
    label: 'admitted over the measured run, at most b + r·T',
    value: tokenBucketMaxAdmitted(cfg.ratePerSec, cfg.burst, measuredMs),
    unit: 'requests',
    bound: 'upper',
  });
  t.predictions.push({ field: 'allowedPerSec', label: 'admitted per second, at most min(λ, r) in the long run', value: Math.min(offered, cfg.ratePerSec), unit: 'per second', bound: 'upper' });
  t.notes.push('a bound for any arrivals: it needs no Poisson stream');
  return t;
}

export function rateLimiterTheory(node: NodeOf<'rateLimiter'>, inflow: Stream, scenario: Scenario): StationTheory {
  return limitTheory(node, node.config, inflow, scenario);
}
