// Reads FedEx's Create Shipment response leniently: real responses deviate from FedEx's own schema
// (strings for numbers, single values for arrays, enum values it does not list), so only the fields
// the connector uses are read, each with a type check, and anything else is ignored.

export interface ParsedLabel {
  trackingNumber: string;
  docType: string;
  /** Base64 label bytes when FedEx returned them (labelResponseOptions LABEL). */
  encodedLabel?: string;
  url?: string;
}

/** A shipping document other than a label (FedEx's `shipmentDocuments`: the commercial invoice, …). */
export interface ParsedDocument {
  /** FedEx's contentType: COMMERCIAL_INVOICE, CERTIFICATE_OF_ORIGIN, … */
  type: string;
  docType: string;
  encodedLabel?: string;
  url?: string;
}

export interface ParsedShipment {
  transactionId: string;
  customerTransactionId?: string;
  masterTrackingNumber: string;
  trackingNumbers: string[];
  serviceType?: string;
  shipDate?: string;
  labels: ParsedLabel[];
  /** Shipment documents (not labels): FedEx returns them in `shipmentDocuments`, apart from the labels. */
  documents: ParsedDocument[];
  alerts: string[];
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function alertsOf(v: unknown): string[] {
  return list(v)
    .map(obj)
    .filter((a): a is Loose => a !== undefined)
    .map((a) => [str(a.code), str(a.message)].filter(Boolean).join(': '))
    .filter((s) => s !== '');
}

/** Returns the parsed shipment, or a message saying what the response lacks. */
export function parseShipResponse(body: unknown): { ok: true; value: ParsedShipment } | { ok: false; message: string } {
  const root = obj(body);
  const output = obj(root?.output);
  const shipment = obj(list(output?.transactionShipments)[0]);
  if (!root || !output || !shipment) return { ok: false, message: 'FedEx response has no output.transactionShipments' };
  const pieces = list(shipment.pieceResponses).map(obj).filter((p): p is Loose => p !== undefined);
  const trackingNumbers = pieces.map((p) => str(p.trackingNumber)).filter((t): t is string => t !== undefined);
  const master = str(shipment.masterTrackingNumber) ?? trackingNumbers[0];
  if (!master || trackingNumbers.length === 0) return { ok: false, message: 'FedEx response has no tracking number' };
  const labels: ParsedLabel[] = [];
  for (const piece of pieces) {
    for (const doc of list(piece.packageDocuments).map(obj)) {
      if (!doc || (str(doc.contentType) ?? 'LABEL') !== 'LABEL') continue;
      const label: ParsedLabel = { trackingNumber: str(doc.trackingNumber) ?? str(piece.trackingNumber) ?? master, docType: str(doc.docType) ?? 'PDF' };
      const encoded = str(doc.encodedLabel);
      const url = str(doc.url);
      if (encoded) label.encodedLabel = encoded;
      if (url) label.url = url;
      labels.push(label);
    }
  }
  const documents: ParsedDocument[] = [];
  // The commercial invoice comes in shipmentDocuments; other documents can ride with a piece.
  const docSources = [...list(shipment.shipmentDocuments), ...pieces.flatMap((p) => list(p.packageDocuments))];
  for (const doc of docSources.map(obj)) {
    const type = doc ? str(doc.contentType) : undefined;
    if (!doc || !type || type === 'LABEL') continue;
    const document: ParsedDocument = { type, docType: str(doc.docType) ?? 'PDF' };
    const encoded = str(doc.encodedLabel);
    const url = str(doc.url);
    if (encoded) document.encodedLabel = encoded;
    if (url) document.url = url;
    documents.push(document);
  }
  const parsed: ParsedShipment = {
    transactionId: str(root.transactionId) ?? '',
    masterTrackingNumber: master,
    trackingNumbers,
    labels,
    documents,
    alerts: [...alertsOf(output.alerts), ...alertsOf(shipment.alerts)].filter((a, i, all) => all.indexOf(a) === i),
  };
  const ctid = str(root.customerTransactionId);
  const service = str(shipment.serviceType);
  const shipDate = str(shipment.shipDatestamp);
  if (ctid) parsed.customerTransactionId = ctid;
  if (service) parsed.serviceType = service;
  if (shipDate) parsed.shipDate = shipDate;
  return { ok: true, value: parsed };
}

/** FedEx's error envelope `{transactionId, errors:[{code, message}]}`, read leniently. */
export function parseFedexErrors(body: unknown): { transactionId?: string; errors: { code: string; message: string }[] } {
  const root = obj(body);
  const errors = list(root?.errors)
    .map(obj)
    .filter((e): e is Loose => e !== undefined)
    .map((e) => ({ code: str(e.code) ?? 'UNKNOWN', message: str(e.message) ?? '' }));
  // FedEx's gateway answers a bad bearer token with an OAuth-style body and no `errors` list:
  // {"error_description":"Invalid CXS JWT"} (recorded from FedEx's sandbox, HTTP 401).
  const description = str(root?.error_description);
  if (errors.length === 0 && description !== undefined) errors.push({ code: str(root?.error) ?? 'NOT.AUTHORIZED.ERROR', message: description.trim() });
  const transactionId = str(root?.transactionId);
  return transactionId ? { transactionId, errors } : { errors };
}

export const LABEL_CONTENT_TYPES: Record<string, string> = {
  PDF: 'application/pdf',
  PNG: 'image/png',
  ZPLII: 'application/x-zpl',
  EPL2: 'application/x-epl2',
};
