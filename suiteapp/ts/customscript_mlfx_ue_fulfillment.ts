/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Item fulfillment user event: when a fulfillment becomes Shipped, create its FedEx shipment; when
// it is deleted or taken back from Shipped, void it. Runs in afterSubmit so the fulfillment is
// saved whatever happens at FedEx; never throws.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import { becameShipped, SHIP_STATUS_SHIPPED } from '../../shared/src/fulfillment';
import { voidOnFulfillmentChange } from './lib/fulfillment-voids';
import { shipFulfillment } from './lib/ship-fulfillment';
import { findShipmentForFulfillment, type ShipmentRow } from './lib/shipments';

/** Contexts where many fulfillments are saved in one go: their shipments are queued, not made inline. */
const BULK_CONTEXTS = ['CSVIMPORT', 'CUSTOMMASSUPDATE', 'MAPREDUCE', 'SCHEDULED', 'WEBSERVICES', 'RESTWEBSERVICES', 'RESTLET', 'WORKFLOW'];

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  // Deleted, or taken back from Shipped: void its FedEx label (lib/fulfillment-voids.ts).
  if (voidOnFulfillmentChange(context, { bulk: BULK_CONTEXTS.includes(String(runtime.executionContext)) })) return;
  const type = String(context.type);
  const newStatus = context.newRecord.getValue({ fieldId: 'shipstatus' });
  const oldStatus = context.oldRecord?.getValue({ fieldId: 'shipstatus' });
  const became = becameShipped(type, newStatus ? String(newStatus) : undefined, oldStatus ? String(oldStatus) : undefined);
  // A person saving a Shipped fulfillment whose shipment FAILED (after fixing its address or phone,
  // say) expects it to go again: same Shipment, same key (FAILED means FedEx created nothing). Other
  // saves of a Shipped fulfillment (scripts, imports, the queue's own package writes) search nothing.
  if (!became && !isPersonsSaveOfShipped(context, newStatus, oldStatus)) return;
  try {
    const failed = became ? undefined : failedShipmentOf(context.newRecord.id);
    if (!became && !failed) return;
    // An inline edit's newRecord carries only the changed fields: read the whole fulfillment instead.
    const xedit = context.type === context.UserEventType.XEDIT;
    const fulfillment = xedit ? record.load({ type: record.Type.ITEM_FULFILLMENT, id: context.newRecord.id }) : context.newRecord;
    shipFulfillment(fulfillment, {
      bulk: BULK_CONTEXTS.includes(String(runtime.executionContext)),
      // A fulfillment created by this save has no Shipment record yet: no search for one.
      created: context.type === context.UserEventType.CREATE || context.type === context.UserEventType.COPY,
      // Someone waits on this save: the label now, the packages' tracking numbers from the shipping queue.
      inline: true,
      writable: xedit,
      existing: failed,
    });
  } catch (e) {
    const err = e as { name?: string; message?: string };
    log.error({
      title: `FedEx connector: fulfillment ${context.newRecord.id} could not be processed`,
      details: `${err.name ?? 'Error'}: ${err.message ?? String(e)} (units left: ${runtime.getCurrentScript().getRemainingUsage()})`,
    });
  }
};

/** A full save in NetSuite's UI of a fulfillment that was and stays Shipped. */
function isPersonsSaveOfShipped(context: EntryPoints.UserEvent.afterSubmitContext, newStatus: unknown, oldStatus: unknown): boolean {
  return context.type === context.UserEventType.EDIT && runtime.executionContext === runtime.ContextType.USER_INTERFACE && String(newStatus) === SHIP_STATUS_SHIPPED && String(oldStatus) === SHIP_STATUS_SHIPPED;
}

/** The fulfillment's Shipment record when its last attempt FAILED (nothing created at FedEx). */
function failedShipmentOf(fulfillmentId: number): ShipmentRow | undefined {
  const shipment = findShipmentForFulfillment(fulfillmentId);
  return shipment?.status === 'FAILED' ? shipment : undefined;
}
