// The fulfillment user event's other half: a shipped fulfillment that is deleted, or taken back from
// Shipped (C → A/B), must not leave a live, billable FedEx label behind. Its Shipments are found by
// their idempotency keys (NetSuite clears a deleted fulfillment's link on them; the keys stay) and
// voided: inline for a user's save, through the shipping queue for bulk saves. Never throws.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { idempotencyKeyFor } from '../../../shared/src/fulfillment';
import { SHIPMENT } from '../../../shared/src/ids';
import { leftShipped } from '../../../shared/src/shipment-lifecycle';
import { wakeShipQueue } from './queue-task';
import { shipmentsWithBaseKey, writeShipment } from './shipment-state';
import { requestVoid } from './void-shipment';

type Context = EntryPoints.UserEvent.afterSubmitContext;

function value(rec: Pick<Context['newRecord'], 'getValue'> | null | undefined, fieldId: string): string | undefined {
  const v = rec?.getValue({ fieldId });
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

/** Why this save should void the fulfillment's label, or undefined when it should not. */
function voidReasonFor(context: Context): string | undefined {
  const type = String(context.type);
  const old = context.oldRecord;
  const name = value(old, 'tranid') ?? String(old?.id ?? context.newRecord.id);
  const who = runtime.getCurrentUser().name || `user ${runtime.getCurrentUser().id}`;
  if (type === 'delete') return `Fulfillment ${name} deleted by ${who}`;
  const before = value(old, 'shipstatus');
  const after = value(context.newRecord, 'shipstatus');
  if (leftShipped(type, after, before)) return `Fulfillment ${name} taken back from Shipped (to ${after === 'A' ? 'Picked' : 'Packed'}) by ${who}`;
  return undefined;
}

/**
 * Voids the labels of a fulfillment that was deleted or taken back from Shipped. Returns true when
 * the event was one of those (the caller has nothing else to do), false otherwise.
 */
export function voidOnFulfillmentChange(context: Context, options: { bulk: boolean }): boolean {
  const reason = voidReasonFor(context);
  if (!reason) return false;
  const fulfillmentId = String(context.oldRecord?.id ?? context.newRecord.id);
  try {
    const shipments = shipmentsWithBaseKey(idempotencyKeyFor(runtime.accountId, fulfillmentId)).filter((s) => s.status !== 'VOIDED');
    for (const s of shipments) {
      try {
        const outcome = requestVoid(s.id, reason, { inline: !options.bulk, startQueue: wakeShipQueue });
        log.audit({ title: `FedEx connector: ${outcome.status === 'VOIDED' ? 'label voided' : 'void asked for'}`, details: `${reason}: ${outcome.message}` });
      } catch (e) {
        // Whatever broke, leave the void asked for, so the shipping queue does it.
        writeShipment(s.id, { [SHIPMENT.fields.voidReason]: reason.slice(0, 290) });
        throw e;
      }
    }
  } catch (e) {
    const err = e as { name?: string; message?: string };
    log.error({
      title: `FedEx connector: fulfillment ${fulfillmentId} label not voided`,
      details: `${reason}: ${err.name ?? 'Error'}: ${err.message ?? String(e)} (units left: ${runtime.getCurrentScript().getRemainingUsage()})`,
    });
  }
  return true;
}
