/**
 * The Theory panel (issue 12): for every station of the design where a closed form applies
 * (M/M/c, M/D/1, M/G/1, Erlang B, Che's LRU approximation, the token bucket's bound), the
 * prediction beside the simulated value — the current run's, or the mean of N replications
 * with its 95% interval; where an assumption fails, the assumption and why, instead of a
 * number. Loaded when opened.
 */
import { useEffect, useMemo, useState } from 'react';
import { predictTheory } from '../../predict';
import { formatMs } from '../format';
import { Modal } from '../library/Modal';
import { simulation, useDocument, useResults } from '../store';
import { simulationDiff } from '../store/liveChanges';
import type { Report } from '../../worker/protocol';
import type { ReplicatedReport } from '../../worker/experimentFigures';
import { theoryView, type StationView, type TheoryRow } from './theoryView';
import { useTheoryRuns } from './theoryStore';
import '../sweep/sweep.css';

function format(unit: TheoryRow['unit'], v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  switch (unit) {
    case 'ms':
      return formatMs(v);
    case 'fraction':
      return `${(v * 100).toFixed(v < 0.01 ? 3 : 1)}%`;
    case 'requests':
      return Number(v.toPrecision(3)).toString();
    case 'per second':
      return `${Number(v.toPrecision(4))}/s`;
  }
}

const AGREEMENT_WORDS = { within: 'within the interval', outside: 'outside the interval', holds: 'bound holds', broken: 'bound broken' } as const;

function Rows({ station, rows, kind }: { station: string; rows: TheoryRow[]; kind: 'theory' | 'little' }) {
  return rows.map((r) => (
    <tr
      key={`${kind}-${r.field}`}
      data-testid={`theory-${station}-${kind === 'little' ? 'little-' : ''}${r.field}`}
      data-predicted={r.predicted}
      data-simulated={Number.isNaN(r.simulated) ? undefined : r.simulated}
      data-half={Number.isNaN(r.half) ? undefined : r.half}
      data-agreement={r.agreement ?? undefined}
    >
      <th scope="row">{r.label}</th>
      <td>
        {r.bound === 'upper' ? '≤ ' : r.bound === 'lower' ? '≥ ' : ''}
        {format(r.unit, r.predicted)}
      </td>
      <td>
        {format(r.unit, r.simulated)}
        {!Number.isNaN(r.half) && !Number.isNaN(r.simulated) ? ` ± ${format(r.unit, r.half)}` : ''}
      </td>
      <td className={`agreement ${r.agreement ?? ''}`}>
        {r.agreement ? AGREEMENT_WORDS[r.agreement] : ''}
        {r.agreement === 'outside' ? ` (${r.deviation < 10 ? r.deviation.toFixed(2) : r.deviation.toFixed(0)}× its half-width)` : ''}
      </td>
    </tr>
  ));
}

function Station({ s, source }: { s: StationView; source: string }) {
  const title = `${s.node} (${s.kind})`;
  return (
    <section className="theory-station" data-testid={`theory-station-${s.node}`} data-model={s.model ?? ''} aria-label={title}>
      <h3>
        {title} <span className="theory-model">{s.model ?? 'no closed form'}</span>
        <span className="hint"> · {Number(s.arrivalsPerSec.toPrecision(4))} requests/s offered</span>
      </h3>
      {s.failed.length > 0 && (
        <ul className="theory-failed" data-testid={`theory-${s.node}-failed`}>
          {s.failed.map((f, i) => (
            <li key={i} data-assumption={f.id}>
              <strong>Assumption that fails: {f.name}.</strong> {f.text}.
            </li>
          ))}
        </ul>
      )}
      {(s.rows.length > 0 || s.little.length > 0) && (
        <table className="theory-table">
          <thead>
            <tr>
              <th scope="col">figure</th>
              <th scope="col">theory</th>
              <th scope="col">simulated ({source})</th>
              <th scope="col">agreement</th>
            </tr>
          </thead>
          <tbody>
            <Rows station={s.node} rows={s.rows} kind="theory" />
            <Rows station={s.node} rows={s.little} kind="little" />
          </tbody>
        </table>
      )}
      {s.notes.map((n, i) => (
        <p key={i} className="hint theory-note">
          {n}
        </p>
      ))}
    </section>
  );
}

/** The current run's report, refreshed every second while it plays. */
function useRunReport(): Report | null {
  const finishedReport = useResults((s) => s.report);
  const running = useResults((s) => s.status.running);
  const [live, setLive] = useState<Report | null>(null);
  useEffect(() => {
    if (!running) return;
    let alive = true;
    const tick = () => void simulation.report().then((r) => alive && setLive(r));
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [running]);
  return running ? (live ?? finishedReport) : finishedReport;
}

function ReplicationControls() {
  const scenario = useDocument((s) => s.scenario);
  const { countText, replications } = useTheoryRuns();
  const count = Number(countText);
  const valid = Number.isInteger(count) && count >= 2 && count <= 100;
  const busy = replications?.status === 'running';
  return (
    <form
      className="theory-replications sweep-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && !busy) useTheoryRuns.getState().run(scenario, count);
      }}
    >
      <label className="sweep-input">
        <span>Replications</span>
        <input
          data-testid="theory-replications"
          inputMode="numeric"
          value={countText}
          aria-invalid={valid ? undefined : true}
          aria-describedby={valid ? undefined : 'theory-replications-error'}
          onChange={(e) => useTheoryRuns.getState().setCountText(e.target.value)}
        />
      </label>
      <button type="submit" className="tool-button primary" data-testid="theory-run" disabled={!valid || busy}>
        Run replications
      </button>
      {busy && (
        <button type="button" className="tool-button" data-testid="theory-cancel" onClick={() => useTheoryRuns.getState().cancel()}>
          Cancel
        </button>
      )}
      {replications !== null && (
        <span role="status" data-testid="theory-replications-status" data-status={replications.status}>
          {replications.status === 'running' ? <progress max={replications.total} value={replications.done} aria-label="Replications run" /> : null}{' '}
          {replications.status === 'running' && `${replications.done} of ${replications.total} runs`}
          {replications.status === 'done' && `${replications.count} replications (seeds ${replications.scenario.seed} to ${replications.scenario.seed + replications.count - 1})`}
          {replications.status === 'cancelled' && 'Cancelled'}
        </span>
      )}
      {!valid && (
        <span id="theory-replications-error" className="field-error" role="alert">
          Replications: a whole number from 2 to 100
        </span>
      )}
      {replications?.message && (
        <span className="field-error" role="alert" data-testid="theory-replications-message">
          {replications.message}
        </span>
      )}
    </form>
  );
}

export default function TheoryDialog({ onClose }: { onClose(): void }) {
  const scenario = useDocument((s) => s.scenario);
  const stale = useResults((s) => s.stale);
  const runReport = useRunReport();
  const replications = useTheoryRuns((s) => s.replications);
  const theory = useMemo(() => predictTheory(scenario), [scenario]);
  // Replications of this design beat a single run; of a design simulated differently (not merely
  // moved or renamed) they do not apply.
  const sameDesign = replications !== null && simulationDiff(replications.scenario, scenario).kind === 'same';
  const replicated: ReplicatedReport | null = replications?.status === 'done' && sameDesign ? replications.report : null;
  const report: Report | ReplicatedReport | null = replicated ?? runReport;
  const source = replicated !== null ? `mean of ${replicated.replications} runs ± 95%` : runReport !== null ? `this run at ${(runReport.simulatedMs / 1000).toFixed(0)} s` : 'no run yet';
  const stations = useMemo(() => theoryView(theory, report), [theory, report]);
  return (
    <Modal title="Theory beside the simulation" onClose={onClose} testId="theory-dialog">
      <p className="hint">
        Each station where queueing theory has a closed form, its prediction beside what the simulation measured. Where the design breaks an assumption the formula needs, the panel
        names it instead of showing a number. Run replications for intervals: a single run is one sample, and a 95% interval misses the truth one time in twenty, so
        among many rows one a little outside is expected.
      </p>
      <ReplicationControls />
      {replicated === null && runReport !== null && stale && (
        <p className="hint" data-testid="theory-stale">
          The design changed since this run started: its numbers are of the design it started with.
        </p>
      )}
      {replications?.status === 'done' && replicated === null && (
        <p className="hint">The design changed since the replications ran: run them again to compare.</p>
      )}
      {stations.length === 0 ? (
        <p>No station here has a queue or a cache for the theory to speak of.</p>
      ) : (
        stations.map((s) => <Station key={s.node} s={s} source={source} />)
      )}
    </Modal>
  );
}
