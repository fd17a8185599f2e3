// Creating one FedEx shipment for one fulfillment: exactly one live label per idempotency key.
//
// THE GUARANTEE. A create whose outcome the relay cannot prove (its answer was lost, a 5xx, a
// timeout, the relay crashed, a claim it no longer knows about, a repeated `attempt`) is never
// followed by another create for the same key until the key has been looked up at FedEx by customer
// reference (Track) and every live shipment found has been voided, with FedEx confirming the void.
// This holds across restarts, Redis wipes, replays and repeated `attempt` values, because it does
// not trust relay memory to say what was sent; it trusts memory only to say what WAS sent:
//   1. Before a create goes out, the key is marked sent in the store (write-ahead). The marker
//      outlives the stored result, and only a create that made nothing (FedEx refused it, or the
//      limiter refused its turn before anything was sent) clears it.
//   2. A create goes out without a lookup only when the store PROVES the key was never sent: no
//      marker, `attempt` 1, and the key's first attempt (`firstAttemptAt`, from the SuiteApp's
//      Shipment record, the same on every resend) inside the store's current life: after its epoch
//      (which a restart or a lost Redis set moves forward) and within the markers' lifetime.
//   3. Anything else is reconciled first. If the lookup or a void fails, nothing is created.
//   4. A create whose answer is lost is reconciled and retried once within the request's deadline;
//      after a second unclear answer the key stays marked (never freed) and the answer is the
//      retryable FEDEX_OUTCOME_UNKNOWN: NetSuite's queue retries, and the retry reconciles.
// What it relies on: FedEx shows a created shipment in Track by reference when the next attempt
// looks (the FedEx double does at once), and clocks agree within CLOCK_SKEW_MS (NTP).
//
// Around it, the usual idempotency: the first request with a key claims it; a repeat gets the
// stored result, a racing repeat waits for the first (up to its deadline); the same key with a
// different body is refused (409).
import { createHash } from 'node:crypto';
import type { CreateShipmentRequest, CreateShipmentResponse, ShipmentDocument, ShipmentLabel } from '../../../shared/src/contract';
import { toFedexShipRequest } from '../../../shared/src/fedex/ship-request';
import { LABEL_CONTENT_TYPES, parseShipResponse } from '../../../shared/src/fedex/ship-response';
import { stableStringify } from '../../../shared/src/stable-json';
import { RelayError } from '../errors';
import type { FedexClient, FedexResult } from '../fedex/client';
import type { IdempotencyStore } from '../idempotency/store';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { RelayMetrics } from '../lib/metrics';
import { countVoid, describeResult, liveShipmentsOf, voidShipment } from './void-shipment';

export { liveTrackingNumbers } from './void-shipment';

export interface ShipmentServiceDeps {
  fedex: FedexClient;
  store: IdempotencyStore;
  clock: Clock;
  defaultAccountNumber?: string;
  log: Logger;
  metrics?: RelayMetrics;
}

/** Clocks (NetSuite's, the relay's, other instances') are assumed to agree within this. */
export const CLOCK_SKEW_MS = 30_000;
/** A second round (lookup, voids, create) after a lost answer starts only with this much time left. */
export const SECOND_ROUND_MIN_MS = 5_000;

export function fingerprintOf(req: CreateShipmentRequest): string {
  // Neither says anything about the shipment: resends may differ in them and are still the same request.
  const { attempt: _attempt, firstAttemptAt: _first, ...content } = req;
  return createHash('sha256').update(stableStringify(content)).digest('hex');
}

/**
 * Why this key must be looked up at FedEx before a create, or undefined when the store proves no
 * create was ever sent for it (rule 2 above).
 */
export function reconcileReason(req: CreateShipmentRequest, state: { epoch: number; sent: boolean }, now: number, sentTtlMs: number): string | undefined {
  if (state.sent) return 'a create was sent for this key before and its outcome is not on record';
  if ((req.attempt ?? 1) > 1) return `attempt ${req.attempt}: NetSuite retries an attempt whose outcome it does not know`;
  const first = req.firstAttemptAt;
  if (first === undefined) return 'the request does not say when this key was first attempted (firstAttemptAt)';
  if (first < state.epoch + CLOCK_SKEW_MS) return "the key was first attempted before the relay's memory began (restart, Redis wiped)";
  if (first > now + CLOCK_SKEW_MS) return 'firstAttemptAt lies in the future';
  if (now - first > sentTtlMs - CLOCK_SKEW_MS) return 'the key was first attempted longer ago than the relay keeps its markers';
  return undefined;
}

export async function createShipment(deps: ShipmentServiceDeps, req: CreateShipmentRequest, deadlineAt: number): Promise<CreateShipmentResponse> {
  const key = req.idempotencyKey;
  const fingerprint = fingerprintOf(req);
  for (;;) {
    const held = await fromStore('claim the idempotency key', () => deps.store.claim(key, fingerprint));
    if (!held) break;
    if (held.fingerprint !== fingerprint) {
      throw new RelayError(409, 'IDEMPOTENCY_CONFLICT', `Idempotency key ${key} was already used with a different request body; a changed fulfillment must not reuse the shipment created for the old one`);
    }
    if (held.state === 'completed') return { ...held.response, replayed: true };
    // A racing duplicate: wait for the first, then read its result; not past this request's deadline.
    if (!(await settlesBefore(held.done, deadlineAt - deps.clock.now()))) {
      throw new RelayError(409, 'IDEMPOTENCY_IN_PROGRESS', `A create for ${key} is still in progress; retry to get its result`, { retryAfterSeconds: 10 });
    }
  }
  let completed = false;
  try {
    const response = await createOwned(deps, req, deadlineAt);
    completed = await storeResult(deps, key, response, deadlineAt);
    return response;
  } finally {
    // Ends the claim (the lock) only: a sent-marker stays unless createOwned cleared it.
    if (!completed) await deps.store.release(key).catch(() => undefined);
  }
}

/** The create itself, for the owner of the key's claim. */
async function createOwned(deps: ShipmentServiceDeps, req: CreateShipmentRequest, deadlineAt: number): Promise<CreateShipmentResponse> {
  const { fedex, store, clock, log } = deps;
  const key = req.idempotencyKey;
  const accountNumber = req.accountNumber ?? deps.defaultAccountNumber;
  if (!accountNumber) throw new RelayError(422, 'CONFIGURATION', 'No FedEx account number: the request has none and the relay has no FEDEX_ACCOUNT_NUMBER');
  const notes: string[] = [];
  const body = toFedexShipRequest(req, accountNumber);
  const options = { deadlineAt };

  const state = await fromStore('read the sent-marker', () => store.sentState(key));
  const reason = reconcileReason(req, state, clock.now(), store.sentTtlMs);
  if (reason) {
    // Nothing was sent by this request yet, and the marker stays as it was if this fails.
    const mayExist = state.sent || (req.attempt ?? 1) > 1;
    await voidLiveShipments(deps, req, accountNumber, notes, reason, options, mayExist);
  }
  for (let round = 1; ; round++) {
    await fromStore('mark the key as sent', () => store.markSent(key));
    let result: FedexResult;
    try {
      result = await fedex.createShipment(body, key, options);
    } catch (error) {
      // Thrown only when FedEx created nothing (the limiter refused the turn for the deadline, or
      // could not be reached): as below, nothing is live for the key, so the marker goes too and
      // NetSuite's retry of a RELAY_OVERLOADED refusal costs FedEx no lookup.
      await store.clearSent(key).catch(() => undefined);
      throw error;
    }
    if (result.ok) return toResponse(req, accountNumber, result, notes);
    if (result.kind !== 'ambiguous') {
      // FedEx answered: this create made nothing, and anything earlier was voided above (or never
      // existed): nothing is live for the key, so a corrected request may create without a lookup.
      await store.clearSent(key).catch(() => undefined);
      throw toRelayError(result, 'create the shipment');
    }
    log.warn('fedex.create.ambiguous', { idempotencyKey: key, round, status: result.status, errors: result.errors });
    notes.push(`create attempt ${round} ended without an answer (${describeResult(result)}); reconciled by customer reference`);
    if (round >= 2 || deadlineAt - clock.now() < SECOND_ROUND_MIN_MS) {
      // Two unclear answers in a row (or no time for a second round): a shipment may exist. The key
      // stays marked, so whatever comes next for it reconciles first.
      throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `FedEx did not answer whether it created the shipment for ${key} (${describeResult(result)}). Nothing else was created; a retry looks the key up at FedEx first and voids what this attempt may have bought.`, {
        fedexErrors: result.errors,
        retryAfterSeconds: 60,
      });
    }
    try {
      await voidLiveShipments(deps, req, accountNumber, notes, 'the create answer was lost', options, true);
    } catch (error) {
      // Whatever went wrong, the first create's fate is still unknown: say so, never "nothing created".
      if (error instanceof RelayError && error.code === 'FEDEX_VOID_REFUSED') throw error;
      throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `FedEx did not answer whether it created the shipment for ${key}, and it could not be reconciled yet (${(error as Error).message}). A retry reconciles first.`, { cause: error, retryAfterSeconds: 60 });
    }
  }
}

/**
 * Finds the key's live shipments at FedEx and voids each, confirmed by FedEx. Throws when the lookup
 * or a void fails: then nothing may be created. `mayExist`: an earlier create of this key went out
 * with its outcome unknown, so a failed lookup leaves a possible live label (FEDEX_OUTCOME_UNKNOWN,
 * retried); otherwise the lookup only could not prove a negative, and FedEx's own failure is the answer.
 */
async function voidLiveShipments(
  deps: ShipmentServiceDeps,
  req: CreateShipmentRequest,
  accountNumber: string,
  notes: string[],
  reason: string,
  options: { deadlineAt: number },
  mayExist: boolean,
): Promise<void> {
  const key = req.idempotencyKey;
  const reconciled = (outcome: string) => deps.metrics?.reconciliations.inc({ outcome });
  const live = await liveShipmentsOf(deps.fedex, req, accountNumber, options);
  if (!live.ok) {
    reconciled('lookup_failed');
    if (!mayExist) throw toRelayError(live.result, `look up ${key} by reference before creating it (${reason}); nothing was created`);
    throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `Could not tell whether an earlier attempt created a FedEx shipment for ${key} (${reason}): ${live.reason}. Nothing was created now; retry later.`, { retryAfterSeconds: 60 });
  }
  for (const trackingNumber of live.trackingNumbers) {
    const outcome = await voidShipment(deps.fedex, accountNumber, trackingNumber, options);
    countVoid(deps.metrics, 'reconciliation', outcome);
    if (outcome.kind === 'voided' || outcome.kind === 'already-cancelled') {
      notes.push(`voided shipment ${trackingNumber}, created by an earlier attempt whose outcome was not on record`);
      deps.log.warn('fedex.orphan.voided', { idempotencyKey: key, trackingNumber, reason });
      continue;
    }
    if (outcome.kind === 'refused') {
      reconciled('void_refused');
      deps.log.error('fedex.orphan.void_refused', { idempotencyKey: key, trackingNumber, status: outcome.status });
      throw new RelayError(422, 'FEDEX_VOID_REFUSED', `FedEx shipment ${trackingNumber}, created earlier for ${key}, is live and FedEx refuses to void it${outcome.status ? ` (status ${outcome.status}${outcome.description ? `, ${outcome.description}` : ''})` : ''}: ${outcome.reason}. No second shipment was created; this one needs a person.`);
    }
    reconciled('void_failed');
    throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `FedEx shipment ${trackingNumber} from an earlier attempt for ${key} could not be voided (${outcome.reason}); it was not replaced, to avoid paying twice. Retry later.`, { retryAfterSeconds: 60 });
  }
  reconciled(live.trackingNumbers.length > 0 ? 'voided' : 'nothing_live');
}

/**
 * Stores the result; false when the claim was lost meanwhile (this instance stalled and another one
 * took the key over): that one reconciles, so our shipment is voided here and the caller retries.
 */
async function storeResult(deps: ShipmentServiceDeps, key: string, response: CreateShipmentResponse, deadlineAt: number): Promise<boolean> {
  let stored: boolean;
  try {
    stored = await deps.store.complete(key, response);
  } catch (error) {
    // The label exists and the caller gets it; the key stays marked, so a resend reconciles.
    deps.log.warn('idempotency.complete_failed', { idempotencyKey: key, message: (error as Error).message });
    return true;
  }
  if (stored) return true;
  const outcome = await voidShipment(deps.fedex, response.accountNumber, response.masterTrackingNumber, { deadlineAt }).catch((e: Error) => ({ kind: 'unknown' as const, reason: e.message }));
  countVoid(deps.metrics, 'claim_lost', outcome);
  deps.log.error('idempotency.claim_lost', { idempotencyKey: key, masterTrackingNumber: response.masterTrackingNumber, void: outcome.kind });
  throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `The relay lost its claim on ${key} while creating (another instance took it over); the shipment it created was ${outcome.kind === 'voided' || outcome.kind === 'already-cancelled' ? 'voided' : 'not voidable yet'}. Retry to get the key's one shipment.`, { retryAfterSeconds: 30 });
}

function toResponse(req: CreateShipmentRequest, accountNumber: string, result: Extract<FedexResult, { ok: true }>, notes: string[]): CreateShipmentResponse {
  const parsed = parseShipResponse(result.body);
  // A 2xx without a shipment in it: FedEx may well have created one. Unknown, and the key stays marked.
  if (!parsed.ok) throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `FedEx answered the create without the expected shipment: ${parsed.message}`, { ...(result.transactionId ? { fedexTransactionId: result.transactionId } : {}) });
  const shipment = parsed.value;
  const labels: ShipmentLabel[] = [];
  for (const label of shipment.labels) {
    if (!label.encodedLabel) {
      notes.push(`FedEx returned no label bytes for ${label.trackingNumber}`);
      continue;
    }
    labels.push({ trackingNumber: label.trackingNumber, contentType: LABEL_CONTENT_TYPES[label.docType] ?? 'application/octet-stream', content: label.encodedLabel });
  }
  const documents: ShipmentDocument[] = [];
  for (const doc of shipment.documents) {
    if (doc.encodedLabel) documents.push({ type: doc.type, contentType: LABEL_CONTENT_TYPES[doc.docType] ?? 'application/octet-stream', content: doc.encodedLabel });
    else notes.push(`FedEx returned no bytes for the ${doc.type} document`);
  }
  notes.push(...shipment.alerts.map((a) => `FedEx alert: ${a}`));
  return {
    idempotencyKey: req.idempotencyKey,
    masterTrackingNumber: shipment.masterTrackingNumber,
    trackingNumbers: shipment.trackingNumbers,
    serviceType: shipment.serviceType ?? req.serviceType,
    shipDate: shipment.shipDate ?? req.shipDate,
    accountNumber,
    labels,
    ...(documents.length > 0 ? { documents } : {}),
    fedexTransactionId: shipment.transactionId || result.transactionId || '',
    replayed: false,
    notes,
  };
}

/** Whether `done` settles within `ms` (a real timer, cleared either way). */
async function settlesBefore(done: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([done.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A store call that must succeed before anything is sent: when the store is down, nothing is sent. */
async function fromStore<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RelayError) throw error;
    throw new RelayError(503, 'RELAY_UNAVAILABLE', `The relay could not ${what}: its shared state (Redis) is unavailable (${(error as Error).message}). Nothing was sent to FedEx; retry later.`, { cause: error, retryAfterSeconds: 5 });
  }
}

export function toRelayError(result: Extract<FedexResult, { ok: false }>, action: string): RelayError {
  const details = { fedexErrors: result.errors, ...(result.transactionId ? { fedexTransactionId: result.transactionId } : {}) };
  const what = describeResult(result);
  switch (result.kind) {
    case 'rejected':
      return new RelayError(422, 'FEDEX_REJECTED', `FedEx refused to ${action}: ${what}`, details);
    case 'unauthorized':
      return new RelayError(502, 'FEDEX_UNAUTHORIZED', `FedEx refused the relay's credentials: ${what}`, details);
    case 'rate-limited':
      return new RelayError(503, 'FEDEX_RATE_LIMITED', `FedEx kept answering 429 (too many requests) after ${result.attempts} attempts`, { ...details, retryAfterSeconds: 10 });
    case 'ambiguous':
      return new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `FedEx did not answer whether it managed to ${action}: ${what}`, details);
    default:
      return new RelayError(503, 'FEDEX_UNAVAILABLE', `FedEx is unavailable (${result.attempts} attempts): ${what}`, { ...details, retryAfterSeconds: 30 });
  }
}
