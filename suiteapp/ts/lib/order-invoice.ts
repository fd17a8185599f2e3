// The shipping queue's invoice write, once per sales order and run (its reduce stage is keyed by the
// order, so no two parallel jobs ever write one invoice): the invoice's tracking numbers and label
// links are rewritten from the order's Shipment records with a live label, the truth, whatever an
// inline append missed. Guarantee: a Shipment's "Tracking Not Yet on Invoice" is cleared only after
// the invoice was written from a list that includes it, or when the order has no invoice yet (the
// invoice user event lists every live label when the invoice is made); a failure leaves it set,
// with an Audit record, and the next queue run tries again.
import * as log from 'N/log';
import { correlationId } from '../../../shared/src/audit';
import { SHIPMENT } from '../../../shared/src/ids';
import { writeAudit } from './audit';
import { updateShipment } from './shipments';
import { retryOnRecordChanged, writeInvoiceTracking } from './write-back';

const F = SHIPMENT.fields;

export type OrderInvoiceOutcome = 'INVOICE_WRITTEN' | 'NO_INVOICE' | 'INVOICE_FAILED';

export interface OrderInvoiceWork {
  salesOrderId: string;
  /** The invoice the order names (its stamp), when a shipment knew it. */
  invoiceId?: string;
  /** Shipments whose "Tracking Not Yet on Invoice" this write settles. */
  shipmentIds: number[];
}

function message(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
}

/**
 * 20 units for the invoice (a search of the order's Shipments and one submitFields; more only when
 * NetSuite reports a concurrent change), plus 2 per Shipment settled.
 */
export function rewriteOrderInvoice(work: OrderInvoiceWork): { outcome: OrderInvoiceOutcome; invoiceId?: string } {
  const { salesOrderId, invoiceId, shipmentIds } = work;
  try {
    if (invoiceId) retryOnRecordChanged(() => writeInvoiceTracking(invoiceId, salesOrderId));
    for (const id of shipmentIds) updateShipment(id, { [F.invoicePending]: false });
    return { outcome: invoiceId ? 'INVOICE_WRITTEN' : 'NO_INVOICE', ...(invoiceId ? { invoiceId } : {}) };
  } catch (e) {
    const text = `${message(e)} (the shipping queue tries again at its next run)`;
    writeAudit({
      operation: 'WRITE_BACK_INVOICE',
      direction: 'INBOUND',
      recordType: 'invoice',
      recordId: invoiceId ?? '',
      request: { salesOrder: salesOrderId, shipments: shipmentIds },
      outcome: 'FAILURE',
      errorCode: 'INTERNAL',
      errorMessage: text,
      correlationId: correlationId('SO', salesOrderId, Date.now(), Math.random()),
    });
    log.error({ title: `FedEx connector: invoice of sales order ${salesOrderId} not written`, details: text });
    return { outcome: 'INVOICE_FAILED', ...(invoiceId ? { invoiceId } : {}) };
  }
}
