/**
 * The gallery: built-in scenarios, each a document with a short text of what
 * to watch and what to try. Every entry passes the schema and has a lesson
 * check in test/gallery/lessons.test.ts that runs it headless and finds its
 * lesson in the report. Scenarios that need kinds not yet simulated (cache,
 * CDN, queue, database, gateway, rate limiter, autoscaling) join with them.
 */
import { mm1Entry, sessionsEntry, slowServerEntry, webAppEntry } from './examples';
import { growthLoadBalancer, growthOneServer } from './growth';
import { duplicateWrites } from './idempotency';
import { circuitBreaker, retryStorm } from './resilience';
import { blockingVsAsync, nPlusOne, stickyCrash } from './servers';
import { fanOut, pooling } from './theory';
import type { GalleryEntry } from './types';

export { GALLERY_GROUPS, type GalleryEntry, type GalleryGroup, type TryChange } from './types';
export { applyTryChanges } from './tryChanges';

/** In the order the gallery shows them, group by group. */
export const GALLERY = [
  growthOneServer,
  growthLoadBalancer,
  slowServerEntry,
  webAppEntry,
  sessionsEntry,
  stickyCrash,
  retryStorm,
  circuitBreaker,
  duplicateWrites,
  blockingVsAsync,
  nPlusOne,
  mm1Entry,
  pooling,
  fanOut,
] as const satisfies readonly GalleryEntry[];

export function galleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((entry) => entry.id === id);
}
