// Stores the shipping documents FedEx returns besides the labels (the commercial invoice of an
// international shipment) in the File Cabinet, next to the labels: FedEx does not keep them for us.
import * as file from 'N/file';
import type { ShipmentDocument } from '../../../shared/src/contract';

const NAMES: Record<string, string> = { COMMERCIAL_INVOICE: 'commercial-invoice' };

/** Saves each document (20 units each); returns the commercial invoice's file id, if FedEx sent one. */
export function storeShipmentDocuments(folderId: number, baseName: string, documents: readonly ShipmentDocument[]): number | undefined {
  let invoiceId: number | undefined;
  documents.forEach((doc, i) => {
    const pdf = doc.contentType === 'application/pdf';
    const name = NAMES[doc.type] ?? doc.type.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const id = file
      .create({
        name: `${baseName}-${name}${documents.length > 1 ? `-${i + 1}` : ''}.${pdf ? 'pdf' : 'txt'}`,
        fileType: pdf ? file.Type.PDF : file.Type.PLAINTEXT,
        contents: doc.content,
        folder: folderId,
        description: `FedEx ${doc.type.replace(/_/g, ' ').toLowerCase()}`,
      })
      .save();
    if (doc.type === 'COMMERCIAL_INVOICE' && invoiceId === undefined) invoiceId = id;
  });
  return invoiceId;
}
