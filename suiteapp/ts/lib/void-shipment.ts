// Voiding a Shipment's FedEx label through the relay (POST /v1/shipments/cancel) when its
// fulfillment is deleted or taken back from Shipped, or a user cancels it. Guarantees: VOIDED only
// when FedEx confirmed the void or no label was ever made; a void FedEx refuses is VOID_REFUSED
// with FedEx's reason (the label stays live, on the invoice and tracked); anything unclear stays
// VOIDING and the shipping queue tries again. A create whose outcome is unknown is first resolved
// (resent with the same key and a raised attempt), so an unknown label cannot outlive its void.
import * as log from 'N/log';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import { correlationId } from '../../../shared/src/audit';
import type { CancelShipmentRequest, CancelShipmentResponse, CreateShipmentResponse } from '../../../shared/src/contract';
import { RELAY_PATHS } from '../../../shared/src/contract';
import { INVOICE_FIELDS, SHIPMENT } from '../../../shared/src/ids';
import { invoiceTrackingFields } from '../../../shared/src/invoice-fields';
import { classifyFailure, claimIsLive, nextAttemptAt } from '../../../shared/src/shipment-lifecycle';
import { writeAudit } from './audit';
import type { RelayAnswer } from './relay-client';
import { postToRelay } from './relay-client';
import { readSettings } from './settings';
import type { ShipmentDetails } from './shipment-state';
import { CLAIM_RELEASED, claimShipment, newClaim, readShipment, writeShipment } from './shipment-state';
import { createdShipmentsForOrder } from './shipments';
import { findInvoiceForOrder } from './write-back';

const F = SHIPMENT.fields;

export interface VoidOutcome {
  status: 'VOIDED' | 'VOID_REFUSED' | 'VOIDING' | 'UNCHANGED';
  message: string;
}

function message(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
}

function failureText(answer: Extract<RelayAnswer<unknown>, { ok: false }>): string {
  const fedex = answer.error.fedexErrors?.length ? ` [FedEx: ${answer.error.fedexErrors.map((e) => `${e.code} ${e.message}`).join('; ')}]` : '';
  return `${answer.error.message}${fedex}`;
}

/** Statuses in which nothing was ever created at FedEx (a definite answer, or nothing sent). */
function certainlyNoLabel(s: ShipmentDetails): boolean {
  if (s.masterTrackingNumber) return false;
  if (s.status === 'QUEUED' || s.status === 'RETRYING' || s.status === 'FAILED' || s.status === 'VOIDED') return true;
  // PENDING / UNKNOWN / VOIDING without a tracking number: only if no create was ever sent.
  return !s.hasSentRequest;
}

/**
 * Asks for the void of a Shipment (user event on delete or un-ship, Cancel action). `inline`: void
 * now (the caller waits on the relay); otherwise mark it VOIDING for the shipping queue. Returns
 * what happened; never throws for relay failures.
 */
export function requestVoid(shipmentId: number, reason: string, options: { inline: boolean; claim?: string; startQueue: () => void }): VoidOutcome {
  const claim = options.claim ?? newClaim(`VOID:${runtime.getCurrentUser().id}`);
  const shipment = readShipment(shipmentId);
  if (shipment.status === 'VOIDED') return { status: 'UNCHANGED', message: `Shipment record ${shipmentId} is already voided` };
  if (certainlyNoLabel(shipment)) return markVoided(shipment, reason, 'no FedEx shipment was ever created for it');
  if (claimIsLive(shipment, Date.now(), claim)) {
    // A create is in flight right now: note the request; whoever finishes it (or the queue) voids it.
    writeShipment(shipmentId, { [F.voidReason]: reason.slice(0, 290) });
    options.startQueue();
    return { status: 'VOIDING', message: `Shipment record ${shipmentId} is being created by ${shipment.claim}; the shipping queue voids it once that ends` };
  }
  if (!options.inline) {
    writeShipment(shipmentId, { [F.status]: 'VOIDING', [F.voidReason]: reason.slice(0, 290), [F.nextAttemptAt]: new Date(), ...CLAIM_RELEASED });
    options.startQueue();
    return { status: 'VOIDING', message: `Shipment record ${shipmentId}: void queued` };
  }
  writeShipment(shipmentId, { [F.voidReason]: reason.slice(0, 290) });
  return voidShipment(shipmentId, claim);
}

/**
 * Voids a Shipment whose void was asked for: claims it (unless `claim` is already held), resolves
 * an unknown create, asks the relay to cancel, and records the answer on the Shipment, the
 * invoice, the fulfillment and an Audit record.
 */
export function voidShipment(shipmentId: number, claim: string, held?: ShipmentDetails): VoidOutcome {
  let shipment: ShipmentDetails;
  if (held) shipment = held;
  else {
    const claimed = claimShipment(shipmentId, claim, (s) => (claimIsLive(s, Date.now(), claim) ? `held by ${s.claim}` : s.status === 'VOIDED' ? 'already voided' : undefined));
    if (!claimed.ok) return { status: 'UNCHANGED', message: `Shipment record ${shipmentId}: ${claimed.reason}` };
    shipment = claimed.shipment;
  }
  const reason = shipment.voidReason || 'void asked for';
  if (shipment.status === 'VOIDED') return { status: 'UNCHANGED', message: `Shipment record ${shipmentId} is already voided` };
  if (certainlyNoLabel(shipment)) return markVoided(shipment, reason, 'no FedEx shipment was ever created for it');
  const corr = correlationId('VOID', String(shipmentId), Date.now(), Math.random());
  const settings = readSettings();
  if (!settings.relayUrl) return stillVoiding(shipment, 'The FedEx connector has no relay URL (FedEx Connector Settings)', corr);

  if (!shipment.masterTrackingNumber) {
    // The create's outcome is unknown: resend it (same key, raised attempt) so the relay tells which
    // label exists, reconciling by reference; then void that one.
    const resolved = resolveUnknownCreate(shipment, settings.relayUrl, corr);
    if (resolved.kind !== 'created') return resolved.outcome;
    shipment = resolved.shipment;
  }
  writeShipment(shipment.id, { [F.status]: 'VOIDING', [F.voidReason]: reason.slice(0, 290) });
  const answer = postToRelay<CancelShipmentResponse>(settings.relayUrl, RELAY_PATHS.cancelShipment, {
    idempotencyKey: shipment.idempotencyKey,
    trackingNumber: shipment.masterTrackingNumber as string,
    ...(shipment.accountNumber ? { accountNumber: shipment.accountNumber } : {}),
  } satisfies CancelShipmentRequest);
  const request = { trackingNumber: shipment.masterTrackingNumber, accountNumber: shipment.accountNumber, reason };
  if (answer.ok && answer.body.cancelled === true) {
    writeShipment(shipment.id, { [F.status]: 'VOIDED', [F.voidedAt]: new Date(), [F.errorCode]: '', [F.lastError]: '', [F.nextAttemptAt]: '', [F.fulfillmentPending]: false, ...CLAIM_RELEASED });
    const invoice = refreshInvoice(shipment);
    const cleared = clearFulfillmentTracking(shipment);
    writeAudit({ operation: 'VOID_SHIPMENT', direction: 'OUTBOUND', recordType: SHIPMENT.type, recordId: String(shipment.id), shipmentId: shipment.id, request, response: { ...answer.body, invoice, fulfillmentPackagesCleared: cleared }, outcome: 'SUCCESS', correlationId: corr, durationMs: answer.durationMs });
    log.audit({ title: 'FedEx connector: shipment voided', details: `Shipment record ${shipment.id}: FedEx ${shipment.masterTrackingNumber} voided (${reason})` });
    return { status: 'VOIDED', message: `FedEx shipment ${shipment.masterTrackingNumber} voided` };
  }
  if (!answer.ok && answer.fromRelay && answer.error.code === 'FEDEX_VOID_REFUSED') {
    const text = `FedEx refused to void ${shipment.masterTrackingNumber}: ${failureText(answer)}. The label stays live and billable (${reason}).`;
    writeShipment(shipment.id, { [F.status]: 'VOID_REFUSED', [F.errorCode]: 'FEDEX_VOID_REFUSED', [F.lastError]: text.slice(0, 3900), [F.nextAttemptAt]: '', ...CLAIM_RELEASED });
    writeAudit({ operation: 'VOID_SHIPMENT', direction: 'OUTBOUND', recordType: SHIPMENT.type, recordId: String(shipment.id), shipmentId: shipment.id, request, response: { status: answer.status, error: answer.error }, outcome: 'FAILURE', errorCode: 'FEDEX_VOID_REFUSED', errorMessage: text, correlationId: corr, durationMs: answer.durationMs });
    log.error({ title: 'FedEx connector: void refused', details: text });
    return { status: 'VOID_REFUSED', message: text };
  }
  const text = answer.ok ? `The relay answered the void of ${shipment.masterTrackingNumber} without confirming it` : failureText(answer);
  writeAudit({ operation: 'VOID_SHIPMENT', direction: 'OUTBOUND', recordType: SHIPMENT.type, recordId: String(shipment.id), shipmentId: shipment.id, request, response: answer.ok ? answer.body : { status: answer.status, error: answer.error }, outcome: 'FAILURE', errorCode: answer.ok ? 'RELAY_UNAVAILABLE' : answer.error.code, errorMessage: text, correlationId: corr, durationMs: answer.durationMs });
  return stillVoiding(shipment, text, corr, answer.ok ? undefined : answer.retryAfterSeconds);
}

type Resolution = { kind: 'created'; shipment: ShipmentDetails } | { kind: 'done'; outcome: VoidOutcome };

/** Resends a create whose outcome is unknown, to learn the label the relay holds (or that none exists). */
function resolveUnknownCreate(shipment: ShipmentDetails, relayUrl: string, corr: string): Resolution {
  const request = { ...(shipment.request as NonNullable<ShipmentDetails['request']>), idempotencyKey: shipment.idempotencyKey, attempt: shipment.attempts + 1 };
  writeShipment(shipment.id, { [F.status]: 'VOIDING', [F.attempts]: request.attempt, [F.request]: JSON.stringify(request) });
  const answer = postToRelay<CreateShipmentResponse>(relayUrl, RELAY_PATHS.createShipment, request);
  writeAudit({ operation: 'CREATE_SHIPMENT', direction: 'OUTBOUND', recordType: SHIPMENT.type, recordId: String(shipment.id), shipmentId: shipment.id, request, response: answer.ok ? answer.body : { status: answer.status, error: answer.error }, outcome: answer.ok ? (answer.body.replayed ? 'REPLAYED' : 'SUCCESS') : 'FAILURE', ...(answer.ok ? {} : { errorCode: answer.error.code, errorMessage: failureText(answer) }), attempt: request.attempt, correlationId: corr, durationMs: answer.durationMs });
  if (answer.ok) {
    const created = answer.body;
    writeShipment(shipment.id, {
      [F.trackingNumbers]: created.trackingNumbers.join(', '),
      [F.masterTrackingNumber]: created.masterTrackingNumber,
      [F.accountNumber]: created.accountNumber,
      [F.fedexTransactionId]: created.fedexTransactionId,
    });
    return { kind: 'created', shipment: { ...shipment, masterTrackingNumber: created.masterTrackingNumber, trackingNumbers: created.trackingNumbers, accountNumber: created.accountNumber, attempts: request.attempt } };
  }
  if (answer.fromRelay && answer.error.code === 'FEDEX_VOID_REFUSED') {
    // The key's label from an earlier attempt is live and FedEx will not void it (picked up).
    const text = `${failureText(answer)}. The label stays live and billable (${shipment.voidReason || 'void asked for'}).`;
    writeShipment(shipment.id, { [F.status]: 'VOID_REFUSED', [F.errorCode]: 'FEDEX_VOID_REFUSED', [F.lastError]: text.slice(0, 3900), [F.nextAttemptAt]: '', ...CLAIM_RELEASED });
    return { kind: 'done', outcome: { status: 'VOID_REFUSED', message: text } };
  }
  const kind = classifyFailure({ code: answer.error.code, status: answer.status, fromRelay: answer.fromRelay, ...(answer.sent === false ? { sent: false } : {}), ...(answer.transportError ? { transportError: answer.transportError } : {}) });
  if (kind === 'unknown') return { kind: 'done', outcome: stillVoiding({ ...shipment, attempts: request.attempt }, `the create's outcome is still unknown: ${failureText(answer)}`, corr, answer.retryAfterSeconds) };
  // A definite answer to a reconciling create: nothing is live for this key.
  return { kind: 'done', outcome: markVoided(shipment, shipment.voidReason || 'void asked for', `no FedEx shipment exists for it (${answer.error.code})`) };
}

function markVoided(shipment: ShipmentDetails, reason: string, why: string): VoidOutcome {
  writeShipment(shipment.id, { [F.status]: 'VOIDED', [F.voidReason]: reason.slice(0, 290), [F.voidedAt]: new Date(), [F.lastError]: `Voided: ${why}`, [F.nextAttemptAt]: '', ...CLAIM_RELEASED });
  writeAudit({ operation: 'VOID_SHIPMENT', direction: 'INTERNAL', recordType: SHIPMENT.type, recordId: String(shipment.id), shipmentId: shipment.id, response: { reason, why }, outcome: 'SUCCESS', correlationId: correlationId('VOID', String(shipment.id), Date.now(), Math.random()) });
  return { status: 'VOIDED', message: `Shipment record ${shipment.id} voided: ${why}` };
}

function stillVoiding(shipment: ShipmentDetails, text: string, corr: string, retryAfterSeconds?: number): VoidOutcome {
  const when = new Date(nextAttemptAt(Date.now(), 1, Math.random(), retryAfterSeconds));
  const full = `Void not confirmed yet: ${text}. The shipping queue tries again at ${when.toISOString()}.`;
  writeShipment(shipment.id, { [F.status]: 'VOIDING', [F.lastError]: full.slice(0, 3900), [F.nextAttemptAt]: when, ...CLAIM_RELEASED });
  log.error({ title: 'FedEx connector: void not confirmed', details: `Shipment record ${shipment.id} (${corr}): ${full}` });
  return { status: 'VOIDING', message: full };
}

/** Rewrites the order's invoice tracking fields from the labels still live (clears them when none is). */
function refreshInvoice(shipment: ShipmentDetails): { invoiceId?: string; trackingNumbers?: string; error?: string } {
  try {
    if (!shipment.salesOrderId) return {};
    const invoiceId = shipment.invoiceId ?? findInvoiceForOrder(shipment.salesOrderId);
    if (!invoiceId) return {};
    const fields = invoiceTrackingFields(createdShipmentsForOrder(shipment.salesOrderId));
    record.submitFields({
      type: record.Type.INVOICE,
      id: invoiceId,
      values: { [INVOICE_FIELDS.trackingNumbers]: fields.trackingNumbers, [INVOICE_FIELDS.labelLinks]: fields.labelLinks },
      options: { enableSourcing: false, ignoreMandatoryFields: true },
    });
    return { invoiceId, trackingNumbers: fields.trackingNumbers };
  } catch (e) {
    log.error({ title: 'FedEx connector: invoice not updated after a void', details: `Shipment record ${shipment.id}: ${message(e)}` });
    return { error: message(e) };
  }
}

/** Removes the voided tracking numbers from the fulfillment's packages, if the fulfillment still exists. */
function clearFulfillmentTracking(shipment: ShipmentDetails): number {
  if (!shipment.fulfillmentId || shipment.trackingNumbers.length === 0) return 0;
  let rec: record.Record;
  try {
    rec = record.load({ type: record.Type.ITEM_FULFILLMENT, id: shipment.fulfillmentId });
  } catch {
    return 0; // deleted: nothing to clear
  }
  try {
    const voided = new Set(shipment.trackingNumbers);
    let cleared = 0;
    for (const [sublistId, fieldId] of [
      ['package', 'packagetrackingnumber'],
      ['packagefedex', 'packagetrackingnumberfedex'],
    ] as const) {
      const count = rec.getLineCount({ sublistId });
      for (let line = 0; line < count; line++) {
        if (!voided.has(String(rec.getSublistValue({ sublistId, fieldId, line }) ?? ''))) continue;
        rec.setSublistValue({ sublistId, fieldId, line, value: '' });
        cleared++;
      }
    }
    if (cleared > 0) rec.save({ enableSourcing: false, ignoreMandatoryFields: true });
    return cleared;
  } catch (e) {
    log.error({ title: 'FedEx connector: fulfillment tracking not cleared after a void', details: `Shipment record ${shipment.id}: ${message(e)}` });
    return 0;
  }
}
