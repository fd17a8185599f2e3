// What a person may do to one FedEx Shipment record, and doing it: Void (cancel the FedEx
// shipment, or a shipment not made yet) and Replay (do its pending move now: resend a failed create
// with its original key, reconcile an unknown one, retry a void). Used by the Shipment record's
// buttons and their Suitelet, and meant for an admin console. Guarantees: only the connector's admin
// role and administrators act; every action leaves an Audit record naming who did what; an action
// goes through the same claims, keys and reconciliation as the shipping queue.
import * as runtime from 'N/runtime';
import { correlationId } from '../../../shared/src/audit';
import { ACTION_ROLES, SHIPMENT } from '../../../shared/src/ids';
import { CLAIM_LEASE_MS, claimIsLive } from '../../../shared/src/shipment-lifecycle';
import { writeAudit } from './audit';
import { wakeShipQueue } from './queue-task';
import { workOnShipment } from './queue-work';
import { readSettings } from './settings';
import type { ShipmentDetails } from './shipment-state';
import { newClaim, readShipment } from './shipment-state';
import { requestVoid } from './void-shipment';

export type ShipmentAction = 'void' | 'replay';
export const SHIPMENT_ACTIONS: readonly ShipmentAction[] = ['void', 'replay'];

export interface ActionInfo {
  action: ShipmentAction;
  /** Button label. */
  label: string;
  /** What will happen, in words for the confirmation page. */
  effect: string;
}

export interface ActionUser {
  id: number;
  name: string;
  roleId: string;
}

export function currentUser(): ActionUser {
  const user = runtime.getCurrentUser();
  return { id: Number(user.id), name: String(user.name ?? ''), roleId: String(user.roleId ?? '') };
}

/** Whether a role (its script id, e.g. `administrator`, `customrole_mlfx_admin`) may act on Shipments. */
export function mayAct(roleId: string): boolean {
  return (ACTION_ROLES as readonly string[]).includes(roleId.toLowerCase());
}

/** The actions that make sense for a Shipment in its state now. */
export function actionsFor(s: ShipmentDetails, nowMs = Date.now()): ActionInfo[] {
  const out: ActionInfo[] = [];
  const held = claimIsLive(s, nowMs);
  const label = s.masterTrackingNumber ? `FedEx shipment ${s.masterTrackingNumber}` : 'this shipment';
  if (s.status !== 'VOIDED' && !held) {
    out.push({
      action: 'void',
      label: s.masterTrackingNumber ? 'Void FedEx Shipment' : 'Cancel Shipment',
      effect: s.masterTrackingNumber
        ? `Voids ${label} at FedEx (the label can no longer be used), marks this record VOIDED and removes its tracking number from the invoice. FedEx refuses once the package was picked up: that answer is recorded here.`
        : s.hasSentRequest && (s.status === 'UNKNOWN' || s.status === 'PENDING' || s.status === 'VOIDING')
          ? 'A create for it may have reached FedEx: it is resent with the same key to learn which label exists, and that label is voided.'
          : 'No FedEx shipment was created for it: it is closed as VOIDED and the shipping queue will not create it.',
    });
  }
  const pending =
    s.status === 'FAILED' ||
    s.status === 'RETRYING' ||
    s.status === 'UNKNOWN' ||
    s.status === 'QUEUED' ||
    s.status === 'VOIDING' ||
    (s.status === 'PENDING' && !held && (s.claimedAt === undefined || nowMs - s.claimedAt >= CLAIM_LEASE_MS)) ||
    (s.status === 'CREATED' && Boolean(s.voidReason));
  if (pending && !held) {
    const what =
      s.status === 'VOIDING' || s.voidReason
        ? 'Tries the void again now.'
        : s.status === 'FAILED'
          ? `Sends the shipment to FedEx again now, built from the fulfillment as it is now, under its original key ${s.idempotencyKey} (attempt ${s.attempts + 1}): fix the cause first.`
          : `Does now what the shipping queue would do at its next attempt, under the original key ${s.idempotencyKey}.`;
    out.push({ action: 'replay', label: 'Replay Shipment', effect: what });
  }
  return out;
}

export interface ActionResult {
  ok: boolean;
  /** The Shipment's status afterwards. */
  status: string;
  message: string;
}

/** Runs one action for `user`; refuses roles outside ACTION_ROLES and actions the state does not allow. */
export function runShipmentAction(shipmentId: number, action: ShipmentAction, user: ActionUser): ActionResult {
  const corr = correlationId('ACT', String(shipmentId), Date.now(), Math.random());
  const refuse = (message: string): ActionResult => {
    writeAudit({ operation: 'SHIPMENT_ACTION', direction: 'INTERNAL', recordType: SHIPMENT.type, recordId: String(shipmentId), shipmentId, request: { action, user }, outcome: 'FAILURE', errorCode: 'ACTION_REFUSED', errorMessage: message, correlationId: corr });
    return { ok: false, status: '', message };
  };
  if (!mayAct(user.roleId)) return refuse(`Your role (${user.roleId || 'none'}) may not ${action} FedEx shipments: ask an administrator or a user with the FedEx Connector Administrator role.`);
  const before = readShipment(shipmentId);
  if (!actionsFor(before).some((a) => a.action === action)) {
    return refuse(`Shipment record ${shipmentId} is ${before.status}${before.claim && claimIsLive(before, Date.now()) ? ` and being worked on by ${before.claim}` : ''}: ${action} does not apply now.`);
  }
  const claim = newClaim(`ACTION:${user.id}`);
  let result: ActionResult;
  if (action === 'void') {
    const outcome = requestVoid(shipmentId, `Cancelled by ${user.name || `user ${user.id}`}`, { inline: true, claim, startQueue: wakeShipQueue });
    result = { ok: outcome.status === 'VOIDED', status: outcome.status === 'UNCHANGED' ? before.status : outcome.status, message: outcome.message };
  } else {
    const done = workOnShipment(shipmentId, claim, { maxAttempts: readSettings().maxAttempts, now: true });
    const after = readShipment(shipmentId);
    result = { ok: !/^(HELD|WAIT|NOTHING)/.test(done.result), status: after.status, message: describeReplay(after, done.result) };
  }
  writeAudit({ operation: 'SHIPMENT_ACTION', direction: 'INTERNAL', recordType: SHIPMENT.type, recordId: String(shipmentId), shipmentId, request: { action, user, statusBefore: before.status }, response: result, outcome: result.ok ? 'SUCCESS' : 'FAILURE', ...(result.ok ? {} : { errorCode: 'ACTION_INCOMPLETE', errorMessage: result.message }), correlationId: corr });
  return result;
}

function describeReplay(after: ShipmentDetails, result: string): string {
  if (/^(HELD|WAIT|NOTHING)/.test(result)) return `Nothing was done: ${result}.`;
  switch (after.status) {
    case 'CREATED':
      return `Shipped: FedEx ${after.masterTrackingNumber ?? ''}.`;
    case 'VOIDED':
      return 'Voided.';
    default:
      return `The Shipment is now ${after.status}.`;
  }
}
