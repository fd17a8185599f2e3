// When and how long to wait before calling FedEx again. Pure functions: the client owns the loop.
// FedEx sends no Retry-After, so waits are capped exponential with full jitter.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** No new attempt starts after this much time since the first: NetSuite's https call gives up at 45 s. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 250, capMs: 8_000, budgetMs: 25_000 };

/** What one HTTP attempt ended with, as far as retrying cares. */
export type AttemptOutcome =
  | { kind: 'response'; status: number }
  /** The connection was never made: FedEx cannot have seen the request. */
  | { kind: 'not-sent' }
  /** The request may have reached FedEx (reset, timeout, dropped response). */
  | { kind: 'network' };

/**
 * Whether an attempt can be repeated without risk. `mutating` marks calls that buy something (create
 * shipment): for those, only outcomes proving FedEx did not act are retried; a dropped connection or
 * a 500/502/504 might hide a created shipment and is left to reconciliation instead.
 */
export function isRetryable(outcome: AttemptOutcome, mutating: boolean): boolean {
  if (outcome.kind === 'not-sent') return true;
  if (outcome.kind === 'network') return !mutating;
  const { status } = outcome;
  if (status === 429 || status === 503) return true; // refused before processing
  if (status >= 500) return !mutating;
  return false;
}

/** True when the outcome leaves a mutating call's effect unknown. */
export function isAmbiguous(outcome: AttemptOutcome): boolean {
  return outcome.kind === 'network' || (outcome.kind === 'response' && outcome.status >= 500 && outcome.status !== 503);
}

/** Full jitter: uniformly random in [0, min(cap, base * 2^(attempt-1))]. `attempt` counts from 1. */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
