/**
 * Retry backoff (SPEC §3.3): exponential from `baseDelayMs`, capped at `maxDelayMs`, with
 * optional jitter. "full" draws uniformly in [0, d]; "equal" keeps half and draws the rest.
 */
import type { RetryConfig } from '../../model';
import type { Rng } from '../core/rng';

/** The delay before attempt `attempt + 1`, after `attempt` (≥ 1) attempts have failed. */
export function backoffDelayMs(retry: RetryConfig, attempt: number, rng: Rng): number {
  let growth = 1;
  for (let k = 1; k < attempt; k++) growth *= retry.multiplier; // exact, unlike a library pow
  const d = Math.min(retry.maxDelayMs, retry.baseDelayMs * growth);
  switch (retry.jitter) {
    case 'none':
      return d;
    case 'full':
      return rng.next() * d;
    case 'equal':
      return d / 2 + rng.next() * (d / 2);
  }
}

/** With `respectRetryAfter`, a refusal's Retry-After sets a floor under the backoff. */
export function retryDelayMs(retry: RetryConfig, attempt: number, retryAfterMs: number, rng: Rng): number {
  const d = backoffDelayMs(retry, attempt, rng);
  return retry.respectRetryAfter && retryAfterMs > d ? retryAfterMs : d;
}
