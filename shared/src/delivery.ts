// What a tracking update changes in NetSuite, decided without I/O: the Shipment record's status
// fields, whether anything changed at all, and the invoice's delivery summary over all shipments
// of its order. The poll and the webhook RESTlet both go through here: one code path.
import type { ConnectorStatus, TrackStatus } from './tracking';

/** Equal signatures mean the update carries nothing new: no record is written. */
export function trackSignature(u: TrackStatus): string {
  return [u.status, u.fedexCode ?? '', u.lastScanTime ?? '', u.exceptionCode ?? '', u.deliveredAt ?? '', u.estimatedDelivery ?? ''].join('|');
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

/** Progress order, for "the least advanced shipment" of an order. */
const PROGRESS: ConnectorStatus[] = ['UNKNOWN', 'NOT_FOUND', 'LABEL_CREATED', 'PICKED_UP', 'IN_TRANSIT', 'DELAYED', 'HELD', 'OUT_FOR_DELIVERY', 'DELIVERED'];

export interface InvoiceDelivery {
  status: string;
  /** Set when every shipment of the order is delivered: the last delivery. */
  deliveredAt?: Date;
  exception: string;
}

/**
 * The invoice's view of all shipments of its order: EXCEPTION as soon as one has an exception,
 * DELIVERED only when all are delivered (at the last delivery time), else the least advanced status.
 */
export function invoiceDelivery(shipments: { status: string; deliveredAt?: Date; exception?: string; trackingNumber?: string }[]): InvoiceDelivery {
  const live = shipments.filter((s) => s.status !== 'CANCELLED');
  if (live.length === 0) return { status: shipments.length ? 'CANCELLED' : '', exception: '' };
  const exceptions = live.filter((s) => s.status === 'EXCEPTION');
  if (exceptions.length) {
    return { status: 'EXCEPTION', exception: exceptions.map((s) => `${s.trackingNumber ?? ''}: ${s.exception ?? ''}`.trim()).join('; ').slice(0, 300) };
  }
  if (live.every((s) => s.status === 'DELIVERED')) {
    const times = live.map((s) => s.deliveredAt?.getTime() ?? 0);
    const last = Math.max(...times);
    return { status: 'DELIVERED', exception: '', ...(last > 0 ? { deliveredAt: new Date(last) } : {}) };
  }
  if (live.some((s) => s.status === 'RETURNED')) return { status: 'RETURNED', exception: '' };
  const rank = (s: string) => {
    const i = PROGRESS.indexOf(s as ConnectorStatus);
    return i < 0 ? 0 : i;
  };
  const least = [...live].sort((a, b) => rank(a.status) - rank(b.status))[0] as { status: string };
  return { status: least.status || 'LABEL_CREATED', exception: '' };
}
