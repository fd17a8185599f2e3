/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Invoice user event: an invoice created after its order shipped still gets the order's tracking
// numbers and label links, from the connector's Shipment records; and the order is stamped with its
// invoice, so a fulfillment shipped later finds the invoice in the order lookup it makes anyway.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import { correlationId } from '../../shared/src/audit';
import { SALES_ORDER_FIELDS, SHIPMENT } from '../../shared/src/ids';
import { writeAudit } from './lib/audit';
import { updateShipment } from './lib/shipments';
import { stampOrderInvoice, writeInvoiceTracking } from './lib/write-back';

const str = (v: unknown): string => {
  if (Array.isArray(v)) return str((v[0] as { value?: unknown } | undefined)?.value);
  return v === null || v === undefined ? '' : String(v).trim();
};

/** The invoice's source transaction: whether it is a sales order, and the invoice stamped on it (1 unit). */
function orderOf(id: string): { isSalesOrder: boolean; stamped: string } {
  const found = search.lookupFields({ type: search.Type.TRANSACTION, id, columns: ['type', SALES_ORDER_FIELDS.invoice] });
  return { isSalesOrder: str(found.type) === 'SalesOrd', stamped: str(found[SALES_ORDER_FIELDS.invoice]) };
}

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const isDelete = context.type === context.UserEventType.DELETE;
  if (context.type !== context.UserEventType.CREATE && context.type !== context.UserEventType.COPY && !isDelete) return;
  const invoice = isDelete ? context.oldRecord : context.newRecord;
  if (!invoice) return;
  const invoiceId = String(invoice.id);
  const salesOrderId = str(invoice.getValue({ fieldId: 'createdfrom' }));
  if (!salesOrderId) return;
  const corr = correlationId('INV', invoiceId, Date.now(), Math.random());
  try {
    const order = orderOf(salesOrderId);
    if (!order.isSalesOrder) return;
    if (isDelete) {
      // The order must not point at an invoice that is gone.
      if (order.stamped === invoiceId) stampOrderInvoice(salesOrderId, '');
      return;
    }
    if (!order.stamped) stampOrderInvoice(salesOrderId, invoiceId);
    const written = writeInvoiceTracking(invoiceId, salesOrderId);
    if (written.shipmentIds.length === 0) return;
    for (const id of written.shipmentIds) updateShipment(id, { [SHIPMENT.fields.invoice]: invoiceId });
    writeAudit({ operation: 'WRITE_BACK_INVOICE', direction: 'INBOUND', recordType: 'invoice', recordId: invoiceId, response: { ...written, orderStamped: !order.stamped }, outcome: 'SUCCESS', correlationId: corr });
  } catch (e) {
    const err = e as { name?: string; message?: string };
    const text = `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
    writeAudit({ operation: 'WRITE_BACK_INVOICE', direction: 'INBOUND', recordType: 'invoice', recordId: invoiceId, outcome: 'FAILURE', errorCode: 'INTERNAL', errorMessage: text, correlationId: corr });
    log.error({ title: `FedEx connector: tracking not written on invoice ${invoiceId}`, details: `${text} (units left: ${runtime.getCurrentScript().getRemainingUsage()})` });
  }
};
