// Whether a shipped fulfillment may be sent to FedEx now, and with which Shipment record, key and
// request: the one door every create goes through (user event, shipping queue, Replay action).
// Guarantees: never a second create while a label is live or a void is pending; never two scripts
// sending for one Shipment at once (claim); a create whose outcome is unknown is resent exactly as
// it was first sent, with the same key, so the relay's stored answer and reconciliation apply.
import type { CreateShipmentRequest } from '../../../shared/src/contract';
import { SHIPMENT } from '../../../shared/src/ids';
import { claimIsLive, keyForGeneration, generationOfKey } from '../../../shared/src/shipment-lifecycle';
import type { ShipmentDetails } from './shipment-state';
import { claimShipment, newClaim, readShipment, replayableRequest, writeShipment } from './shipment-state';
import type { ShipmentRow } from './shipments';

export interface ShipGate {
  go: boolean;
  /** Why not, in words for the script log. */
  reason?: string;
  /** The Shipment record to reuse; absent: create a new one. */
  shipment?: ShipmentDetails;
  /** The idempotency key this shipment is created under. */
  key: string;
  /** The claim the caller holds on the Shipment (written with the PENDING status). */
  claim: string;
  /** The request to resend unchanged (the last create's outcome is unknown). */
  replay?: CreateShipmentRequest;
  /** When this key was first sent (the relay skips its FedEx lookup only for keys newer than its memory); the same on every resend. */
  firstAttemptAt: number;
}

export interface GateOptions {
  /** The claim the caller already holds (shipping queue, actions); absent: the gate claims for a user event. */
  claim?: string;
  /** A bulk save: an unfinished Shipment is the queue's to finish, not this save's. */
  bulk?: boolean;
}

export function shipGate(existing: ShipmentRow | undefined, fulfillmentId: string, baseKey: string, options: GateOptions = {}): ShipGate {
  const claim = options.claim ?? newClaim(`UE:${fulfillmentId}`);
  const now = Date.now();
  if (!existing) return { go: true, key: baseKey, claim, firstAttemptAt: now };
  const no = (reason: string): ShipGate => ({ go: false, reason: `Fulfillment ${fulfillmentId}: ${reason}`, key: baseKey, claim, firstAttemptAt: now });
  switch (existing.status) {
    case 'CREATED':
    case 'VOID_REFUSED':
      return no(`already has FedEx shipment ${existing.trackingNumbers.join(', ')} (Shipment record ${existing.id}); no second shipment`);
    case 'VOIDING':
      return no(`the void of its FedEx shipment (Shipment record ${existing.id}) is not confirmed yet; ship it again once the Shipment shows VOIDED`);
    case 'VOIDED': {
      const previous = readShipment(existing.id);
      // Shipped again after a real void: a new FedEx shipment under a new key (the old key would
      // replay the voided label). A Shipment voided before it ever had a label is simply reopened.
      if (previous.masterTrackingNumber) return { go: true, key: keyForGeneration(baseKey, generationOfKey(baseKey, previous.idempotencyKey || baseKey) + 1), claim, firstAttemptAt: now };
      break;
    }
    default:
      break;
  }
  const reopen: Record<string, string> = existing.status === 'VOIDED' ? { [SHIPMENT.fields.voidReason]: '', [SHIPMENT.fields.voidedAt]: '' } : {};
  if (options.bulk) {
    // A bulk save only queues: a Shipment without a label goes back into the queue (whose run claims
    // it); any other unfinished one is already the queue's.
    if (existing.status !== 'FAILED' && existing.status !== 'VOIDED') return no(`Shipment record ${existing.id} is ${existing.status}: the shipping queue finishes it`);
    const shipment = readShipment(existing.id);
    if (existing.status === 'VOIDED') writeShipment(existing.id, reopen);
    return { go: true, shipment, key: shipment.idempotencyKey || baseKey, claim, firstAttemptAt: shipment.request?.firstAttemptAt ?? now };
  }
  let shipment: ShipmentDetails;
  if (options.claim) {
    // The caller claimed it and may hand over what it read then (no second load).
    shipment = isDetails(existing) ? existing : readShipment(existing.id);
    if (shipment.claim !== options.claim) return no(`Shipment record ${existing.id} is held by ${shipment.claim ?? 'nobody'}, not by ${options.claim}`);
    if (existing.status === 'VOIDED') writeShipment(existing.id, reopen);
  } else {
    const claimed = claimShipment(
      existing.id,
      claim,
      (s) => (claimIsLive(s, Date.now(), claim) ? `Shipment record ${s.id} is being worked on by ${s.claim}` : s.status !== existing.status ? `Shipment record ${s.id} became ${s.status} meanwhile` : undefined),
      reopen,
    );
    if (!claimed.ok) return no(claimed.reason);
    shipment = claimed.shipment;
  }
  const replay = replayableRequest(shipment);
  return { go: true, shipment, key: shipment.idempotencyKey || baseKey, claim, firstAttemptAt: shipment.request?.firstAttemptAt ?? now, ...(replay ? { replay } : {}) };
}

function isDetails(row: ShipmentRow): row is ShipmentDetails {
  return 'idempotencyKey' in row && 'hasSentRequest' in row;
}
