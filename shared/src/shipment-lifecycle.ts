// The life of a FedEx Shipment record, as pure rules: its statuses, what a failed relay call says
// about FedEx's side, when the shipping queue tries again, and who may work on a Shipment now.
// Guarantees kept here: a create whose outcome is unknown never ends FAILED (it stays UNKNOWN and is
// retried with reconciliation until the answer is known), and FAILED only ever follows a definite
// answer, so a FAILED Shipment never stands beside a live label the connector knows of.
import type { ErrorCode } from './errors';

export const SHIPMENT_STATUSES = [
  /** Saved in bulk: the shipping queue creates it. */
  'QUEUED',
  /** A create is in flight (claimed by a script); a claim older than the lease means that script died. */
  'PENDING',
  /** A create failed for a passing reason and nothing was created: the queue tries again at Next Attempt. */
  'RETRYING',
  /** A create may have reached FedEx: the queue reconciles (same key, raised attempt) at Next Attempt. */
  'UNKNOWN',
  /** FedEx holds a live label for it. */
  'CREATED',
  /** Ended without a label: the reason is in Last Error (fix the data and save the fulfillment again, or Replay). */
  'FAILED',
  /** A void was asked for (fulfillment deleted or taken back from Shipped, or Cancel) and is not confirmed yet. */
  'VOIDING',
  /** FedEx confirmed the void, or no FedEx shipment was ever made. */
  'VOIDED',
  /** FedEx refused the void (typically already picked up): the label stays live and billable; reason in Last Error. */
  'VOID_REFUSED',
  /** The connector stood back on purpose (NetSuite's own FedEx integration prints this label); reason in Last Error. */
  'SKIPPED',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Statuses with a live FedEx label: these show on invoices and are tracked. */
export const LIVE_LABEL_STATUSES: readonly ShipmentStatus[] = ['CREATED', 'VOIDING', 'VOID_REFUSED'];

/**
 * What a failed call tells about FedEx's side:
 * - `final`: definite, nothing was created, and only changed NetSuite data can help;
 * - `passing`: definite, nothing was created, and the same request may succeed later;
 * - `unknown`: FedEx may hold a label for this key: retry with reconciliation until known.
 */
export type FailureKind = 'final' | 'passing' | 'unknown';

const FINAL_CODES: readonly ErrorCode[] = ['INVALID_REQUEST', 'INVALID_SHIPMENT_DATA', 'CONFIGURATION', 'UNSUPPORTED_FULFILLMENT', 'FEDEX_REJECTED'];
/**
 * IDEMPOTENCY_CONFLICT too: the relay holds another body for this key, so something was sent under
 * it and may have been created; the reconciling resend (attempt > 1) is the relay's to sort out.
 * And FEDEX_VOID_REFUSED answering a create: an earlier attempt's label is live and FedEx will not
 * void it, so the key has a live label (never FAILED; the message names it).
 */
const UNKNOWN_CODES: readonly ErrorCode[] = ['FEDEX_OUTCOME_UNKNOWN', 'INTERNAL', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_CONFLICT', 'FEDEX_VOID_REFUSED'];

/** SuiteScript errors of N/https that prove nothing left NetSuite (no host, bad URL). */
const NOT_SENT_TRANSPORT_ERRORS = ['SSS_INVALID_URL', 'SSS_UNKNOWN_HOST', 'SSS_INVALID_HOST_CERT'];

export interface FailedCall {
  code: ErrorCode;
  /** HTTP status of the relay's answer; 0 when no answer came back. */
  status: number;
  /** The SuiteScript error name when N/https threw (SSS_REQUEST_TIME_EXCEEDED, SSS_CONNECTION_CLOSED, ...). */
  transportError?: string;
  /** True when the answer carried the relay's own error body (its code can be trusted). */
  fromRelay?: boolean;
  /** False when the request never left NetSuite (the code then says why, e.g. CONFIGURATION). */
  sent?: boolean;
}

/** Classifies a failed relay call. When in doubt, `unknown`: a retry with reconciliation costs a lookup, a forgotten label costs money. */
export function classifyFailure(call: FailedCall): FailureKind {
  if (call.sent === false) return FINAL_CODES.includes(call.code) ? 'final' : 'passing';
  if (call.status === 0) {
    // No answer: a timeout or a closed connection may come after the relay received the request
    // (NetSuite reports a refused connection with the same error as one cut mid-answer).
    return call.transportError && NOT_SENT_TRANSPORT_ERRORS.includes(call.transportError) ? 'passing' : 'unknown';
  }
  if (call.fromRelay === false) {
    // An answer that is not the relay's (a proxy's 502/504, an HTML error page): a 4xx refused the
    // request before it was handled; a 5xx may have come after the relay started.
    return call.status >= 400 && call.status < 500 ? 'passing' : 'unknown';
  }
  if (FINAL_CODES.includes(call.code)) return 'final';
  if (UNKNOWN_CODES.includes(call.code)) return 'unknown';
  // RELAY_OVERLOADED, FEDEX_RATE_LIMITED, FEDEX_UNAVAILABLE, FEDEX_UNAUTHORIZED, BAD_SIGNATURE,
  // RELAY_UNAVAILABLE: the relay says nothing was created, and the cause lies outside NetSuite's data.
  return 'passing';
}

export interface RetryPolicy {
  /** First wait after a failure. */
  baseMs: number;
  /** Longest wait between two attempts. */
  capMs: number;
}

/** 5, 10, 20, 40 minutes... up to 6 hours: the queue runs every 15 minutes, FedEx outages last minutes to hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5 * 60_000, capMs: 6 * 60 * 60_000 };

/**
 * When the next attempt may run, after `attempts` attempts. `retryAfterSeconds` (the relay's
 * Retry-After on RELAY_OVERLOADED) is a floor. `random` in [0, 1) spreads a burst of failures
 * over ±20 % so they do not all come back in the same run.
 */
export function nextAttemptAt(nowMs: number, attempts: number, random: number, retryAfterSeconds?: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 20);
  const backoff = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const spread = backoff * (0.8 + 0.4 * Math.min(Math.max(random, 0), 1));
  const floor = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return nowMs + Math.round(Math.max(spread, floor));
}

/** The Shipment status after a failed create: never FAILED while FedEx may hold a label. */
export function statusAfterFailedCreate(kind: FailureKind, attempts: number, maxAttempts: number): Extract<ShipmentStatus, 'FAILED' | 'RETRYING' | 'UNKNOWN'> {
  if (kind === 'unknown') return 'UNKNOWN';
  if (kind === 'final') return 'FAILED';
  return attempts >= maxAttempts ? 'FAILED' : 'RETRYING';
}

/** How long a claim holds: far beyond one script's time limit, so only a dead script's claim expires. */
export const CLAIM_LEASE_MS = 20 * 60_000;

/** The parts of a Shipment record that decide who may work on it, and what work it needs. */
export interface ShipmentState {
  status: string;
  attempts: number;
  /** Who claimed it last (run or script id) and when (ms); empty when nobody. */
  claim?: string;
  claimedAt?: number;
  /** When the queue may try again (ms); absent: now. */
  nextAttemptAt?: number;
  /** Non-empty once a void was asked for. */
  voidReason?: string;
  /** CREATED inline: the tracking numbers still go on the fulfillment's packages. */
  fulfillmentPending?: boolean;
  /** CREATED: the order's invoice is still to be checked (rewritten once per order by the queue). */
  invoicePending?: boolean;
  /** A create request was recorded before sending: its outcome must be reconciled before anything else. */
  hasSentRequest: boolean;
}

/**
 * What the shipping queue should do with a Shipment now:
 * - `ship`: create it (queued, a passing failure that is due, or a create that never left NetSuite);
 * - `reconcile`: resend the recorded request with a raised attempt (the last outcome is unknown);
 * - `void`: void it (asked for and not done), resolving an unknown create first;
 * - `finish`: put a label bought inline on the fulfillment's packages (no one waits for that), and
 *   have the order's invoice rewritten;
 * - `wait`: someone else holds it, or its next attempt is not due;
 * - `none`: nothing to do.
 */
export type QueueWork = 'ship' | 'reconcile' | 'void' | 'finish' | 'wait' | 'none';

export function claimIsLive(state: Pick<ShipmentState, 'claim' | 'claimedAt'>, nowMs: number, me?: string, leaseMs = CLAIM_LEASE_MS): boolean {
  if (!state.claim || state.claim === me) return false;
  return state.claimedAt !== undefined && nowMs - state.claimedAt < leaseMs;
}

export function queueWorkFor(state: ShipmentState, nowMs: number, me?: string, leaseMs = CLAIM_LEASE_MS): QueueWork {
  const status = state.status as ShipmentStatus;
  if (claimIsLive(state, nowMs, me, leaseMs)) return 'wait';
  const mine = me !== undefined && state.claim === me;
  if (status === 'PENDING') {
    // PENDING past its lease: the script that held it died mid-call (or before sending). Every
    // PENDING write records `claimedAt`; one without it predates claims and counts as stale.
    // (Its own claim: a map call of this run that NetSuite restarted after it sent.)
    if (!mine && state.claimedAt !== undefined && nowMs - state.claimedAt < leaseMs) return 'wait';
    if (state.voidReason) return 'void';
    return state.hasSentRequest ? 'reconcile' : 'ship';
  }
  const due = state.nextAttemptAt === undefined || state.nextAttemptAt <= nowMs;
  switch (status) {
    case 'QUEUED':
      return state.voidReason ? 'void' : 'ship';
    case 'RETRYING':
      if (state.voidReason) return 'void';
      return due ? 'ship' : 'wait';
    case 'UNKNOWN':
      if (!due) return 'wait';
      return state.voidReason ? 'void' : 'reconcile';
    case 'VOIDING':
      return due ? 'void' : 'wait';
    case 'CREATED':
      // A void asked for while its create was in flight: the create won the race, void it now.
      if (state.voidReason) return 'void';
      return state.fulfillmentPending || state.invoicePending ? 'finish' : 'none';
    default:
      return 'none';
  }
}

/** The fulfillment left Shipped: it was taken back to Picked (A) or Packed (B). */
export function leftShipped(eventType: string, newStatus: string | undefined, oldStatus: string | undefined): boolean {
  const type = eventType.toLowerCase();
  if (type !== 'edit' && type !== 'xedit' && type !== 'pack') return false;
  return oldStatus === 'C' && (newStatus === 'A' || newStatus === 'B');
}

/**
 * The idempotency key of the `generation`-th FedEx shipment of one fulfillment: the first keeps the
 * base key; after a void, shipping the fulfillment again is a new shipment and needs a new key
 * (the old one would replay the voided label).
 */
export function keyForGeneration(baseKey: string, generation: number): string {
  if (generation <= 1) return baseKey;
  const suffix = `-R${generation}`;
  return `${baseKey.slice(0, 40 - suffix.length)}${suffix}`;
}

/** Which generation a key is (1 for the base key). */
export function generationOfKey(baseKey: string, key: string): number {
  if (key === baseKey) return 1;
  const match = /-R(\d+)$/.exec(key);
  return match ? Number(match[1]) : 1;
}
