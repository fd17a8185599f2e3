// Reading Shipment records for tracking: which shipments are still moving, and which records carry
// given tracking numbers.
import * as search from 'N/search';
import { SHIPMENT } from '../../../shared/src/ids';
import { LIVE_LABEL_STATUSES } from '../../../shared/src/shipment-lifecycle';
import { statusIn } from './shipments';

const F = SHIPMENT.fields;

export interface TrackedShipment {
  id: number;
  trackingNumber: string;
  shipDate?: string;
  signature: string;
  salesOrderId?: string;
  invoiceId?: string;
}

export const TRACKED_COLUMNS = ['internalid', F.masterTrackingNumber, F.shipDate, F.trackSignature, F.salesOrder, F.invoice];

function isoDateOf(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = v === null || v === undefined ? '' : String(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

export function toTrackedShipment(row: search.Result): TrackedShipment | undefined {
  const trackingNumber = String(row.getValue({ name: F.masterTrackingNumber }) ?? '').trim();
  if (!trackingNumber) return undefined;
  const shipDate = isoDateOf(row.getValue({ name: F.shipDate }));
  const salesOrderId = String(row.getValue({ name: F.salesOrder }) ?? '');
  const invoiceId = String(row.getValue({ name: F.invoice }) ?? '');
  return {
    id: Number(row.id),
    trackingNumber,
    signature: String(row.getValue({ name: F.trackSignature }) ?? ''),
    ...(shipDate ? { shipDate } : {}),
    ...(salesOrderId ? { salesOrderId } : {}),
    ...(invoiceId ? { invoiceId } : {}),
  };
}

/** Shipments with a live label (a refused void's included) not in a final delivery state, by ascending internal id. */
export function openShipmentsSearch(afterId: number, upToId?: number): search.Search {
  const filters: unknown[] = [
    statusIn(LIVE_LABEL_STATUSES),
    'and',
    ['isinactive', 'is', 'F'],
    'and',
    // A shipment FedEx has not reported on yet has no delivery status: ask for it explicitly,
    // whatever NetSuite's `isnot` does with empty values.
    [
      [F.deliveryStatus, 'isempty', ''],
      'or',
      [[F.deliveryStatus, 'isnot', 'DELIVERED'], 'and', [F.deliveryStatus, 'isnot', 'CANCELLED'], 'and', [F.deliveryStatus, 'isnot', 'RETURNED']],
    ],
    'and',
    ['internalidnumber', 'greaterthan', afterId],
  ];
  if (upToId !== undefined) filters.push('and', ['internalidnumber', 'lessthanorequalto', upToId]);
  return search.create({
    type: SHIPMENT.type,
    filters,
    columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ...TRACKED_COLUMNS.slice(1)],
  });
}

/** Shipment records whose master tracking number is one of `numbers` (10 units per 1,000). */
export function shipmentsByTrackingNumber(numbers: string[]): Map<string, TrackedShipment> {
  const found = new Map<string, TrackedShipment>();
  if (numbers.length === 0) return found;
  const anyOf: unknown[] = [];
  numbers.forEach((n, i) => {
    if (i > 0) anyOf.push('or');
    anyOf.push([F.masterTrackingNumber, 'is', n]);
  });
  search
    .create({ type: SHIPMENT.type, filters: [anyOf, 'and', ['isinactive', 'is', 'F']], columns: TRACKED_COLUMNS })
    .run()
    .each((row) => {
      const s = toTrackedShipment(row);
      if (s) found.set(s.trackingNumber, s);
      return true;
    });
  return found;
}
