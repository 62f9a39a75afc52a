/**
 * The Sweep panel (issue 12): vary one field of the design over a range, each point
 * replicated, in Web Workers; p50 and p99 latency, throughput and the error rate drawn
 * against the swept value with their 95% intervals, as a table too; with a p99 target, the
 * smallest (or largest) value that holds it is marked — "how many replicas hold p99 under
 * 50 ms at 600 rps". Loaded when opened.
 */
import { useEffect, useId, useMemo } from 'react';
import { Modal } from '../library/Modal';
import { useDocument } from '../store';
import { download } from '../charts/download';
import { MAX_POOL_WORKERS } from '../../worker/connectExperiments';
import { sweepThreshold } from '../../worker/experimentFigures';
import { defaultSweepField, suggestedRange, sweepableFields, type SweepField } from './fields';
import type { SweepFigure } from './pointFigures';
import { SweepChart } from './SweepChart';
import { parseSweepForm, type FormError, type FormInput, type SweepFormText } from './sweepForm';
import type { SweepChartSpec, SweepPlotData } from './sweepPlot';
import { useSweep, type SweepRun } from './sweepStore';
import { SweepTable } from './SweepTable';
import './sweep.css';

const LATENCY: SweepChartSpec = {
  title: 'Latency',
  unit: 'ms',
  series: [
    { label: 'p50', color: 'var(--series-p50)' },
    { label: 'p99', color: 'var(--series-p99)' },
  ],
};
const THROUGHPUT: SweepChartSpec = { title: 'Throughput', unit: 'rps', series: [{ label: 'ok per second', color: 'var(--series-ok)' }] };
const ERRORS: SweepChartSpec = { title: 'Error rate', unit: 'fraction', max: 1, series: [{ label: 'not ok', color: 'var(--series-error)' }] };

function plotData(run: SweepRun, figures: SweepFigure[]): SweepPlotData {
  return { xs: run.values, ys: figures.map((f) => run.points.map((p) => (p === null ? null : p.figures[f]))) };
}

function NumberInput({ input, label, text, errors, hint }: { input: FormInput; label: string; text: SweepFormText; errors: FormError[]; hint?: string }) {
  const id = useId();
  const error = errors.find((e) => e.input === input);
  return (
    <label className="sweep-input" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        data-testid={`sweep-${input}`}
        inputMode="decimal"
        value={text[input]}
        placeholder={hint}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => useSweep.getState().setText({ [input]: e.target.value })}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert" data-testid={`sweep-${input}-error`}>
          {error.message}
        </span>
      )}
    </label>
  );
}

function FieldChoice({ fields, field }: { fields: SweepField[]; field: SweepField | undefined }) {
  const owners = useMemo(() => {
    const groups = new Map<string, SweepField[]>();
    for (const f of fields) groups.set(f.owner, [...(groups.get(f.owner) ?? []), f]);
    return [...groups];
  }, [fields]);
  return (
    <label className="sweep-input sweep-field">
      <span>Field</span>
      <select
        data-testid="sweep-field"
        value={field?.path ?? ''}
        onChange={(e) => {
          const f = fields.find((x) => x.path === e.target.value);
          if (f) useSweep.getState().chooseField(f, suggestedRange(f));
        }}
      >
        {owners.map(([owner, list]) => (
          <optgroup key={owner} label={owner}>
            {list.map((f) => (
              <option key={f.path} value={f.path}>
                {f.label}
                {f.unit ? ` (${f.unit})` : ''} — now {f.current}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

function Progress({ run }: { run: SweepRun }) {
  const busy = run.status === 'planning' || run.status === 'running';
  const words: Record<SweepRun['status'], string> = {
    planning: 'Checking every point…',
    running: `${run.done} of ${run.total} runs on ${run.workers} worker${run.workers === 1 ? '' : 's'}`,
    done: `${run.total} runs on ${run.workers} worker${run.workers === 1 ? '' : 's'} in ${(run.wallMs / 1000).toFixed(1)} s`,
    cancelled: `Cancelled after ${run.done} of ${run.total} runs`,
    failed: 'Stopped',
    refused: 'Not run',
  };
  return (
    <div className="sweep-progress" data-testid="sweep-progress" data-status={run.status} data-done={run.done} data-total={run.total}>
      <progress max={Math.max(1, run.total)} value={run.done} aria-label="Sweep progress" />
      <span role="status">{words[run.status]}</span>
      {busy && (
        <button type="button" className="tool-button" data-testid="sweep-cancel" onClick={() => useSweep.getState().cancel()}>
          Cancel
        </button>
      )}
      {run.status === 'done' && run.result && (
        <button
          type="button"
          className="tool-button"
          data-testid="sweep-json"
          title="The sweep as npm run sim -- --sweep prints it"
          onClick={() => download(`archsim-sweep-${run.field.path.replace(/[^A-Za-z0-9_-]+/g, '-')}.json`, new Blob([JSON.stringify(run.result, null, 2)], { type: 'application/json' }))}
        >
          JSON
        </button>
      )}
    </div>
  );
}

function Answer({ run, target, marked }: { run: SweepRun; target: number; marked: number | null }) {
  const want = useSweep((s) => s.want);
  const done = run.points.filter((p) => p !== null).length;
  const partial = done < run.values.length ? ' (so far)' : '';
  const unit = run.field.unit ? ` ${run.field.unit}` : '';
  return (
    <p className="sweep-answer" data-testid="sweep-answer" data-marked={marked ?? ''} role="status">
      {marked === null ? (
        <>
          No swept value of {run.field.label.toLowerCase()} holds p99 ≤ {target} ms{partial}.
        </>
      ) : (
        <>
          The {want} {run.field.label.toLowerCase()} that holds p99 ≤ {target} ms{partial}:{' '}
          <strong>
            {marked}
            {unit}
          </strong>{' '}
          <span className="hint">(the mean of its replications’ p99)</span>
        </>
      )}
    </p>
  );
}

function Results({ run, target }: { run: SweepRun; target: number | null }) {
  const want = useSweep((s) => s.want);
  const latency = useMemo(() => plotData(run, ['latencyMs.p50', 'latencyMs.p99']), [run]);
  const throughput = useMemo(() => plotData(run, ['throughputRps']), [run]);
  const errors = useMemo(() => plotData(run, ['errorRate']), [run]);
  const marked = useMemo(() => {
    if (target === null) return null;
    const done = run.points.filter((p) => p !== null);
    return sweepThreshold(done, 'latencyMs.p99', target, { want });
  }, [run, target, want]);
  const none = { target: null, x: null };
  const xUnit = run.field.unit ?? '';
  return (
    <>
      {target !== null && <Answer run={run} target={target} marked={marked} />}
      <div className="sweep-charts">
        <SweepChart spec={LATENCY} data={latency} marks={{ target, x: marked }} xLabel={run.field.label.toLowerCase()} xUnit={xUnit} testId="sweep-latency-chart" />
        <SweepChart spec={THROUGHPUT} data={throughput} marks={{ ...none, x: marked }} xLabel={run.field.label.toLowerCase()} xUnit={xUnit} testId="sweep-throughput-chart" />
        <SweepChart spec={ERRORS} data={errors} marks={{ ...none, x: marked }} xLabel={run.field.label.toLowerCase()} xUnit={xUnit} testId="sweep-error-chart" />
      </div>
      <SweepTable run={run} marked={marked} />
    </>
  );
}

export default function SweepDialog({ onClose }: { onClose(): void }) {
  const scenario = useDocument((s) => s.scenario);
  const fields = useMemo(() => sweepableFields(scenario), [scenario]);
  const { fieldPath, text, want, workers, run } = useSweep();
  const field = fields.find((f) => f.path === fieldPath) ?? defaultSweepField(fields);
  useEffect(() => {
    // A first visit, or a chosen field that the design no longer has: start on the default.
    if (field !== undefined && (fieldPath === null || field.path !== fieldPath)) useSweep.getState().chooseField(field, suggestedRange(field));
  }, [field, fieldPath]);
  const parsed = field === undefined ? null : parseSweepForm(field, text);
  const errors = parsed !== null && !parsed.ok ? parsed.errors : [];
  const busy = run !== null && (run.status === 'planning' || run.status === 'running');
  // The answer follows the target as it is typed, over the sweep already run.
  const target = parsed?.ok ? parsed.form.targetMs : run !== null && /^\s*[\d.]+\s*$/.test(text.target) && Number(text.target) > 0 ? Number(text.target) : null;
  const showErrors = errors.filter((e) => e.input !== 'target' || text.target.trim() !== '');

  return (
    <Modal title="Sweep: one field over a range" onClose={onClose} testId="sweep-dialog">
      <p className="hint sweep-intro">
        Runs the design once per value{text.replications !== '1' ? ', several times with seeds seed, seed + 1, …' : ''} — the same runs as <code>npm run sim -- --sweep</code> — in Web
        Workers, and draws each figure with its 95% interval.
      </p>
      {field === undefined ? (
        <p>This design has no number to vary yet: add a client and a server.</p>
      ) : (
        <form
          className="sweep-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (parsed?.ok && !busy) useSweep.getState().start(scenario, field, parsed.form);
          }}
        >
          <div className="sweep-row">
            <FieldChoice fields={fields} field={field} />
            <NumberInput input="from" label="From" text={text} errors={showErrors} />
            <NumberInput input="to" label="To" text={text} errors={showErrors} />
            <NumberInput input="step" label="Step" text={text} errors={showErrors} />
            <NumberInput input="replications" label="Replications per point" text={text} errors={showErrors} />
            <label className="sweep-input">
              <span>Workers</span>
              <select data-testid="sweep-workers" value={workers} onChange={(e) => useSweep.getState().setWorkers(Number(e.target.value))}>
                {Array.from({ length: MAX_POOL_WORKERS }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="tool-button primary" data-testid="sweep-run" disabled={!parsed?.ok || busy}>
              Run sweep
            </button>
          </div>
          <div className="sweep-row sweep-target">
            <span>Mark the</span>
            <select aria-label="Which end to mark" data-testid="sweep-want" value={want} onChange={(e) => useSweep.getState().setWant(e.target.value as 'smallest' | 'largest')}>
              <option value="smallest">smallest</option>
              <option value="largest">largest</option>
            </select>
            <span>value whose p99 is at most</span>
            <NumberInput input="target" label="p99 target (ms)" text={text} errors={showErrors} hint="none" />
          </div>
        </form>
      )}
      {run !== null && (
        <section className="sweep-results" aria-label="Sweep results">
          <Progress run={run} />
          {run.message && (
            <pre className="sweep-message" role="alert" data-testid="sweep-message">
              {run.message}
            </pre>
          )}
          {run.status !== 'refused' && <Results run={run} target={target} />}
        </section>
      )}
    </Modal>
  );
}
