// Reading Shipment records for tracking: which shipments the poll should ask FedEx about now (their
// stored check plan says a check fell due), and which records carry given tracking numbers.
import * as search from 'N/search';
import { SHIPMENT } from '../../../shared/src/ids';
import type { TrackFlag, TrackPlan, TrackPriority } from '../../../shared/src/track-plan';
import { dueFormula, epochMinutes, TRACK_PRIORITY } from '../../../shared/src/track-plan';
import { LIVE_LABEL_STATUSES } from '../../../shared/src/shipment-lifecycle';
import { statusIn } from './shipments';

const F = SHIPMENT.fields;

export interface TrackedShipment {
  id: number;
  trackingNumber: string;
  shipDate?: string;
  signature: string;
  /** The delivery status NetSuite shows ('' until FedEx has been asked). */
  status: string;
  salesOrderId?: string;
  invoiceId?: string;
  /** When the Shipment was created, i.e. when the label was bought (epoch minutes). */
  labelAt: number;
  /** FedEx's estimated delivery as stored (ISO date-time). */
  estimatedDelivery?: string;
  notFoundSince?: number;
  returnTrackingNumber?: string;
  /** The stored plan; absent on a shipment never planned (created before the plan existed). */
  plan?: Pick<TrackPlan, 'first' | 'every' | 'end' | 'priority' | 'flag'>;
}

export const TRACKED_COLUMNS = [
  'internalid',
  F.masterTrackingNumber,
  F.shipDate,
  F.trackSignature,
  F.salesOrder,
  F.invoice,
  F.deliveryStatus,
  'created',
  F.estimatedDelivery,
  F.notFoundSince,
  F.returnTrackingNumber,
  F.checkFirst,
  F.checkEvery,
  F.checkEnd,
  F.checkPriority,
  F.trackingFlag,
];

function isoOf(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString();
  const s = v === null || v === undefined ? '' : String(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function numberOf(v: unknown): number | undefined {
  const s = v === null || v === undefined ? '' : String(v).trim();
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function text(row: search.Result, name: string): string {
  const v = row.getValue({ name });
  return v === null || v === undefined ? '' : String(v).trim();
}

export function toTrackedShipment(row: search.Result): TrackedShipment | undefined {
  const trackingNumber = text(row, F.masterTrackingNumber);
  if (!trackingNumber) return undefined;
  const shipDate = isoOf(row.getValue({ name: F.shipDate }))?.slice(0, 10);
  const created = isoOf(row.getValue({ name: 'created' }));
  const eta = isoOf(row.getValue({ name: F.estimatedDelivery }));
  const notFoundSince = numberOf(row.getValue({ name: F.notFoundSince }));
  const returnTrackingNumber = text(row, F.returnTrackingNumber);
  const [first, every, end, priority] = [F.checkFirst, F.checkEvery, F.checkEnd, F.checkPriority].map((name) => numberOf(row.getValue({ name })));
  const flag = text(row, F.trackingFlag) as TrackFlag | '';
  const salesOrderId = text(row, F.salesOrder);
  const invoiceId = text(row, F.invoice);
  return {
    id: Number(row.id),
    trackingNumber,
    signature: text(row, F.trackSignature),
    status: text(row, F.deliveryStatus),
    labelAt: created ? epochMinutes(Date.parse(created)) : epochMinutes(Date.now()),
    ...(shipDate ? { shipDate } : {}),
    ...(eta ? { estimatedDelivery: eta } : {}),
    ...(notFoundSince !== undefined ? { notFoundSince } : {}),
    ...(returnTrackingNumber ? { returnTrackingNumber } : {}),
    ...(first !== undefined && every && end !== undefined
      ? { plan: { first, every, end, priority: (priority ?? TRACK_PRIORITY.IN_TRANSIT) as TrackPriority, ...(flag ? { flag } : {}) } }
      : {}),
    ...(salesOrderId ? { salesOrderId } : {}),
    ...(invoiceId ? { invoiceId } : {}),
  };
}

/** The number to ask FedEx about: the return leg's, once the package is on its way back. */
export function numberToTrack(s: TrackedShipment): string {
  return s.returnTrackingNumber || s.trackingNumber;
}

// A live label (CREATED, or a void FedEx refused) the poll is not done with.
const OPEN: unknown[] = [statusIn(LIVE_LABEL_STATUSES), 'and', ['isinactive', 'is', 'F'], 'and', [F.trackingDone, 'is', 'F']];

/**
 * Shipments whose plan has a check in (lastRun, now], whose plan ended (an ended plan stays due until
 * the poll plans afresh), or that have no plan yet (created before plans existed): most urgent first,
 * then the longest waiting; shipments without a plan last.
 */
export function dueShipmentsSearch(lastRun: number, now: number): search.Search {
  return search.create({
    type: SHIPMENT.type,
    filters: [...OPEN, 'and', [`formulanumeric: ${dueFormula({ first: F.checkFirst, every: F.checkEvery, end: F.checkEnd }, lastRun, now)}`, 'greaterthan', 0]],
    columns: [search.createColumn({ name: F.checkPriority, sort: search.Sort.ASC }), search.createColumn({ name: F.checkEnd, sort: search.Sort.ASC }), ...TRACKED_COLUMNS],
  });
}

/** Shipment records whose master or return tracking number is one of `numbers` (10 units per 1,000). */
export function shipmentsByTrackingNumber(numbers: string[]): Map<string, TrackedShipment> {
  const found = new Map<string, TrackedShipment>();
  if (numbers.length === 0) return found;
  const anyOf: unknown[] = [];
  numbers.forEach((n, i) => {
    if (i > 0) anyOf.push('or');
    anyOf.push([F.masterTrackingNumber, 'is', n], 'or', [F.returnTrackingNumber, 'is', n]);
  });
  search
    .create({ type: SHIPMENT.type, filters: [anyOf, 'and', ['isinactive', 'is', 'F']], columns: TRACKED_COLUMNS })
    .run()
    .each((row) => {
      const s = toTrackedShipment(row);
      if (s) {
        found.set(s.trackingNumber, s);
        if (s.returnTrackingNumber) found.set(s.returnTrackingNumber, s);
      }
      return true;
    });
  return found;
}
