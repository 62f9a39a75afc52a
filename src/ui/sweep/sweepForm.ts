/**
 * The Sweep panel's form, read: a field, a range (from, to, step), replications per point, an
 * optional p99 target. Each mistake names its input; a sweep too large to run here (points ×
 * replications) is refused with the numbers and what to change, before any worker starts.
 */
import { sweepValues, type SweepSpec } from '../../worker/experimentFigures';
import type { SweepField } from './fields';

/** The most points one sweep may have (the CLI's bound). */
export const MAX_SWEEP_POINTS = 1000;
/** The most replications per point the panel runs. */
export const MAX_PANEL_REPLICATIONS = 100;
/** The most runs (points × replications) one sweep in the browser may take. */
export const MAX_SWEEP_RUNS = 500;

export interface SweepFormText {
  from: string;
  to: string;
  step: string;
  replications: string;
  /** p99 target, ms; empty for none. */
  target: string;
}

export type FormInput = keyof SweepFormText;

const INPUT_ORDER: readonly FormInput[] = ['from', 'to', 'step', 'replications', 'target'];

export interface FormError {
  input: FormInput;
  message: string;
}

export interface SweepRequestForm {
  spec: SweepSpec;
  values: number[];
  replications: number;
  /** ms, or null when no target is set. */
  targetMs: number | null;
}

export type FormParse = { ok: true; form: SweepRequestForm } | { ok: false; errors: FormError[] };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function readNumber(text: string): number | null {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : null;
}

const count = (n: number) => n.toLocaleString('en-US');

export function parseSweepForm(field: SweepField, text: SweepFormText): FormParse {
  const errors: FormError[] = [];
  const unit = field.unit ? ` ${field.unit}` : '';
  const num = (input: FormInput, what: string): number | null => {
    const v = readNumber(text[input]);
    if (v === null || !Number.isFinite(v)) {
      errors.push({ input, message: `${what}: must be a number, got "${text[input].trim().slice(0, 40)}"` });
      return null;
    }
    return v;
  };
  const from = num('from', 'From');
  const to = num('to', 'To');
  const step = num('step', 'Step');
  for (const [input, v, what] of [
    ['from', from, 'From'],
    ['to', to, 'To'],
  ] as const) {
    if (v === null) continue;
    if (field.min !== undefined && v < field.min) errors.push({ input, message: `${what}: ${field.label} is at least ${field.min}${unit}, got ${v}` });
    else if (field.max !== undefined && v > field.max) errors.push({ input, message: `${what}: ${field.label} is at most ${field.max}${unit}, got ${v}` });
    else if (field.integer && !Number.isInteger(v)) errors.push({ input, message: `${what}: ${field.label} is a whole number, got ${v}` });
  }
  if (step !== null) {
    if (step <= 0) errors.push({ input: 'step', message: `Step: must be more than 0, got ${step}` });
    else if (field.integer && !Number.isInteger(step)) errors.push({ input: 'step', message: `Step: ${field.label} is a whole number, so the step is too; got ${step}` });
  }
  if (from !== null && to !== null && to < from) errors.push({ input: 'to', message: `To: must be at least From (${from}), got ${to}` });

  let replications: number | null = null;
  const r = readNumber(text.replications);
  if (r === null || !Number.isInteger(r) || r < 1 || r > MAX_PANEL_REPLICATIONS) {
    errors.push({ input: 'replications', message: `Replications per point: a whole number from 1 to ${MAX_PANEL_REPLICATIONS}, got "${text.replications.trim().slice(0, 40)}"` });
  } else replications = r;

  let targetMs: number | null = null;
  if (text.target.trim() !== '') {
    const t = readNumber(text.target);
    if (t === null || !(t > 0)) errors.push({ input: 'target', message: `p99 target: a number of ms above 0, or empty for none; got "${text.target.trim().slice(0, 40)}"` });
    else targetMs = t;
  }
  if (errors.length > 0 || from === null || to === null || step === null || replications === null) {
    // In the order of the inputs on the form.
    errors.sort((a, b) => INPUT_ORDER.indexOf(a.input) - INPUT_ORDER.indexOf(b.input));
    return { ok: false, errors };
  }

  // Bounded before anything is listed: a step of 1e-9 over a wide range is refused by its count.
  const points = Math.floor((to - from) / step + 1e-9) + 1;
  if (points > MAX_SWEEP_POINTS) {
    return { ok: false, errors: [{ input: 'step', message: `Step: ${field.path} from ${from} to ${to} by ${step} is ${count(points)} points; a sweep has at most ${count(MAX_SWEEP_POINTS)}. Take a larger step.` }] };
  }
  const runs = points * replications;
  if (runs > MAX_SWEEP_RUNS) {
    return {
      ok: false,
      errors: [
        {
          input: 'replications',
          message: `Replications per point: ${count(points)} points of ${field.path} × ${count(replications)} replications = ${count(runs)} runs; a sweep here runs at most ${count(MAX_SWEEP_RUNS)}. Take fewer replications or a larger step (or run it with npm run sim -- --sweep).`,
        },
      ],
    };
  }
  return { ok: true, form: { spec: { path: field.path, from, to, step }, values: sweepValues({ path: field.path, from, to, step }), replications, targetMs } };
}
