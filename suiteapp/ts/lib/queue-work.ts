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
import { shipFulfillment } from './ship-fulfillment';
import type { ShipmentDetails } from './shipment-state';
import { claimShipment, readShipment, writeShipment } from './shipment-state';
import { statusIn } from './shipments';
import { voidShipment } from './void-shipment';

const F = SHIPMENT.fields;

/** Error codes of FAILED Shipments written before UNKNOWN existed whose outcome was never known. */
const LEGACY_UNKNOWN_CODES = ['FEDEX_OUTCOME_UNKNOWN', 'INTERNAL'];

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
        [[F.status, 'is', 'CREATED'], 'and', [F.voidReason, 'isnotempty', '']],
        'or',
        // Shipped inline (a person was waiting): the tracking numbers still go on the fulfillment's packages.
        [[F.status, 'is', 'CREATED'], 'and', [F.fulfillmentPending, 'is', 'T']],
        'or',
        // Legacy unknowns predate claims (no Claimed At); a FAILED INTERNAL since then is a script error that used up its attempts.
        [[F.status, 'is', 'FAILED'], 'and', [[legacyUnknown, 'and', [F.claimedAt, 'isempty', '']], 'or', [legacyRetryable, 'and', [F.attempts, 'lessthan', maxAttempts]]]],
      ],
    ],
    columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC })],
  });
}

/** A FAILED Shipment from before RETRYING/UNKNOWN existed, read as what it would be today. */
function asToday(s: ShipmentDetails, maxAttempts: number): ShipmentDetails {
  if (s.status !== 'FAILED' || !s.errorCode) return s;
  if (LEGACY_UNKNOWN_CODES.includes(s.errorCode)) return s.claimedAt === undefined ? { ...s, status: 'UNKNOWN' } : s;
  if ((RETRYABLE_CODES as readonly string[]).includes(s.errorCode) && s.attempts < maxAttempts) return { ...s, status: 'RETRYING' };
  return s;
}

export interface WorkResult {
  shipmentId: number;
  /** `packages`: a label bought inline whose tracking numbers the fulfillment's packages still need. */
  work: QueueWork | 'packages';
  /** The Shipment's status afterwards, or why nothing was done. */
  result: string;
}

export interface WorkOptions {
  maxAttempts: number;
  /** A person's Replay: do it now, whatever the next attempt time says (a live claim still wins). */
  now?: boolean;
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
  const before = readShipment(shipmentId);
  if (before.status === 'CREATED' && before.fulfillmentPending && !before.voidReason) return writePackages(before);
  const work = decide(before);
  if (work === 'wait' || work === 'none') return { shipmentId, work, result: work === 'wait' ? `WAIT (${before.status})` : `NOTHING (${before.status})` };

  const claimed = claimShipment(shipmentId, claim, (s) => {
    const again = decide(s);
    return again === work ? undefined : `now ${s.status}${s.claim ? `, held by ${s.claim}` : ''}`;
  });
  if (!claimed.ok) return { shipmentId, work, result: `HELD (${claimed.reason})` };
  const shipment = claimed.shipment;

  if (work === 'void') return { shipmentId, work, result: voidShipment(shipmentId, claim, true).status };
  const fulfillment = tryLoadFulfillment(shipment.fulfillmentId);
  const shipped = fulfillment && String(fulfillment.getValue({ fieldId: 'shipstatus' }) ?? '') === 'C';
  if (!fulfillment || !shipped) {
    // Its fulfillment was deleted or taken back from Shipped and the user event could not void
    // (or it happened before it ran): void instead of create.
    const reason = !fulfillment ? `Fulfillment ${shipment.fulfillmentId ?? '(none)'} no longer exists` : `Fulfillment ${shipment.fulfillmentId} is no longer Shipped`;
    writeShipment(shipmentId, { [F.voidReason]: shipment.voidReason || reason });
    return { shipmentId, work: 'void', result: voidShipment(shipmentId, claim, true).status };
  }
  // The claimed Shipment is the fulfillment's: no search for it (10 units).
  shipFulfillment(fulfillment, { claim, writable: true, existing: { id: shipment.id, status: shipment.status, attempts: shipment.attempts, trackingNumbers: shipment.trackingNumbers } });
  const after = search.lookupFields({ type: SHIPMENT.type, id: shipmentId, columns: [F.status, F.claim] });
  const status = String(after[F.status] ?? '');
  if (status === shipment.status && String(after[F.claim] ?? '') === claim) {
    // The shipping flow stood back without a word on the Shipment (its ship method is no longer FedEx's):
    // nothing may stay queued for a fulfillment that will not ship by FedEx.
    writeShipment(shipmentId, { [F.voidReason]: shipment.voidReason || `Fulfillment ${shipment.fulfillmentId} no longer ships by FedEx` });
    return { shipmentId, work: 'void', result: voidShipment(shipmentId, claim, true).status };
  }
  return { shipmentId, work, result: status };
}

/**
 * Puts a label bought inline on its fulfillment's packages (the shipping flow's own step, with no
 * claim: nothing is sent to FedEx, and two runs writing the same numbers cannot buy anything).
 */
function writePackages(shipment: ShipmentDetails): WorkResult {
  const fulfillment = tryLoadFulfillment(shipment.fulfillmentId);
  if (!fulfillment) {
    writeShipment(shipment.id, { [F.fulfillmentPending]: false });
    return { shipmentId: shipment.id, work: 'packages', result: 'CREATED (fulfillment gone)' };
  }
  const existing = { id: shipment.id, status: shipment.status, attempts: shipment.attempts, trackingNumbers: shipment.trackingNumbers, fulfillmentPending: true };
  return { shipmentId: shipment.id, work: 'packages', result: shipFulfillment(fulfillment, { writable: true, existing }).status };
}
