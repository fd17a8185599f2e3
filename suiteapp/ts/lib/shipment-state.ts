// A Shipment record's lifecycle state in NetSuite: reading it (by record.load, so dates are Dates,
// never a user's date format), claiming it before any call to the relay, and recording what a
// failed create means. Guarantee: only the holder of a claim calls the relay for a Shipment, and a
// claim is taken by NetSuite's optimistic lock (load, set, save: a concurrent save in between fails
// with RCRD_HAS_BEEN_CHANGED), then read back. The relay's idempotency key is the last guard.
import * as record from 'N/record';
import * as search from 'N/search';
import type { CreateShipmentRequest } from '../../../shared/src/contract';
import { SHIPMENT } from '../../../shared/src/ids';
import { splitTrackingNumbers } from '../../../shared/src/invoice-fields';
import type { ShipmentState, ShipmentStatus } from '../../../shared/src/shipment-lifecycle';
import { LIVE_LABEL_STATUSES, classifyFailure, nextAttemptAt, statusAfterFailedCreate } from '../../../shared/src/shipment-lifecycle';
import type { RelayAnswer } from './relay-client';

const F = SHIPMENT.fields;

export interface ShipmentDetails extends ShipmentState {
  id: number;
  idempotencyKey: string;
  fulfillmentId?: string;
  salesOrderId?: string;
  invoiceId?: string;
  accountNumber?: string;
  masterTrackingNumber?: string;
  trackingNumbers: string[];
  errorCode?: string;
  /** The create request last sent, when one was. */
  request?: CreateShipmentRequest;
}

function text(rec: Pick<record.Record, 'getValue'>, fieldId: string): string {
  const v = rec.getValue({ fieldId });
  return v === null || v === undefined ? '' : String(v).trim();
}

function time(rec: Pick<record.Record, 'getValue'>, fieldId: string): number | undefined {
  const v = rec.getValue({ fieldId }) as unknown;
  if (v instanceof Date) return v.getTime();
  return undefined;
}

function parseRequest(json: string): CreateShipmentRequest | undefined {
  if (!json) return undefined;
  try {
    const parsed = JSON.parse(json) as CreateShipmentRequest;
    return parsed && typeof parsed.idempotencyKey === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A Shipment's details from a record already in hand (a user event's newRecord, a loaded record). */
export function detailsOf(rec: Pick<record.Record, 'getValue' | 'id'>): ShipmentDetails {
  const request = parseRequest(text(rec, F.request));
  const optional = (key: keyof ShipmentDetails, value: string | number | undefined) => (value === undefined || value === '' ? {} : { [key]: value });
  return {
    id: Number(rec.id),
    status: text(rec, F.status),
    attempts: Number(rec.getValue({ fieldId: F.attempts }) || 0),
    idempotencyKey: text(rec, F.idempotencyKey),
    trackingNumbers: splitTrackingNumbers(text(rec, F.trackingNumbers)),
    hasSentRequest: request !== undefined,
    fulfillmentPending: rec.getValue({ fieldId: F.fulfillmentPending }) === true,
    invoicePending: rec.getValue({ fieldId: F.invoicePending }) === true,
    ...(request ? { request } : {}),
    ...optional('claim', text(rec, F.claim)),
    ...optional('claimedAt', time(rec, F.claimedAt)),
    ...optional('nextAttemptAt', time(rec, F.nextAttemptAt)),
    ...optional('voidReason', text(rec, F.voidReason)),
    ...optional('fulfillmentId', text(rec, F.fulfillment)),
    ...optional('salesOrderId', text(rec, F.salesOrder)),
    ...optional('invoiceId', text(rec, F.invoice)),
    ...optional('accountNumber', text(rec, F.accountNumber)),
    ...optional('masterTrackingNumber', text(rec, F.masterTrackingNumber)),
    ...optional('errorCode', text(rec, F.errorCode)),
  } as ShipmentDetails;
}

/** The Shipment as it is now (2 units). */
export function readShipment(id: number | string): ShipmentDetails {
  return detailsOf(record.load({ type: SHIPMENT.type, id }));
}

export type ClaimResult = { ok: true; shipment: ShipmentDetails } | { ok: false; reason: string; shipment?: ShipmentDetails };

/**
 * Claims the Shipment for `claim` when `mayClaim` agrees with its current state (2 + 4 + 1 units).
 * Loses, without throwing, when another script saved the record in between or holds the claim.
 */
export function claimShipment(id: number | string, claim: string, mayClaim: (s: ShipmentDetails) => string | undefined, alsoSet: Record<string, string> = {}): ClaimResult {
  const rec = record.load({ type: SHIPMENT.type, id });
  const before = detailsOf(rec);
  const refusal = mayClaim(before);
  if (refusal) return { ok: false, reason: refusal, shipment: before };
  rec.setValue({ fieldId: F.claim, value: claim });
  rec.setValue({ fieldId: F.claimedAt, value: new Date() });
  for (const [fieldId, value] of Object.entries(alsoSet)) rec.setValue({ fieldId, value });
  try {
    rec.save({ enableSourcing: false, ignoreMandatoryFields: true });
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'RCRD_HAS_BEEN_CHANGED') return { ok: false, reason: 'another script changed the Shipment at the same moment', shipment: before };
    throw e;
  }
  // Read back: if optimistic locking were ever off for the record type, a concurrent claim would
  // win silently; this narrows that window to the time between two saves.
  const holder = String(search.lookupFields({ type: SHIPMENT.type, id, columns: [F.claim] })[F.claim] ?? '');
  if (holder !== claim) return { ok: false, reason: `claimed by ${holder} at the same moment`, shipment: before };
  return { ok: true, shipment: { ...detailsOf(rec), claim, claimedAt: Date.now() } };
}

/** A claim id for one piece of work: who, and a random part so two runs of the same script differ. */
export function newClaim(who: string): string {
  return `${who}:${Date.now().toString(36)}${Math.floor(Math.random() * 1e8).toString(36)}`.slice(0, 290);
}

/** Spread into the write that ends a claimed piece of work, so the next run need not wait for the lease. */
export const CLAIM_RELEASED: Record<string, string> = { [F.claim]: '' };

/** The fields written just before a create is sent: from here on a dead script is detectable and its request replayable. */
export function pendingValues(request: CreateShipmentRequest, claim: string): Record<string, string | number | Date> {
  return {
    [F.status]: 'PENDING',
    [F.attempts]: request.attempt ?? 1,
    [F.request]: JSON.stringify(request),
    [F.claim]: claim,
    [F.claimedAt]: new Date(),
    [F.nextAttemptAt]: '',
  };
}

/**
 * The create request to send for a Shipment whose last create has an unknown outcome: exactly the
 * one sent before (the relay keeps the key to that body), else undefined (build it afresh).
 */
export function replayableRequest(shipment: ShipmentDetails): CreateShipmentRequest | undefined {
  return shipment.status === 'UNKNOWN' || shipment.status === 'PENDING' ? shipment.request : undefined;
}

export interface RecordedFailure {
  status: ShipmentStatus;
  text: string;
  nextAttemptAt?: Date;
}

/**
 * Records a failed create on the Shipment (1 + 2 units): UNKNOWN while FedEx may hold a label,
 * RETRYING while a passing failure has attempts left, FAILED only on a definite answer. Never
 * overwrites a Shipment that meanwhile got a live label (a concurrent attempt won).
 */
export function recordCreateFailure(shipmentId: number, answer: Extract<RelayAnswer<unknown>, { ok: false }>, attempt: number, maxAttempts: number): RecordedFailure {
  const err = answer.error;
  const kind = classifyFailure({ code: err.code, status: answer.status, fromRelay: answer.fromRelay, ...(answer.sent === false ? { sent: false } : {}), ...(answer.transportError ? { transportError: answer.transportError } : {}) });
  const status = statusAfterFailedCreate(kind, attempt, maxAttempts);
  const fedex = err.fedexErrors?.length ? ` [FedEx: ${err.fedexErrors.map((e) => `${e.code} ${e.message}`).join('; ')}]` : '';
  const when = status === 'FAILED' ? undefined : new Date(nextAttemptAt(Date.now(), attempt, Math.random(), answer.retryAfterSeconds));
  const what =
    status === 'UNKNOWN'
      ? `FedEx may have created this shipment (attempt ${attempt}); the shipping queue reconciles it with the same key at ${when?.toISOString()}`
      : status === 'RETRYING'
        ? `nothing was created; the shipping queue tries again at ${when?.toISOString()} (attempt ${attempt} of ${maxAttempts})`
        : kind === 'passing'
          ? `nothing was created; gave up after ${attempt} attempt(s): use Replay once the cause is fixed`
          : 'nothing was created';
  const retryAfter = answer.retryAfterSeconds !== undefined ? ` (Retry-After ${answer.retryAfterSeconds} s)` : '';
  const message = `${err.message}${fedex}${retryAfter} — ${what}`;
  const current = String(search.lookupFields({ type: SHIPMENT.type, id: shipmentId, columns: [F.status] })[F.status] ?? '');
  if ((LIVE_LABEL_STATUSES as readonly string[]).includes(current) || current === 'VOIDED') return { status: current as ShipmentStatus, text: message };
  record.submitFields({
    type: SHIPMENT.type,
    id: shipmentId,
    values: {
      [F.status]: status,
      [F.errorCode]: err.code,
      [F.lastError]: message.slice(0, 3900),
      [F.claim]: '',
      [F.nextAttemptAt]: (when ?? '') as unknown as string,
      ...(err.fedexTransactionId ? { [F.fedexTransactionId]: err.fedexTransactionId } : {}),
    },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
  return { status, text: message, ...(when ? { nextAttemptAt: when } : {}) };
}

/**
 * Records an attempt an unexpected error cut short (2 units): UNKNOWN once the create was sent (it
 * may have reached FedEx), else RETRYING up to Max Attempts; never FAILED while a label may exist.
 */
export function recordInterruptedAttempt(shipmentId: number, attempt: { sent: boolean; attempt: number; maxAttempts: number; text: string }): ShipmentStatus {
  const status = statusAfterFailedCreate(attempt.sent ? 'unknown' : 'passing', attempt.attempt, attempt.maxAttempts);
  const when = status === 'FAILED' ? undefined : new Date(nextAttemptAt(Date.now(), attempt.attempt, Math.random()));
  record.submitFields({
    type: SHIPMENT.type,
    id: shipmentId,
    values: {
      [F.status]: status,
      [F.errorCode]: 'INTERNAL',
      [F.lastError]: `${attempt.text}${when ? ` — the shipping queue tries again at ${when.toISOString()}` : ''}`.slice(0, 3900),
      [F.attempts]: attempt.attempt,
      [F.claim]: '',
      [F.nextAttemptAt]: (when ?? '') as unknown as string,
    },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
  return status;
}

/** Writes fields on a Shipment (2 units). */
export function writeShipment(id: number, values: Record<string, string | number | boolean | Date>): void {
  record.submitFields({ type: SHIPMENT.type, id, values: values as Record<string, string>, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}

/** Every Shipment of a fulfillment, found by its idempotency keys (a deleted fulfillment's link is cleared by NetSuite; its keys stay). */
export function shipmentsWithBaseKey(baseKey: string): { id: number; status: string }[] {
  const out: { id: number; status: string }[] = [];
  search
    .create({
      type: SHIPMENT.type,
      filters: [[[F.idempotencyKey, 'is', baseKey], 'or', [F.idempotencyKey, 'startswith', `${baseKey}-R`]], 'and', ['isinactive', 'is', 'F']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), F.status],
    })
    .run()
    .each((row) => {
      out.push({ id: Number(row.id), status: String(row.getValue({ name: F.status }) ?? '') });
      return true;
    });
  return out;
}
