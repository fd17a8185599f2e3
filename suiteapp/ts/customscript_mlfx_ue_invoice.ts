/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Invoice user event: an invoice created after its order shipped still gets the order's tracking
// numbers and label links, from the connector's Shipment records.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { correlationId } from '../../shared/src/audit';
import { SHIPMENT } from '../../shared/src/ids';
import { writeAudit } from './lib/audit';
import { updateShipment } from './lib/shipments';
import { writeInvoiceTracking } from './lib/write-back';

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  if (context.type !== context.UserEventType.CREATE && context.type !== context.UserEventType.COPY) return;
  const invoiceId = String(context.newRecord.id);
  const salesOrderId = context.newRecord.getValue({ fieldId: 'createdfrom' });
  if (!salesOrderId) return;
  const corr = correlationId('INV', invoiceId, Date.now(), Math.random());
  try {
    const written = writeInvoiceTracking(invoiceId, String(salesOrderId));
    if (written.shipmentIds.length === 0) return;
    for (const id of written.shipmentIds) updateShipment(id, { [SHIPMENT.fields.invoice]: invoiceId });
    writeAudit({ operation: 'WRITE_BACK_INVOICE', direction: 'INBOUND', recordType: 'invoice', recordId: invoiceId, response: written, outcome: 'SUCCESS', correlationId: corr });
  } catch (e) {
    const err = e as { name?: string; message?: string };
    const text = `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
    writeAudit({ operation: 'WRITE_BACK_INVOICE', direction: 'INBOUND', recordType: 'invoice', recordId: invoiceId, outcome: 'FAILURE', errorCode: 'INTERNAL', errorMessage: text, correlationId: corr });
    log.error({ title: `FedEx connector: tracking not written on invoice ${invoiceId}`, details: `${text} (units left: ${runtime.getCurrentScript().getRemainingUsage()})` });
  }
};
