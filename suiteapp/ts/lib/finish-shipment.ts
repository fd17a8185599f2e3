// Finishing a label bought earlier (inline, where a person waited only for the label; or one whose
// write-backs failed): the shipping queue puts its tracking numbers on the fulfillment's packages and
// hands the order's invoice to its reduce stage (lib/order-invoice.ts), which rewrites it once per
// order. Guarantee: the package write leaves the Shipment's one Audit record of this invocation,
// whether it succeeded or not; nothing here calls FedEx.
import type * as record from 'N/record';
import { correlationId } from '../../../shared/src/audit';
import { SHIPMENT } from '../../../shared/src/ids';
import { AuditTrail } from './audit';
import type { OrderInvoice } from './ship-fulfillment';
import type { ShipmentDetails } from './shipment-state';
import { CLAIM_RELEASED, writeShipment } from './shipment-state';
import { writeFulfillmentTracking } from './write-back';

const F = SHIPMENT.fields;

export interface Finished {
  /** Whether the tracking numbers are now on the packages (false: the next run tries again). */
  packagesWritten: boolean;
  /** The order whose invoice the caller is to rewrite. */
  order?: OrderInvoice;
}

function message(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
}

/**
 * 2 units (claim released), plus, when the packages are still to be written, the fulfillment's save
 * (20 on the record the caller loaded) and the invocation's Audit record (6).
 */
export function finishShipment(shipment: ShipmentDetails, fulfillment: record.Record | undefined): Finished {
  const order: OrderInvoice | undefined = shipment.invoicePending && shipment.salesOrderId ? { salesOrderId: shipment.salesOrderId, ...(shipment.invoiceId ? { invoiceId: shipment.invoiceId } : {}) } : undefined;
  if (!shipment.fulfillmentPending) {
    writeShipment(shipment.id, { ...CLAIM_RELEASED });
    return { packagesWritten: true, ...(order ? { order } : {}) };
  }
  const fulfillmentId = shipment.fulfillmentId ?? '';
  const trail = new AuditTrail({ operation: 'WRITE_BACK_FULFILLMENT', direction: 'INBOUND', recordType: 'itemfulfillment', recordId: fulfillmentId, correlationId: correlationId('IF', fulfillmentId, Date.now(), Math.random()) });
  trail.shipmentId = shipment.id;
  trail.response = { trackingNumbers: shipment.trackingNumbers };
  const started = Date.now();
  let pending = true;
  let failure: string | undefined;
  if (!fulfillment) {
    // A deleted fulfillment has no packages to write: stop trying (its void is the delete's business).
    pending = false;
    trail.step('WRITE_BACK_FULFILLMENT', 'SKIPPED', { reason: `fulfillment ${fulfillmentId || '(none)'} no longer exists` });
  } else {
    try {
      const lines = writeFulfillmentTracking(fulfillment, shipment.trackingNumbers);
      pending = false;
      trail.step('WRITE_BACK_FULFILLMENT', 'SUCCESS', { packageLines: lines, trackingNumbers: shipment.trackingNumbers.length }, started);
    } catch (e) {
      failure = `${message(e)} (the shipping queue tries again)`;
      trail.step('WRITE_BACK_FULFILLMENT', 'FAILURE', undefined, started, failure);
    }
  }
  if (order) trail.step('WRITE_BACK_INVOICE', 'SKIPPED', { salesOrder: order.salesOrderId, ...(order.invoiceId ? { invoice: order.invoiceId } : {}), reason: "the shipping queue rewrites the order's invoice once for all of this run's shipments of the order" });
  writeShipment(shipment.id, { [F.fulfillmentPending]: pending, ...CLAIM_RELEASED });
  // The Shipment's one Audit record of this invocation: what was written, or why not.
  trail.write(failure ? 'FAILURE' : fulfillment ? 'SUCCESS' : 'SKIPPED', failure ? { code: 'INTERNAL', message: failure } : undefined);
  return { packagesWritten: !pending, ...(order ? { order } : {}) };
}
