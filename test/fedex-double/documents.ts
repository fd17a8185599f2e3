/**
 * Shipping documents FedEx returns in `transactionShipments[].shipmentDocuments` (not with the labels):
 * the commercial invoice of an international shipment, a one-page US-letter PDF (PAPER_LETTER, the only
 * stock FedEx prints shipping documents on), marked as a test document of the double.
 */

export interface InvoiceLine {
  description: string;
  quantity: number;
  value: string;
}

export interface InvoiceContent {
  masterTrackingNumber: string;
  shipDate: string;
  shipper: string[];
  recipient: string[];
  lines: InvoiceLine[];
  total: string;
}

const NOTICE = 'TEST DOCUMENT - FEDEX API DOUBLE - NOT FOR CUSTOMS USE';

const text = (s: string) => `(${s.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`)})`;

export function commercialInvoicePdf(content: InvoiceContent): Uint8Array {
  const rows: Array<[size: number, text: string]> = [
    [9, NOTICE],
    [18, 'COMMERCIAL INVOICE'],
    [10, `AWB ${content.masterTrackingNumber}   DATE ${content.shipDate}`],
    [10, `EXPORTER: ${content.shipper.join(', ')}`],
    [10, `CONSIGNEE: ${content.recipient.join(', ')}`],
    ...content.lines.slice(0, 40).map((line, i): [number, string] => [9, `${i + 1}. ${line.description} x${line.quantity}  ${line.value}`]),
    [11, `TOTAL DECLARED VALUE ${content.total}`],
  ];
  let ops = 'BT\n';
  rows.forEach(([size, line], i) => {
    ops += `/F1 ${size} Tf 1 0 0 1 54 ${740 - i * 16} Tm ${text(line)} Tj\n`;
  });
  ops += 'ET\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}endstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
