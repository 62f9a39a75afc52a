/** How a chart's values read: on the axis, in the legend under the pointer, in the CSV header. */
import { formatMs, formatRate } from '../format';

export interface Unit {
  /** For the CSV header and the axis title: "ms", "rps", "%"… */
  name: string;
  axis(v: number): string;
  value(v: number): string;
}

const trim = (v: number, digits = 3) => String(Number(v.toPrecision(digits)));

export const UNITS = {
  ms: { name: 'ms', axis: (v) => `${trim(v)} ms`, value: formatMs },
  rps: { name: 'rps', axis: (v) => (v < 10 ? trim(v, 2) : formatRate(v)), value: (v) => `${v < 10 ? trim(v, 2) : Math.round(v).toLocaleString('en-US')} rps` },
  fraction: { name: '%', axis: (v) => `${Math.round(v * 100)}%`, value: (v) => `${(v * 100).toFixed(1)}%` },
  requests: { name: 'requests', axis: (v) => trim(v), value: (v) => `${trim(v)} waiting` },
  messages: { name: 'messages', axis: (v) => trim(v), value: (v) => `${Math.round(v).toLocaleString('en-US')} messages` },
  connections: { name: 'connections', axis: (v) => trim(v), value: (v) => `${trim(v)} connections` },
  replicas: { name: 'replicas', axis: (v) => trim(v), value: (v) => `${trim(v)} replicas` },
} satisfies Record<string, Unit>;

export type UnitName = keyof typeof UNITS;
