// Sales orders whose invoice no connector user event saw: invoices made before the invoice user event
// stamped orders (custbody_mlfx_invoice), by another script's user event (NetSuite runs none for
// those saves), or by a CSV import without server scripts. The inline shipping path reads the
// invoice only from the stamp (a search there would cost 10 of its 60 units on every order not yet
// billed), so these orders are found here, by one search, and linked: the order stamped with its
// first invoice, and the invoice given the order's tracking numbers from its Shipment records.
import * as search from 'N/search';
import { SALES_ORDER_FIELDS } from '../../../shared/src/ids';
import { retryOnRecordChanged, stampOrderInvoice, writeInvoiceTracking } from './write-back';

/** Invoices made this many days ago or later are linked (older ones' orders rarely ship again). */
export const INVOICE_LINK_WINDOW_DAYS = 90;

/**
 * Invoices of the last INVOICE_LINK_WINDOW_DAYS days (open or paid: a prepaid order still ships)
 * made from a sales order that names no invoice, oldest first (an order's first invoice first).
 */
export function unlinkedInvoicesSearch(): search.Search {
  return search.create({
    type: search.Type.INVOICE,
    filters: [
      ['mainline', 'is', 'T'],
      'and',
      ['status', 'noneof', 'CustInvc:V'],
      'and',
      ['datecreated', 'onorafter', `daysago${INVOICE_LINK_WINDOW_DAYS}`],
      'and',
      ['createdfrom.type', 'anyof', 'SalesOrd'],
      'and',
      [`createdfrom.${SALES_ORDER_FIELDS.invoice}`, 'anyof', '@NONE@'],
    ],
    columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), 'createdfrom'],
  });
}

export interface UnlinkedInvoice {
  invoiceId: string;
  salesOrderId: string;
}

export function unlinkedInvoiceOf(row: search.Result): UnlinkedInvoice | undefined {
  const salesOrderId = String(row.getValue({ name: 'createdfrom' }) ?? '');
  return salesOrderId ? { invoiceId: String(row.id), salesOrderId } : undefined;
}

/**
 * Stamps the order with the invoice (10 units) and lists the order's live labels on the invoice
 * (10 when it has none, 20 otherwise). An order stamped meanwhile keeps its stamp (1 unit to see it).
 */
export function linkOrderInvoice(link: UnlinkedInvoice): { linked: boolean; trackingNumbers: string } {
  const stamped = search.lookupFields({ type: search.Type.SALES_ORDER, id: link.salesOrderId, columns: [SALES_ORDER_FIELDS.invoice] })[SALES_ORDER_FIELDS.invoice];
  const current = Array.isArray(stamped) ? String((stamped[0] as { value?: unknown } | undefined)?.value ?? '') : String(stamped ?? '');
  if (current) return { linked: false, trackingNumbers: '' };
  stampOrderInvoice(link.salesOrderId, link.invoiceId);
  return { linked: true, trackingNumbers: retryOnRecordChanged(() => writeInvoiceTracking(link.invoiceId, link.salesOrderId)).trackingNumbers };
}
