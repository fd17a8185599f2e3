// Writes FedEx's answer into NetSuite: labels into the File Cabinet (the bytes FedEx sent), tracking
// numbers onto the fulfillment's packages, and tracking numbers with label links onto the order's
// invoice. Each function names its governance cost; none reads more than it writes.
import * as file from 'N/file';
import * as record from 'N/record';
import * as search from 'N/search';
import type { ShipmentLabel } from '../../../shared/src/contract';
import { INVOICE_FIELDS, SALES_ORDER_FIELDS } from '../../../shared/src/ids';
import { invoiceTrackingFields, splitTrackingNumbers } from '../../../shared/src/invoice-fields';
import { base64ToBinaryString, labelStorageFor } from '../../../shared/src/labels';
import { createdShipmentsForOrder } from './shipments';

export interface StoredLabels {
  fileIds: number[];
  /** File Cabinet URL of the first (master) label: unlike FedEx's own URL it does not expire. */
  url?: string;
  /** Bytes stored, for the audit trail. */
  bytes: number;
}

/**
 * The media URL of a file just saved, without file.load (10 units): the saved File object's `url`
 * when NetSuite fills it in, else a lookup of the file's `url` column (1 unit). Undefined if neither
 * answers: the Shipment still links the file itself.
 */
function savedFileUrl(saved: file.File, id: number): string | undefined {
  try {
    const url = saved.url;
    if (url) return url;
  } catch {
    // The property is not there on a file that was not loaded: ask the file search instead.
  }
  try {
    const found = search.lookupFields({ type: 'file', id, columns: ['url'] });
    const url = found.url;
    return typeof url === 'string' && url ? url : undefined;
  } catch {
    return undefined;
  }
}

function binaryString(label: ShipmentLabel): string {
  return base64ToBinaryString(label.content);
}

/**
 * Saves the labels (20 units per file) and gives the master label's URL (0 or 1 unit). PDF and PNG
 * labels are one file per package; ZPL II and EPL2 labels of all packages go into one printer file,
 * byte for byte as FedEx sent them, in package order.
 */
export function storeLabels(folderId: number, baseName: string, labels: ShipmentLabel[]): StoredLabels | undefined {
  const first = labels[0];
  if (!first) return undefined;
  const storage = labelStorageFor(first.contentType);
  const fileIds: number[] = [];
  let url: string | undefined;
  let bytes = 0;
  const save = (f: file.File): void => {
    const id = f.save();
    if (fileIds.length === 0) url = savedFileUrl(f, id);
    fileIds.push(id);
  };
  if (storage?.kind === 'binary') {
    labels.forEach((label, i) => {
      bytes += Math.floor((label.content.replace(/\s+/g, '').length * 3) / 4);
      save(
        file.create({
          name: `${baseName}-${i + 1}-${label.trackingNumber}.${storage.extension}`,
          fileType: file.Type[storage.fileType],
          contents: label.content,
          folder: folderId,
          description: `FedEx label ${label.trackingNumber}`,
        }),
      );
    });
  } else {
    // Printer scripts (or a type the connector does not know): the exact bytes, one file.
    const contents = labels.map(binaryString).join('');
    bytes = contents.length;
    save(
      file.create({
        name: `${baseName}-${first.trackingNumber}.${storage?.extension ?? 'bin'}`,
        fileType: file.Type.PLAINTEXT,
        encoding: file.Encoding.ISO_8859_1,
        contents,
        folder: folderId,
        description: `FedEx labels ${labels.map((l) => l.trackingNumber).join(', ')} (${first.contentType}, ${labels.length} package(s))`,
      }),
    );
  }
  return { fileIds, bytes, ...(url ? { url } : {}) };
}

/** The tracking numbers on package lines of a fulfillment record (no save); the number of lines written. */
export function setPackageTracking(rec: record.Record, trackingNumbers: string[]): number {
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
  return written;
}

/**
 * Puts the tracking numbers on the fulfillment's package lines, where NetSuite shows them: on `rec`
 * when the caller loaded it (save, 20 units), else loaded here (30 units).
 */
export function writeFulfillmentTracking(fulfillment: string | record.Record, trackingNumbers: string[]): number {
  const rec = typeof fulfillment === 'string' ? record.load({ type: record.Type.ITEM_FULFILLMENT, id: fulfillment }) : fulfillment;
  const written = setPackageTracking(rec, trackingNumbers);
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

/** How many times a read-then-write of the invoice is tried when NetSuite reports a concurrent change. */
export const RECORD_CHANGED_ATTEMPTS = 3;

/**
 * Runs `readThenWrite` again, from its read, when NetSuite answers RCRD_HAS_BEEN_CHANGED (another
 * script wrote the record between this one's read and write); at most `attempts` times, then the
 * error goes to the caller. Only for writes that read what they write from.
 */
export function retryOnRecordChanged<T>(readThenWrite: (attempt: number) => T, attempts = RECORD_CHANGED_ATTEMPTS): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return readThenWrite(attempt);
    } catch (e) {
      if ((e as { name?: string }).name !== 'RCRD_HAS_BEEN_CHANGED' || attempt >= attempts) throw e;
    }
  }
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

/**
 * Adds one shipment's tracking numbers and label link to what the invoice already lists, without
 * searching the order's other shipments (11 units; 1 when the invoice already has them all). A
 * concurrent write NetSuite reports (RCRD_HAS_BEEN_CHANGED) is met by reading again and adding
 * again (11 units more each time, at most RECORD_CHANGED_ATTEMPTS in all). A concurrent write
 * NetSuite does not report is repaired by the shipping queue, which rewrites the invoice from the
 * order's Shipment records (the Shipment stays "Tracking Not Yet on Invoice" until then).
 */
export function addToInvoiceTracking(invoiceId: string, trackingNumbers: string[], labelUrl: string | undefined): { changed: boolean; trackingNumbers: string; attempts: number } {
  return retryOnRecordChanged((attempt) => ({ ...appendToInvoice(invoiceId, trackingNumbers, labelUrl), attempts: attempt }));
}

function appendToInvoice(invoiceId: string, trackingNumbers: string[], labelUrl: string | undefined): { changed: boolean; trackingNumbers: string } {
  const current = search.lookupFields({ type: search.Type.INVOICE, id: invoiceId, columns: [INVOICE_FIELDS.trackingNumbers, INVOICE_FIELDS.labelLinks] });
  const links = String(current[INVOICE_FIELDS.labelLinks] ?? '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const before = invoiceTrackingFields([{ trackingNumbers: splitTrackingNumbers(String(current[INVOICE_FIELDS.trackingNumbers] ?? '')) }, ...links.map((labelUrl) => ({ trackingNumbers: [], labelUrl }))]);
  const after = invoiceTrackingFields([
    { trackingNumbers: splitTrackingNumbers(before.trackingNumbers) },
    ...links.map((l) => ({ trackingNumbers: [], labelUrl: l })),
    { trackingNumbers, ...(labelUrl ? { labelUrl } : {}) },
  ]);
  if (after.trackingNumbers === before.trackingNumbers && after.labelLinks === before.labelLinks) return { changed: false, trackingNumbers: after.trackingNumbers };
  record.submitFields({
    type: record.Type.INVOICE,
    id: invoiceId,
    values: { [INVOICE_FIELDS.trackingNumbers]: after.trackingNumbers, [INVOICE_FIELDS.labelLinks]: after.labelLinks },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
  return { changed: true, trackingNumbers: after.trackingNumbers };
}

/** Stamps the sales order with its invoice, for the fulfillment user event's lookup (10 units). */
export function stampOrderInvoice(salesOrderId: string, invoiceId: string): void {
  record.submitFields({
    type: record.Type.SALES_ORDER,
    id: salesOrderId,
    values: { [SALES_ORDER_FIELDS.invoice]: invoiceId },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
}
