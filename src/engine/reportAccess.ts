/** Typed access to a report's nodes, for hosts and tests: no `as number` on kind-specific fields. */
import type { NodeKind } from '../model';
import type { NodeReportByKind, Report } from './api';

/** Node `id`'s report, checked to be of `kind`; throws when it is missing or of another kind. */
export function nodeReport<K extends NodeKind>(report: Report, id: string, kind: K): NodeReportByKind[K] {
  const r = Object.prototype.hasOwnProperty.call(report.nodes, id) ? report.nodes[id] : undefined;
  if (r === undefined) throw new Error(`the report has no node "${id}"`);
  if (r.kind !== kind) throw new Error(`node "${id}" is a ${r.kind}, not a ${kind}`);
  return r as NodeReportByKind[K];
}
