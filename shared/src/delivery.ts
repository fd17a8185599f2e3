// What a tracking update changes in NetSuite, decided without I/O: the Shipment record's status
// fields, whether anything changed at all, and the invoice's delivery summary over all shipments
// of its order. The poll and the webhook RESTlet both go through here: one code path.
import type { ConnectorStatus, TrackStatus } from './tracking';

/**
 * What an update says, as one string stored on the Shipment. Only the news a person acts on counts
 * (status, estimated delivery, exception, delivery, return leg): a hub scan that changes none of
 * them writes nothing (at 750,000 shipments in transit, every write is governance and time). The
 * scan time rides along, third, so an older update arriving late is recognised as stale.
 */
export function trackSignature(u: TrackStatus): string {
  return [u.status, u.estimatedDelivery ?? '', u.lastScanTime ?? '', u.exceptionCode ?? '', u.deliveredAt ?? '', u.returnTrackingNumber ?? ''].join('|');
}

/** The same news as the stored signature (the scan time aside). */
export function sameNews(storedSignature: string, u: TrackStatus): boolean {
  const news = (sig: string) => sig.split('|').filter((_, i) => i !== 2).join('|');
  return news(storedSignature) === news(trackSignature(u));
}

/**
 * What finance sees of one shipment on the invoice: moving, delivered, an exception, a return, a void.
 * The invoice is written only when this changes for one of the order's shipments.
 */
export function financeStatus(status: string): string {
  switch (status) {
    case 'DELIVERED':
    case 'EXCEPTION':
    case 'RETURNING':
    case 'RETURNED':
    case 'CANCELLED':
      return status;
    case '':
      return '';
    default:
      return 'IN_TRANSIT';
  }
}

export interface ShipmentStatusFields {
  deliveryStatus: ConnectorStatus;
  fedexStatusCode: string;
  statusDescription: string;
  lastScanAt?: Date;
  lastScanLocation: string;
  estimatedDelivery?: Date;
  deliveredAt?: Date;
  receivedBy: string;
  exceptionCode: string;
  exceptionDescription: string;
  trackSignature: string;
}

function date(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t);
}

export function shipmentStatusFields(u: TrackStatus): ShipmentStatusFields {
  const out: ShipmentStatusFields = {
    deliveryStatus: u.status,
    fedexStatusCode: u.fedexCode ?? '',
    statusDescription: (u.description ?? '').slice(0, 300),
    lastScanLocation: (u.lastScanLocation ?? '').slice(0, 300),
    receivedBy: (u.receivedBy ?? '').slice(0, 300),
    exceptionCode: u.exceptionCode ?? '',
    exceptionDescription: (u.exceptionDescription ?? '').slice(0, 3900),
    trackSignature: trackSignature(u),
  };
  const scan = date(u.lastScanTime);
  const eta = date(u.estimatedDelivery);
  const delivered = date(u.deliveredAt);
  if (scan) out.lastScanAt = scan;
  if (eta) out.estimatedDelivery = eta;
  if (delivered) out.deliveredAt = delivered;
  return out;
}

export interface InvoiceDelivery {
  status: string;
  /** Set when every shipment of the order is delivered: the last delivery. */
  deliveredAt?: Date;
  /** Who signed, when every shipment is delivered (each signer once). */
  receivedBy: string;
  exception: string;
}

/**
 * The invoice's view of all shipments of its order, in finance's terms (`financeStatus`): EXCEPTION
 * as soon as one has an exception, DELIVERED only when all are (at the last delivery time, with
 * the signers), RETURNED / RETURNING when one comes back, else IN_TRANSIT.
 */
export function invoiceDelivery(shipments: { status: string; deliveredAt?: Date; receivedBy?: string; exception?: string; trackingNumber?: string }[]): InvoiceDelivery {
  const live = shipments.filter((s) => s.status !== 'CANCELLED');
  if (live.length === 0) return { status: shipments.length ? 'CANCELLED' : '', exception: '', receivedBy: '' };
  const exceptions = live.filter((s) => s.status === 'EXCEPTION');
  if (exceptions.length) {
    return { status: 'EXCEPTION', receivedBy: '', exception: exceptions.map((s) => `${s.trackingNumber ?? ''}: ${s.exception ?? ''}`.trim()).join('; ').slice(0, 300) };
  }
  if (live.every((s) => s.status === 'DELIVERED')) {
    const times = live.map((s) => s.deliveredAt?.getTime() ?? 0);
    const last = Math.max(...times);
    const receivedBy = [...new Set(live.map((s) => (s.receivedBy ?? '').trim()).filter(Boolean))].join(', ').slice(0, 300);
    return { status: 'DELIVERED', exception: '', receivedBy, ...(last > 0 ? { deliveredAt: new Date(last) } : {}) };
  }
  if (live.some((s) => s.status === 'RETURNED')) return { status: 'RETURNED', exception: '', receivedBy: '' };
  if (live.some((s) => s.status === 'RETURNING')) return { status: 'RETURNING', exception: '', receivedBy: '' };
  return { status: 'IN_TRANSIT', exception: '', receivedBy: '' };
}
