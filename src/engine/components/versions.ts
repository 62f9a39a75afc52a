/**
 * Data versions, for stale reads. A database counts the writes it has applied to each key:
 * that count is the key's version, and every answer that carries data carries the version
 * it read (`Call.version`). A cache or CDN remembers the version of what it holds; serving
 * it while the database has applied a later write is a stale read.
 *
 * The cache asks the database for the latest version when it serves a hit: a measurement,
 * not a call (no time passes, nothing is answered). The database it asks is the one its
 * copies come from: its downstream node, or the database behind a chain of caches. A cache
 * whose downstream is anything else (a service that may read several stores) measures no
 * staleness: it cannot know which write its copy should be compared with.
 */
import type { NodeRuntime } from '../runtime/node';

export interface KeyVersions {
  /** Writes applied to `key` so far. */
  latestVersion(key: number): number;
}

/** Kinds whose reads answer from copies of their downstream node's data. */
const COPYING = new Set(['cache', 'cdn']);

/** The database behind `node`'s downstream chain of caches, or null (see above). */
export function findVersionAuthority(node: NodeRuntime): KeyVersions | null {
  let n: NodeRuntime | undefined = node.outEdges.length === 1 ? node.outEdges[0].to : undefined;
  // The runnability check forbids cycles, so the walk ends; the bound keeps it certain.
  for (let hops = 0; n !== undefined && hops < 10_000; hops++) {
    if (n.kind === 'database') return n as unknown as KeyVersions;
    if (!COPYING.has(n.kind) || n.outEdges.length !== 1) return null;
    n = n.outEdges[0].to;
  }
  return null;
}
