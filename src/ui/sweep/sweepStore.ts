/**
 * The Sweep panel's state: the form (kept while the panel is closed) and the sweep that runs
 * or ran, point by point as the workers finish them. The design is copied when the sweep
 * starts: editing the canvas meanwhile changes nothing of a sweep under way.
 */
import { create } from 'zustand';
import { formatErrors, type Scenario } from '../../model';
import type { PlanFailure } from '../../engine/experiments';
import { defaultPoolSize, runExperimentInBrowser } from '../../worker/connectExperiments';
import type { ExperimentResult, ReplicatedReport } from '../../worker/experimentFigures';
import type { Prepared } from '../../worker/experimentApi';
import type { RunningExperiment } from '../../worker/experimentPool';
import type { Report } from '../../worker/protocol';
import type { SweepField } from './fields';
import { pointFigures, runFigures, type PointFigures } from './pointFigures';
import type { SweepFormText, SweepRequestForm } from './sweepForm';

export type MarkWant = 'smallest' | 'largest';

export interface SweepPoint {
  value: number;
  figures: PointFigures;
  /** The point's report (its aggregate when replicated), as the CLI prints it. */
  report: Report | ReplicatedReport;
}

export interface SweepRun {
  id: number;
  field: SweepField;
  values: number[];
  replications: number;
  workers: number;
  status: 'planning' | 'running' | 'done' | 'cancelled' | 'failed' | 'refused';
  done: number;
  total: number;
  /** Index by index with `values`; null until the point's runs have all reported. */
  points: (SweepPoint | null)[];
  /** Why it stopped, for a failed or refused sweep. */
  message: string | null;
  /** The CLI's output for the whole sweep, once done. */
  result: ExperimentResult | null;
  wallMs: number;
}

interface SweepState {
  /** The field chosen, by path; null for the design's default. */
  fieldPath: string | null;
  text: SweepFormText;
  want: MarkWant;
  /** Workers to run on (the number of cores the browser reports, by default). */
  workers: number;
  run: SweepRun | null;
  setText(patch: Partial<SweepFormText>): void;
  chooseField(field: SweepField, range: { from: number; to: number; step: number }): void;
  setWant(want: MarkWant): void;
  setWorkers(n: number): void;
  start(scenario: Scenario, field: SweepField, form: SweepRequestForm): void;
  cancel(): void;
}

let running: RunningExperiment | null = null;
let nextId = 1;

function failureLines(failures: readonly PlanFailure[], path: string): string {
  return failures
    .slice(0, 5)
    .map((f) => {
      const who = f.point === null ? 'the design' : `point ${f.point} (${path} = ${f.value})`;
      const p = f.problem;
      switch (p.kind) {
        case 'invalid':
          return `${who}: ${formatErrors(p.errors, 3)}`;
        case 'not-runnable':
          return `${who} cannot run: ${p.problems.join('; ')}`;
        case 'over-budget':
          return `${who} is too large for one run here: ${formatErrors([...p.check.memory, ...p.check.events], 3)}`;
        case 'seed':
          return `${who}: ${p.message}`;
      }
    })
    .join('\n');
}

function refusal(prepared: Extract<Prepared, { ok: false }>, field: SweepField): string {
  if (prepared.reason === 'points') return failureLines(prepared.failures, field.path);
  const e = (n: number) => `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 })} million`;
  return `Replications per point: the runs of this sweep of ${field.path} would take about ${e(prepared.estimatedEvents)} events together, more than the ${e(prepared.limit)} a sweep in the browser may take. Take fewer replications, fewer points or a shorter run (or run it with npm run sim -- --sweep).`;
}

export const useSweep = create<SweepState>()((set, get) => ({
  fieldPath: null,
  text: { from: '', to: '', step: '', replications: '5', target: '' },
  want: 'smallest',
  workers: defaultPoolSize(),
  run: null,
  setText: (patch) => set((s) => ({ text: { ...s.text, ...patch } })),
  chooseField: (field, range) =>
    set((s) => ({
      fieldPath: field.path,
      text: { ...s.text, from: String(range.from), to: String(range.to), step: String(range.step) },
      // A rate that grows makes things worse: the answer is the largest that still holds.
      want: /\.(rps|ratePerSec)$/.test(field.path) ? 'largest' : 'smallest',
    })),
  setWant: (want) => set({ want }),
  setWorkers: (workers) => set({ workers }),
  start(scenario, field, form) {
    running?.cancel();
    const id = nextId++;
    const workers = get().workers;
    const started = performance.now();
    const slots: (number[] | undefined)[][] = form.values.map(() => new Array<number[] | undefined>(form.replications));
    const update = (patch: Partial<SweepRun>) => {
      const run = get().run;
      if (run?.id === id) set({ run: { ...run, ...patch } });
    };
    set({
      run: { id, field, values: form.values, replications: form.replications, workers, status: 'planning', done: 0, total: form.values.length * form.replications, points: form.values.map(() => null), message: null, result: null, wallMs: 0 },
    });
    let jobs: { point: number; replication: number }[] = [];
    const experiment = runExperimentInBrowser(
      { scenario, replications: form.replications, sweep: form.spec },
      {
        workers,
        onPlanned: (outline) => {
          jobs = outline.jobs;
          update({ status: 'running', total: outline.jobs.length });
        },
        onReport: (index, report) => {
          const job = jobs[index];
          slots[job.point][job.replication] = runFigures(report);
        },
        onPoint: (index, value, report) => {
          const run = get().run;
          if (run?.id !== id) return;
          const points = run.points.slice();
          points[index] = { value: value!, figures: pointFigures(slots[index] as number[][]), report };
          slots[index] = [];
          update({ points });
        },
        onProgress: (done, total) => update({ done, total }),
      },
    );
    running = experiment;
    void experiment.done.then((outcome) => {
      if (running === experiment) running = null;
      const wallMs = performance.now() - started;
      switch (outcome.status) {
        case 'done':
          update({ status: 'done', result: outcome.result, wallMs, workers: outcome.workers });
          break;
        case 'cancelled':
          update({ status: 'cancelled', wallMs });
          break;
        case 'failed':
          update({ status: 'failed', message: `A run failed: ${outcome.message}`, wallMs });
          break;
        case 'refused':
          update({ status: 'refused', message: refusal(outcome.prepared, field), wallMs });
          break;
      }
    });
  },
  cancel() {
    running?.cancel();
  },
}));
