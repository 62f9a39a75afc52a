/**
 * The retry storm's third scenario: a retry budget, which stops the storm without a
 * breaker by capping what retries may add to the load. The document is the storm's with
 * the budget set, so the two can only differ there.
 */
import { retryStorm } from './resilience';
import { applyTryChanges } from './tryChanges';
import type { GalleryEntry } from './types';

const name = 'A retry budget stops the storm';

export const retryBudget: GalleryEntry = {
  id: 'retry-budget',
  group: 'tradeoff',
  title: name,
  watch:
    'The same storm, with a retry budget of 10% on the API → backend call: retries may add at most a tenth of the call\'s first attempts over the last 10 s. While the backend is slow most retries are refused (the report\'s retriesDenied; the calls table shows few retries), so it is offered at most about 660 calls a second instead of three times 600. After 30 s that is less than the 800 it can serve: its queue of stale calls drains in about 15 s and the errors stop at about 45 s, where without the budget they never do.',
  try: 'Set the budget ratio to 1 (retries may double the load): 1,200 calls a second is more than the backend can serve, and the storm outlives its cause again. A budget works when (1 + ratio) × demand stays under capacity.',
  tryChanges: [{ path: 'edges.calls.config.retry.budgetRatio', value: 1 }],
  document: applyTryChanges(retryStorm.document, [
    { path: 'name', value: name },
    {
      path: 'description',
      value: 'The retry storm of "A retry storm outlives its cause", with a retry budget of 10% on the call to the backend.',
    },
    { path: 'edges.calls.config.retry.budgetRatio', value: 0.1 },
  ]),
};
