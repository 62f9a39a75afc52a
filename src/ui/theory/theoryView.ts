/**
 * What the Theory panel shows for each station: the closed form's predictions beside the
 * simulated values (and their 95% intervals when replications were run), or, where an
 * assumption fails, which one and why — never a number the theory cannot stand behind.
 * Little's law, which needs no assumption, is set beside any station with a queue.
 */
import { littlesLaw, simulatedFigure, type AssumptionId, type FailedAssumption, type Prediction, type TheoryReport } from '../../predict';
import { halfWidthOf, type ReplicatedReport } from '../../worker/experimentFigures';
import type { NodeKind } from '../../model';
import type { Report } from '../../worker/protocol';

/** Each assumption's name, in words, for the line that says it fails. */
export const ASSUMPTION_NAMES: Record<AssumptionId, string> = {
  'poisson-arrivals': 'Poisson arrivals',
  stationary: 'a design that does not change during the run',
  'no-feedback': 'no feedback (arrivals that do not depend on the station’s own failures)',
  'no-blocking-calls': 'no blocking calls',
  'known-service': 'a known service time',
  'known-split': 'a known share of the load',
  'unbounded-queue': 'a queue that never fills',
  'closed-form': 'a closed form for this station',
  'independent-keys': 'independent keys',
  traffic: 'traffic reaching the station',
};

export type Agreement = 'within' | 'outside' | 'holds' | 'broken' | null;

export interface TheoryRow {
  field: string;
  label: string;
  unit: Prediction['unit'];
  predicted: number;
  bound?: Prediction['bound'];
  /** NaN when there is no run (or the report has no such figure). */
  simulated: number;
  /** Half-width of the simulated value's 95% interval; NaN without replications. */
  half: number;
  /** Whether the simulated value agrees: inside its interval, or on the right side of a bound. */
  agreement: Agreement;
  /** How far the simulated value is from the prediction, in half-widths of its interval; NaN without one. */
  deviation: number;
}

export interface StationView {
  node: string;
  kind: NodeKind;
  /** The closed form (`M/M/4`), null when none applies. */
  model: string | null;
  arrivalsPerSec: number;
  rows: TheoryRow[];
  /** Little's law rows (λ from the run itself), when there is a run. */
  little: TheoryRow[];
  failed: (FailedAssumption & { name: string })[];
  notes: string[];
}

function agreement(p: Prediction, simulated: number, half: number): Agreement {
  if (Number.isNaN(simulated)) return null;
  if (p.bound === 'upper') return simulated <= p.value * (1 + 1e-9) + 1e-12 ? 'holds' : 'broken';
  if (p.bound === 'lower') return simulated >= p.value * (1 - 1e-9) - 1e-12 ? 'holds' : 'broken';
  if (Number.isNaN(half)) return null;
  return Math.abs(simulated - p.value) <= half ? 'within' : 'outside';
}

function row(node: string, p: Prediction, report: Report | ReplicatedReport | null): TheoryRow {
  const simulated = report === null ? NaN : simulatedFigure(report, node, p.field);
  const half = report === null ? NaN : 'ci95' in report ? halfWidthOf(report, `nodes.${node}.${p.field}`) : NaN;
  const deviation = half > 0 ? Math.abs(simulated - p.value) / half : NaN;
  const out: TheoryRow = { field: p.field, label: p.label, unit: p.unit, predicted: p.value, simulated, half, agreement: agreement(p, simulated, half), deviation };
  if (p.bound !== undefined) out.bound = p.bound;
  return out;
}

/**
 * The panel's stations: every node the theory has something to say about (a model, or an
 * assumption that fails), in the document's order, with `report`'s values beside.
 */
export function theoryView(theory: TheoryReport, report: Report | ReplicatedReport | null): StationView[] {
  const little = new Map((report === null ? [] : littlesLaw(report)).map((l) => [l.node, l.predictions]));
  return theory.stations
    .filter((s) => s.model !== null || s.failed.length > 0)
    .map((s) => ({
      node: s.node,
      kind: s.kind,
      model: s.failed.length > 0 ? null : s.model,
      arrivalsPerSec: s.arrivalsPerSec,
      // Where an assumption fails there is no number to show, only why.
      rows: s.failed.length > 0 ? [] : s.predictions.map((p) => row(s.node, p, report)),
      little: (little.get(s.node) ?? []).map((p) => {
        // λ·W from the run beside the run's own L: no interval of its own.
        const simulated = report === null ? NaN : simulatedFigure(report, s.node, p.field);
        return { field: p.field, label: p.label, unit: p.unit, predicted: p.value, simulated, half: NaN, agreement: null, deviation: NaN };
      }).filter((r) => !Number.isNaN(r.simulated)),
      failed: s.failed.map((f) => ({ ...f, name: ASSUMPTION_NAMES[f.id] })),
      notes: s.notes,
    }));
}
