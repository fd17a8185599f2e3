// Writes FedEx's answer into NetSuite: labels into the File Cabinet, tracking numbers onto the
// fulfillment's packages, and tracking numbers with label links onto the order's invoice.
import * as file from 'N/file';
import * as record from 'N/record';
import * as search from 'N/search';
import type { ShipmentLabel } from '../../../shared/src/contract';
import { INVOICE_FIELDS } from '../../../shared/src/ids';
import { invoiceTrackingFields } from '../../../shared/src/invoice-fields';
import { createdShipmentsForOrder } from './shipments';

const FILE_TYPES: Record<string, file.Type> = {
  'application/pdf': file.Type.PDF,
  'image/png': file.Type.PNGIMAGE,
};

export interface StoredLabels {
  fileIds: number[];
  /** File Cabinet URL of the first (master) label: unlike FedEx's own URL it does not expire. */
  url: string;
}

/** Saves each label as a file (20 units each) and reads the master label's URL (10 units). */
export function storeLabels(folderId: number, baseName: string, labels: ShipmentLabel[]): StoredLabels | undefined {
  const fileIds: number[] = [];
  labels.forEach((label, i) => {
    const type = FILE_TYPES[label.contentType] ?? file.Type.PLAINTEXT;
    const extension = type === file.Type.PDF ? 'pdf' : type === file.Type.PNGIMAGE ? 'png' : 'txt';
    const f = file.create({
      name: `${baseName}-${i + 1}-${label.trackingNumber}.${extension}`,
      fileType: type,
      contents: label.content,
      folder: folderId,
      description: `FedEx label ${label.trackingNumber}`,
    });
    fileIds.push(f.save());
  });
  const first = fileIds[0];
  if (first === undefined) return undefined;
  return { fileIds, url: file.load({ id: first }).url };
}

/** Puts the tracking numbers on the fulfillment's package lines, where NetSuite shows them (30 units). */
export function writeFulfillmentTracking(fulfillmentId: string, trackingNumbers: string[]): number {
  const rec = record.load({ type: record.Type.ITEM_FULFILLMENT, id: fulfillmentId });
  let written = 0;
  for (const [sublistId, fieldId] of [
    ['package', 'packagetrackingnumber'],
    ['packagefedex', 'packagetrackingnumberfedex'],
  ] as const) {
    const count = rec.getLineCount({ sublistId });
    for (let line = 0; line < count && line < trackingNumbers.length; line++) {
      rec.setSublistValue({ sublistId, fieldId, line, value: trackingNumbers[line] as string });
      written++;
    }
    if (count > 0) break;
  }
  rec.save({ enableSourcing: false, ignoreMandatoryFields: true });
  return written;
}

/** The invoice created from a sales order, if there is one yet (10 units). */
export function findInvoiceForOrder(salesOrderId: string): string | undefined {
  const rows = search
    .create({
      type: search.Type.INVOICE,
      filters: [['createdfrom', 'anyof', salesOrderId], 'and', ['mainline', 'is', 'T']],
      columns: ['internalid'],
    })
    .run()
    .getRange({ start: 0, end: 1 });
  return rows[0] ? String(rows[0].id) : undefined;
}

/** Rewrites the invoice's tracking fields from every created shipment of the order (20 units; 10 when there is none). */
export function writeInvoiceTracking(invoiceId: string, salesOrderId: string): { trackingNumbers: string; labelLinks: string; shipmentIds: number[] } {
  const shipments = createdShipmentsForOrder(salesOrderId);
  const fields = invoiceTrackingFields(shipments);
  if (shipments.length === 0) return { ...fields, shipmentIds: [] };
  record.submitFields({
    type: record.Type.INVOICE,
    id: invoiceId,
    values: { [INVOICE_FIELDS.trackingNumbers]: fields.trackingNumbers, [INVOICE_FIELDS.labelLinks]: fields.labelLinks },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
  return { ...fields, shipmentIds: shipments.map((s) => s.id) };
}
