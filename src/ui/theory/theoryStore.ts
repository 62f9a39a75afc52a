/**
 * The Theory panel's replications: the design run N times (seeds seed, seed + 1, …) in the
 * experiment pool, so each simulated value comes with its 95% interval. Kept while the panel
 * is closed, with the design they ran, so the panel can say when the design has changed since.
 */
import { create } from 'zustand';
import type { Scenario } from '../../model';
import { runExperimentInBrowser } from '../../worker/connectExperiments';
import type { ReplicatedReport } from '../../worker/experimentFigures';
import type { RunningExperiment } from '../../worker/experimentPool';

export interface Replications {
  scenario: Scenario;
  count: number;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  report: ReplicatedReport | null;
  message: string | null;
}

interface TheoryState {
  countText: string;
  replications: Replications | null;
  setCountText(text: string): void;
  run(scenario: Scenario, count: number): void;
  cancel(): void;
}

let running: RunningExperiment | null = null;

export const useTheoryRuns = create<TheoryState>()((set, get) => ({
  countText: '10',
  replications: null,
  setCountText: (countText) => set({ countText }),
  run(scenario, count) {
    running?.cancel();
    const update = (patch: Partial<Replications>) => {
      const r = get().replications;
      if (r !== null && r.scenario === scenario && running === experiment) set({ replications: { ...r, ...patch } });
    };
    set({ replications: { scenario, count, status: 'running', done: 0, total: count, report: null, message: null } });
    const experiment = runExperimentInBrowser(
      { scenario, replications: count },
      {
        onProgress: (done, total) => update({ done, total }),
        onPoint: (_i, _v, report) => update({ report: report as ReplicatedReport }),
      },
    );
    running = experiment;
    void experiment.done.then((outcome) => {
      if (outcome.status === 'done') update({ status: 'done' });
      else if (outcome.status === 'cancelled') update({ status: 'cancelled' });
      else if (outcome.status === 'failed') update({ status: 'failed', message: outcome.message });
      else {
        const p = outcome.prepared;
        const why =
          p.reason === 'too-large'
            ? `Replications: ${count} runs of this design would take about ${Math.round(p.estimatedEvents / 1e6)} million events, more than the ${Math.round(p.limit / 1e6)} million the browser may take. Take fewer.`
            : p.failures.map((f) => (f.problem.kind === 'not-runnable' ? f.problem.problems.join('; ') : f.problem.kind)).join('; ');
        update({ status: 'failed', message: why });
      }
      if (running === experiment) running = null;
    });
  },
  cancel() {
    running?.cancel();
  },
}));
