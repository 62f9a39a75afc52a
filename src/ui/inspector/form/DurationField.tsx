/** A duration (SPEC §2): its distribution and its mean, edited as two fields. */
import { meanMs, type Duration } from '../../../model';
import { NumberInput, SelectInput } from './inputs';

const SHAPES = ['constant', 'exponential', 'erlang', 'uniform', 'lognormal'] as const;
type Shape = (typeof SHAPES)[number];
const LOGNORMAL_SIGMA = 0.5;

function shapeOf(d: Duration): Shape {
  return typeof d === 'number' ? 'constant' : d.dist;
}

/** The same shape with another mean (spread scaled along). */
function withMean(d: Duration, mean: number): Duration {
  if (typeof d === 'number') return mean;
  const old = meanMs(d);
  const scale = old > 0 ? mean / old : 1;
  switch (d.dist) {
    case 'constant':
      return { ...d, ms: mean };
    case 'exponential':
    case 'erlang':
      return { ...d, meanMs: mean };
    case 'uniform':
      return old > 0 ? { ...d, minMs: d.minMs * scale, maxMs: d.maxMs * scale } : { ...d, minMs: 0, maxMs: 2 * mean };
    case 'lognormal':
      return { ...d, medianMs: mean / Math.exp((d.sigma * d.sigma) / 2) };
  }
}

/** Another shape with about the same mean. */
function withShape(d: Duration, shape: Shape): Duration {
  const mean = meanMs(d);
  switch (shape) {
    case 'constant':
      return mean;
    case 'exponential':
      return { dist: 'exponential', meanMs: mean };
    case 'erlang':
      return { dist: 'erlang', meanMs: mean, k: 4 };
    case 'uniform':
      return { dist: 'uniform', minMs: 0, maxMs: 2 * mean };
    case 'lognormal':
      return { dist: 'lognormal', medianMs: mean / Math.exp((LOGNORMAL_SIGMA * LOGNORMAL_SIGMA) / 2), sigma: LOGNORMAL_SIGMA };
  }
}

interface DurationFieldProps {
  label: string;
  name: string;
  value: Duration;
  commit: (value: Duration) => string | null;
  testId: string;
  help?: string;
  defaultText?: string;
}

export function DurationField({ label, name, value, commit, testId, help, defaultText }: DurationFieldProps) {
  const mean = Number(meanMs(value).toPrecision(6));
  return (
    <fieldset className="duration-field" data-testid={testId}>
      <legend>{label}</legend>
      {help && <div className="field-hint">{help}</div>}
      <SelectInput
        label="Distribution"
        name={name}
        value={shapeOf(value)}
        options={SHAPES}
        commit={(shape) => commit(withShape(value, shape as Shape))}
        testId={`${testId}-dist`}
        defaultText={defaultText}
      />
      <NumberInput
        label={shapeOf(value) === 'constant' ? 'Time' : 'Mean'}
        name={name}
        value={mean}
        unit="ms"
        commit={(m) => commit(withMean(value, m))}
        testId={`${testId}-mean`}
      />
    </fieldset>
  );
}
