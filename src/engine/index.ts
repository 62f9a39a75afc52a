/**
 * The engine's entry point. Pure TypeScript: runs the same in a Web Worker, in Node tests,
 * in the CLI and in benchmarks. Nothing here reads a wall clock.
 */
import type { Scenario } from '../model';
import { checkRunnable } from './runnable';
import { SimulationRun, type Simulation, type SimulationOverrides } from './simulation';

export type * from './api';
export type { Simulation, SimulationOverrides } from './simulation';
export type * from './traces';
export { DEFAULT_TRACE_OPTIONS } from './traces';
export { isSimulated } from './components';
export { nodeReport } from './reportAccess';
export { checkRunnable } from './runnable';

/** Thrown by {@link createSimulation} for a valid document that cannot run yet. */
export class NotRunnableError extends Error {
  constructor(readonly problems: string[]) {
    super(`The scenario cannot run:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'NotRunnableError';
  }
}

/** Builds a run of a parsed scenario; throws {@link NotRunnableError} naming each problem. */
export function createSimulation(scenario: Scenario, overrides?: SimulationOverrides): Simulation {
  const problems = checkRunnable(scenario);
  if (problems.length > 0) throw new NotRunnableError(problems);
  return new SimulationRun(scenario, overrides);
}
