// What the invoice shows: every tracking number of its sales order, and a working label link for
// each shipment, gathered from the connector's Shipment records of that order.

export interface ShipmentSummary {
  trackingNumbers: string[];
  labelUrl?: string;
}

export interface InvoiceTrackingFields {
  trackingNumbers: string;
  labelLinks: string;
}

export function invoiceTrackingFields(shipments: ShipmentSummary[]): InvoiceTrackingFields {
  const numbers: string[] = [];
  const links: string[] = [];
  for (const s of shipments) {
    for (const n of s.trackingNumbers) if (n && !numbers.includes(n)) numbers.push(n);
    if (s.labelUrl && !links.includes(s.labelUrl)) links.push(s.labelUrl);
  }
  return { trackingNumbers: numbers.join(', '), labelLinks: links.join('\n') };
}

/** Tracking numbers as stored on the Shipment record (comma separated). */
export function splitTrackingNumbers(value: string | undefined | null): string[] {
  return String(value ?? '')
    .split(/[\s,]+/)
    .filter((n) => n !== '');
}
