/**
 * The gallery: built-in scenarios, each a document with a short text of what
 * to watch and what to try. Every entry passes the schema and has a lesson
 * check in test/gallery/lessons.test.ts that runs it headless and finds its
 * lesson in the report.
 */
import { evictionPolicies, hotKeyStampede, writeBackLoss } from './caching';
import { hotShard, poolSizing, staleReplicaReads } from './databases';
import { mm1Entry, sessionsEntry, slowServerEntry, webAppEntry } from './examples';
import { growthDatabaseTier, growthLoadBalancer, growthOneServer } from './growth';
import { growthCache, growthCdnShards, growthGatewayQueue } from './growthScale';
import { duplicateWrites } from './idempotency';
import { circuitBreaker, retryStorm } from './resilience';
import { retryBudget } from './retryBudget';
import { blockingVsAsync, nPlusOne, stickyCrash } from './servers';
import { fanOut, pooling } from './theory';
import { autoscalingLag, rateLimitWindows } from './traffic';
import type { GalleryEntry } from './types';

export { GALLERY_GROUPS, type GalleryEntry, type GalleryGroup, type TryChange } from './types';
export { applyTryChanges } from './tryChanges';

/** In the order the gallery shows them, group by group. */
export const GALLERY = [
  growthOneServer,
  growthDatabaseTier,
  growthLoadBalancer,
  growthCache,
  growthCdnShards,
  growthGatewayQueue,
  slowServerEntry,
  webAppEntry,
  sessionsEntry,
  evictionPolicies,
  hotKeyStampede,
  writeBackLoss,
  retryStorm,
  circuitBreaker,
  retryBudget,
  duplicateWrites,
  rateLimitWindows,
  stickyCrash,
  poolSizing,
  staleReplicaReads,
  hotShard,
  autoscalingLag,
  blockingVsAsync,
  nPlusOne,
  mm1Entry,
  pooling,
  fanOut,
] as const satisfies readonly GalleryEntry[];

export function galleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((entry) => entry.id === id);
}
