// One Shipment's turn in the shipping queue (or a Replay action): decide what it needs
// (shared/src/shipment-lifecycle.ts queueWorkFor), claim it, then create, reconcile or void it.
// Guarantee: nothing is sent for a Shipment this code could not claim, and a Shipment whose
// fulfillment is gone or no longer Shipped is voided, never created.
import * as record from 'N/record';
import * as search from 'N/search';
import { RETRYABLE_CODES } from '../../../shared/src/errors';
import { SHIPMENT } from '../../../shared/src/ids';
import type { QueueWork } from '../../../shared/src/shipment-lifecycle';
import { claimIsLive, queueWorkFor } from '../../../shared/src/shipment-lifecycle';
import { finishShipment } from './finish-shipment';
import type { OrderInvoice } from './ship-fulfillment';
import { shipFulfillment } from './ship-fulfillment';
import type { ShipmentDetails } from './shipment-state';
import { claimShipment, writeShipment } from './shipment-state';
import { statusIn } from './shipments';
import { voidShipment } from './void-shipment';

const F = SHIPMENT.fields;

/** Error code of FAILED Shipments written before UNKNOWN existed whose outcome was never known. */
const LEGACY_UNKNOWN_CODES = ['FEDEX_OUTCOME_UNKNOWN'];

/** The Shipments the queue looks at (the map decides, from the record itself, which are due). */
export function queueCandidatesSearch(maxAttempts: number): search.Search {
  const legacyRetryable: unknown[] = [];
  RETRYABLE_CODES.filter((c) => !LEGACY_UNKNOWN_CODES.includes(c)).forEach((code, i) => {
    if (i > 0) legacyRetryable.push('or');
    legacyRetryable.push([F.errorCode, 'is', code]);
  });
  const legacyUnknown: unknown[] = [];
  LEGACY_UNKNOWN_CODES.forEach((code, i) => {
    if (i > 0) legacyUnknown.push('or');
    legacyUnknown.push([F.errorCode, 'is', code]);
  });
  return search.create({
    type: SHIPMENT.type,
    filters: [
      ['isinactive', 'is', 'F'],
      'and',
      [
        statusIn(['QUEUED', 'PENDING', 'RETRYING', 'UNKNOWN', 'VOIDING']),
        'or',
        [[F.status, 'is', 'CREATED'], 'and', [[F.voidReason, 'isnotempty', ''], 'or', [F.fulfillmentPending, 'is', 'T'], 'or', [F.invoicePending, 'is', 'T']]],
        'or',
        [[F.status, 'is', 'FAILED'], 'and', [legacyUnknown, 'or', [legacyRetryable, 'and', [F.attempts, 'lessthan', maxAttempts]]]],
      ],
    ],
    columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC })],
  });
}

/** A FAILED Shipment from before RETRYING/UNKNOWN existed, read as what it would be today. */
function asToday(s: ShipmentDetails, maxAttempts: number): ShipmentDetails {
  if (s.status !== 'FAILED' || !s.errorCode) return s;
  if (LEGACY_UNKNOWN_CODES.includes(s.errorCode)) return { ...s, status: 'UNKNOWN' };
  if ((RETRYABLE_CODES as readonly string[]).includes(s.errorCode) && s.attempts < maxAttempts) return { ...s, status: 'RETRYING' };
  return s;
}

export interface WorkResult {
  shipmentId: number;
  work: QueueWork;
  /** The Shipment's status afterwards, or why nothing was done. */
  result: string;
  /** A label of this sales order is to be listed on its invoice: the caller rewrites it (the queue's reduce). */
  order?: OrderInvoice;
}

export interface WorkOptions {
  maxAttempts: number;
  /** A person's Replay: do it now, whatever the next attempt time says (a live claim still wins). */
  now?: boolean;
  /** The caller rewrites the invoices of the orders in `order` afterwards (the shipping queue's reduce stage). */
  invoiceLater?: boolean;
}

function tryLoadFulfillment(id: string | undefined): record.Record | undefined {
  if (!id) return undefined;
  try {
    return record.load({ type: record.Type.ITEM_FULFILLMENT, id });
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return undefined;
    throw e;
  }
}

export function workOnShipment(shipmentId: number, claim: string, options: WorkOptions): WorkResult {
  const nowMs = Date.now();
  const decide = (s: ShipmentDetails): QueueWork => {
    const today = asToday(s, options.maxAttempts);
    if (options.now && !claimIsLive(today, nowMs, claim)) {
      if (today.status === 'FAILED') return 'ship';
      return queueWorkFor({ ...today, nextAttemptAt: undefined, ...(today.status === 'PENDING' ? { claimedAt: undefined } : {}) }, nowMs, claim);
    }
    return queueWorkFor(today, nowMs, claim);
  };
  // One load decides and claims (the claim is saved only when there is work).
  let work = 'none' as QueueWork;
  const claimed = claimShipment(shipmentId, claim, (s) => {
    work = decide(s);
    return work === 'wait' ? 'WAIT' : work === 'none' ? 'NOTHING' : undefined;
  });
  if (!claimed.ok) {
    const idle = claimed.reason === 'WAIT' || claimed.reason === 'NOTHING';
    return { shipmentId, work, result: idle ? `${claimed.reason} (${claimed.shipment?.status ?? ''})` : `HELD (${claimed.reason})` };
  }
  const shipment = claimed.shipment;

  if (work === 'void') return { shipmentId, work, result: voidShipment(shipmentId, claim, shipment).status };
  if (work === 'finish') {
    // A label bought earlier: its tracking numbers go on the fulfillment's packages (gone: nothing to
    // write), and the order's invoice is rewritten by the caller.
    const finished = finishShipment(shipment, shipment.fulfillmentPending ? tryLoadFulfillment(shipment.fulfillmentId) : undefined);
    return { shipmentId, work, result: 'CREATED', ...(finished.order ? { order: finished.order } : {}) };
  }
  const fulfillment = tryLoadFulfillment(shipment.fulfillmentId);
  const shipped = fulfillment && String(fulfillment.getValue({ fieldId: 'shipstatus' }) ?? '') === 'C';
  if (!fulfillment || !shipped) {
    // Its fulfillment was deleted or taken back from Shipped and the user event could not void
    // (or it happened before it ran): void instead of create.
    const reason = !fulfillment ? `Fulfillment ${shipment.fulfillmentId ?? '(none)'} no longer exists` : `Fulfillment ${shipment.fulfillmentId} is no longer Shipped`;
    return { shipmentId, work: 'void', result: voidInstead(shipment, claim, reason) };
  }
  // The record was loaded here: the packages' tracking numbers are saved on it, not reloaded; the
  // claimed Shipment goes along, so the flow reads nothing twice.
  const result = shipFulfillment(fulfillment, { claim, writable: true, existing: shipment, ...(options.invoiceLater ? { invoiceLater: true } : {}) });
  if (result.status === 'NOT_FEDEX') {
    // Its ship method is no longer FedEx's: nothing may stay queued for a fulfillment FedEx will not ship.
    return { shipmentId, work: 'void', result: voidInstead(shipment, claim, `Fulfillment ${shipment.fulfillmentId} no longer ships by FedEx`) };
  }
  return { shipmentId, work, result: result.status, ...(result.order ? { order: result.order } : {}) };
}

function voidInstead(shipment: ShipmentDetails, claim: string, reason: string): string {
  const voidReason = shipment.voidReason || reason;
  writeShipment(shipment.id, { [F.voidReason]: voidReason.slice(0, 290) });
  return voidShipment(shipment.id, claim, { ...shipment, voidReason }).status;
}
