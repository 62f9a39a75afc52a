/**
 * Checks that span the document: unique ids, edges and the fields that name
 * nodes (a gateway's routes: see nodeRefs.ts) naming existing nodes, fault
 * targets, warm-up shorter than the run.
 *
 * They read the raw document tolerantly (any field may be missing or of the
 * wrong type), so they run even when other parts of the document are invalid
 * and the user sees every problem at once.
 */
import { NODE_FAULT_ACTIONS, type FaultAction } from './fault';
import { MAX_DURATION_MS } from './fields';
import { rawNodeRefs } from './nodeRefs';
import { quote } from './printable';

export interface ReferenceIssue {
  path: (string | number)[];
  message: string;
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function describe(path: (string | number)[]): string {
  return `${path[0]}[${path[1]}]`;
}

/** Default when `durationMs` is absent; kept in step with the schema by a test. */
const DEFAULT_DURATION_MS = 60_000;

export function checkReferences(doc: unknown): ReferenceIssue[] {
  if (!isObject(doc)) return [];
  const issues: ReferenceIssue[] = [];
  const nodes = listOf(doc.nodes);
  const edges = listOf(doc.edges);

  // Ids are one namespace for nodes and edges.
  const owners = new Map<string, (string | number)[]>();
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  const claim = (collection: 'nodes' | 'edges', index: number, id: unknown) => {
    if (typeof id !== 'string') return;
    const first = owners.get(id);
    if (first) {
      issues.push({
        path: [collection, index, 'id'],
        message: `duplicate id ${quote(id)} (already used by ${describe(first)})`,
      });
      return;
    }
    owners.set(id, [collection, index]);
    (collection === 'nodes' ? nodeIds : edgeIds).add(id);
  };
  nodes.forEach((node, i) => isObject(node) && claim('nodes', i, node.id));
  edges.forEach((edge, i) => isObject(edge) && claim('edges', i, edge.id));

  // When a list is not a list at all, that is the error; do not also call
  // every reference into it dangling.
  const nodesKnown = doc.nodes === undefined || Array.isArray(doc.nodes);
  const edgesKnown = doc.edges === undefined || Array.isArray(doc.edges);

  const missingNode = (id: string) =>
    edgeIds.has(id) ? `${quote(id)} is an edge, not a node` : `no node with id ${quote(id)}`;

  edges.forEach((edge, i) => {
    if (!isObject(edge)) return;
    for (const end of ['from', 'to'] as const) {
      const ref = edge[end];
      if (nodesKnown && typeof ref === 'string' && !nodeIds.has(ref)) {
        issues.push({ path: ['edges', i, end], message: missingNode(ref) });
      }
    }
    if (typeof edge.from === 'string' && edge.from === edge.to && nodeIds.has(edge.from)) {
      issues.push({ path: ['edges', i, 'to'], message: 'an edge cannot connect a node to itself' });
    }
  });

  nodes.forEach((node, i) => {
    for (const ref of rawNodeRefs(node)) {
      // (A route, or any field naming a node, lives inside a node, so the node list is known here.)
      if (!nodeIds.has(ref.id)) issues.push({ path: ['nodes', i, 'config', ...ref.path], message: missingNode(ref.id) });
    }
  });

  listOf(doc.faults).forEach((fault, i) => {
    if (!isObject(fault) || typeof fault.target !== 'string' || !nodesKnown || !edgesKnown) return;
    const target = fault.target;
    const action = fault.action as FaultAction;
    const path = ['faults', i, 'target'];
    if (!nodeIds.has(target) && !edgeIds.has(target)) {
      issues.push({ path, message: `no node or edge with id ${quote(target)}` });
    } else if (NODE_FAULT_ACTIONS.includes(action)) {
      if (!nodeIds.has(target)) {
        issues.push({ path, message: `${quote(target)} is an edge; ${action} acts on a node` });
      }
    } else if (action === 'partition' || action === 'heal') {
      if (!edgeIds.has(target)) {
        issues.push({ path, message: `${quote(target)} is a node; ${action} acts on an edge` });
      }
    }
    if ((action === 'partition' || action === 'heal') && fault.instance !== undefined) {
      issues.push({
        path: ['faults', i, 'instance'],
        message: 'applies only to crash, recover and slow',
      });
    }
  });

  const duration = doc.durationMs === undefined ? DEFAULT_DURATION_MS : doc.durationMs;
  const durationValid = typeof duration === 'number' && duration >= 1 && duration <= MAX_DURATION_MS;
  if (typeof doc.warmupMs === 'number' && durationValid && doc.warmupMs >= duration) {
    issues.push({ path: ['warmupMs'], message: `must be less than durationMs (${duration})` });
  }
  return issues;
}
