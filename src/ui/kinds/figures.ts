/**
 * The live figures a node can show from the frames of a run. Each kind's descriptor names the
 * ones that mean something for it (a client has no workers to fill, so no utilisation).
 */
import { formatRate } from '../format';
import type { LiveNode } from '../store/resultsStore';

export interface Figure {
  /** Shown on the node. */
  short(live: LiveNode): string;
  /** The tooltip on the node and the label in the inspector's live stats. */
  title: string;
  /** The value in the inspector's live stats. */
  long(live: LiveNode): string;
}

export const FIGURES = {
  utilization: {
    title: 'Utilisation (over about the last simulated second)',
    short: (l) => `${(l.utilization * 100).toFixed(0)}%`,
    long: (l) => `${(l.utilization * 100).toFixed(1)}%`,
  },
  queue: {
    title: 'Requests waiting now',
    short: (l) => `q ${l.queueLength}`,
    long: (l) => String(l.queueLength),
  },
  rate: {
    title: 'Arrivals per simulated second',
    short: (l) => `${formatRate(l.rateRps)} rps`,
    long: (l) => `${l.rateRps.toFixed(0)} rps`,
  },
  instances: {
    title: 'Instances up / total',
    short: (l) => `${l.instancesUp}/${l.instancesTotal} up`,
    long: (l) => `${l.instancesUp} / ${l.instancesTotal}`,
  },
} satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;
