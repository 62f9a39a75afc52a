/**
 * Duration distributions (SPEC §2). A duration field holds either a plain
 * number (a constant, in ms) or one of the distribution objects below; the
 * parsed value keeps the form it was given in.
 */
import { z } from 'zod';
import { ifValid, integer, millis, number, strict } from './fields';

/** The distributions a duration can follow, by their `dist` tag. */
export const DISTRIBUTIONS = ['constant', 'exponential', 'uniform', 'lognormal', 'erlang'] as const;
export type DistributionName = (typeof DISTRIBUTIONS)[number];

const uniform = strict({
  dist: z.literal('uniform'),
  minMs: millis(),
  maxMs: millis(),
}).superRefine((d, ctx) => {
  if (d.minMs > d.maxMs) {
    ctx.addIssue({ code: 'custom', path: ['maxMs'], message: `must be ≥ minMs (${d.minMs})` });
  }
}, ifValid);

export const distributionSchema = z.discriminatedUnion(
  'dist',
  [
    strict({ dist: z.literal('constant'), ms: millis() }),
    strict({ dist: z.literal('exponential'), meanMs: millis({ positive: true }) }),
    uniform,
    strict({
      dist: z.literal('lognormal'),
      medianMs: millis({ positive: true }),
      // Beyond ~10 the tail overflows doubles; real latency tails sit well below 3.
      sigma: number({ min: 0, max: 10 }),
    }),
    strict({ dist: z.literal('erlang'), meanMs: millis({ positive: true }), k: integer(1, 1000) }),
  ],
);

/** A constant duration in ms, or a distribution object. */
export const durationSchema = z.union([millis(), distributionSchema], {
  error:
    'must be a number of ms ≥ 0 or a distribution such as {"dist":"exponential","meanMs":10}',
});

export type Distribution = z.output<typeof distributionSchema>;
export type Duration = z.output<typeof durationSchema>;

/** The mean of a duration in ms: handy for the UI and for theory checks. */
export function meanMs(duration: Duration): number {
  if (typeof duration === 'number') return duration;
  switch (duration.dist) {
    case 'constant':
      return duration.ms;
    case 'exponential':
    case 'erlang':
      return duration.meanMs;
    case 'uniform':
      return (duration.minMs + duration.maxMs) / 2;
    case 'lognormal':
      return duration.medianMs * Math.exp((duration.sigma * duration.sigma) / 2);
  }
}
