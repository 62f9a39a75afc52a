/**
 * Resilience trade-offs: a retry storm that outlives its cause, and the
 * circuit breaker that stops it. The two documents differ only in the breaker.
 * (The retry budget that also stops it joins when `budgetRatio` is simulated.)
 */
import type { ScenarioInput } from '../scenario';
import type { GalleryEntry } from './types';

function stormDocument(name: string, description: string, breaker: boolean): ScenarioInput {
  return {
    version: 1,
    name,
    description,
    seed: 21,
    durationMs: 60_000,
    warmupMs: 2_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 100 }, config: { rps: 600, users: 5000 } },
      {
        id: 'api',
        kind: 'server',
        label: 'API',
        position: { x: 300, y: 100 },
        // Async io: the API never runs out of workers, so nothing upstream throttles the retries.
        config: { replicas: 2, concurrency: 64, io: 'async', serviceTime: { dist: 'exponential', meanMs: 1 } },
      },
      {
        id: 'backend',
        kind: 'server',
        label: 'Backend (800 rps max)',
        position: { x: 620, y: 100 },
        config: { concurrency: 8, queueCapacity: 2000, serviceTime: { dist: 'exponential', meanMs: 10 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'api' },
      {
        id: 'calls',
        from: 'api',
        to: 'backend',
        config: {
          timeoutMs: 200,
          retry: { maxAttempts: 3, baseDelayMs: 10, multiplier: 2, jitter: 'full' },
          ...(breaker
            ? { circuitBreaker: { failureRateThreshold: 0.5, minimumCalls: 20, windowMs: 2000, openMs: 2000, halfOpenCalls: 5 } }
            : {}),
        },
      },
    ],
    faults: [
      { atMs: 20_000, action: 'slow', target: 'backend', factor: 2 },
      { atMs: 30_000, action: 'recover', target: 'backend' },
    ],
  };
}

export const retryStorm: GalleryEntry = {
  id: 'retry-storm',
  group: 'tradeoff',
  title: 'A retry storm outlives its cause',
  watch:
    'At 20 s the backend slows to half speed for ten seconds. Its queue grows past the API\'s 200 ms timeout, every call times out and is retried twice, so the backend is offered three times the traffic. At 30 s it is fast again, but the retries keep its queue full: the error rate stays near 100% to the end (a metastable failure). The backend keeps working on calls nobody waits for.',
  try: 'Remove the retries on the API → backend call (retry: none): errors stop within seconds of the backend recovering. Or open "A circuit breaker stops the storm".',
  tryChanges: [{ path: 'edges.calls.config.retry', value: null }],
  document: stormDocument(
    'A retry storm outlives its cause',
    'An API calls a backend with a 200 ms timeout and two retries. The backend slows down for ten seconds; the retries keep it overloaded long after.',
    false,
  ),
};

export const circuitBreaker: GalleryEntry = {
  id: 'circuit-breaker',
  group: 'tradeoff',
  title: 'A circuit breaker stops the storm',
  watch:
    'The same storm, with a circuit breaker on the API → backend call. Once half the calls in a 2 s window fail, it opens: calls fail at once instead of piling onto the backend, whose queue drains. Half-open probes find it healthy after the slow spell and close the breaker: errors end soon after 30 s (the report counts circuitOpened and shortCircuited on the edge).',
  try: 'Set the breaker\'s fallback to degraded: while it is open, users get a cheap degraded answer instead of an error.',
  tryChanges: [{ path: 'edges.calls.config.fallback', value: 'degraded' }],
  document: stormDocument(
    'A circuit breaker stops the storm',
    'The retry storm of the previous scenario, with a circuit breaker on the call to the backend.',
    true,
  ),
};
