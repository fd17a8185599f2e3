// What the console's panels show, one search each and paged, so a page view costs the same at 10
// Shipments or at 10 million: counts by status (a summary search per period: NetSuite computes
// "today" and "this week" in the user's time zone and week start), the Shipments that need a
// person, the most recent Shipments, and one Shipment's audit trail.
import * as search from 'N/search';
import { AUDIT, SHIPMENT } from '../../../../shared/src/ids';

const F = SHIPMENT.fields;
const A = AUDIT.fields;

/**
 * Statuses a person should look at: ended without a label (FAILED), failing and retried
 * (RETRYING), outcome not known yet (UNKNOWN), a void not confirmed (VOIDING) or refused by FedEx
 * (VOID_REFUSED).
 */
export const ATTENTION_STATUSES = ['FAILED', 'RETRYING', 'UNKNOWN', 'VOIDING', 'VOID_REFUSED'] as const;

export interface StatusCount {
  status: string;
  today: number;
  week: number;
}

export interface ShipmentRow {
  id: number;
  name: string;
  status: string;
  created: string;
  fulfillmentId?: string;
  fulfillmentText?: string;
  invoiceId?: string;
  customerText?: string;
  masterTrackingNumber?: string;
  serviceType?: string;
  deliveryStatus?: string;
  attempts: number;
  errorCode?: string;
  lastError?: string;
}

export interface AuditRow {
  id: number;
  time: string;
  operation: string;
  outcome: string;
  errorCode?: string;
  errorMessage?: string;
  attempt?: string;
  correlationId?: string;
}

export interface Page<T> {
  rows: T[];
  /** Rows across all pages. */
  total: number;
  /** 0-based, clamped to the pages there are. */
  pageIndex: number;
  pageCount: number;
  pageSize: number;
}

function text(row: search.Result, name: string): string | undefined {
  const v = row.getValue({ name });
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? undefined : s;
}

function selectText(row: search.Result, name: string): string | undefined {
  const v = row.getText({ name });
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? undefined : s;
}

function statusFilter(statuses: readonly string[]): unknown[] {
  const out: unknown[] = [];
  statuses.forEach((status, i) => {
    if (i > 0) out.push('or');
    out.push([F.status, 'is', status]);
  });
  return out;
}

/** Runs a paged search and fetches one page (5 + 5 units; 5 when nothing matches). */
function page<T>(s: search.Search, pageIndex: number, pageSize: number, map: (row: search.Result) => T): Page<T> {
  const paged = s.runPaged({ pageSize });
  const pageCount = paged.pageRanges.length;
  if (pageCount === 0) return { rows: [], total: 0, pageIndex: 0, pageCount: 0, pageSize };
  const index = Math.min(Math.max(0, Math.floor(pageIndex) || 0), pageCount - 1);
  const rows = paged.fetch({ index }).data.map(map);
  return { rows, total: paged.count, pageIndex: index, pageCount, pageSize };
}

/** Shipments created in the period, grouped by status (10 units). */
function countByStatus(period: unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  search
    .create({
      type: SHIPMENT.type,
      filters: [['isinactive', 'is', 'F'], 'and', period],
      columns: [search.createColumn({ name: F.status, summary: search.Summary.GROUP }), search.createColumn({ name: 'internalid', summary: search.Summary.COUNT })],
    })
    .run()
    .getRange({ start: 0, end: 1000 })
    .forEach((row) => {
      const status = String(row.getValue({ name: F.status, summary: search.Summary.GROUP }) ?? '').trim() || '(none)';
      out[status] = Number(row.getValue({ name: 'internalid', summary: search.Summary.COUNT }) ?? 0);
    });
  return out;
}

/** Shipments started today and this week, by their status now (20 units). */
export function statusCounts(order: readonly string[]): StatusCount[] {
  const today = countByStatus(['created', 'on', 'today']);
  const week = countByStatus(['created', 'within', 'thisweek']);
  const statuses = [...new Set([...order, ...Object.keys(week), ...Object.keys(today)])].filter((s) => (week[s] ?? 0) > 0 || (today[s] ?? 0) > 0);
  return statuses.map((status) => ({ status, today: today[status] ?? 0, week: week[status] ?? 0 }));
}

const shipmentColumns = (): (string | search.Column)[] => [
  search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
  'name',
  'created',
  F.status,
  F.fulfillment,
  F.invoice,
  F.customer,
  F.masterTrackingNumber,
  F.serviceType,
  F.deliveryStatus,
  F.attempts,
  F.errorCode,
  F.lastError,
];

function shipmentRow(row: search.Result): ShipmentRow {
  const optional = (key: keyof ShipmentRow, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    id: Number(row.id),
    name: text(row, 'name') ?? `Shipment ${row.id}`,
    status: text(row, F.status) ?? '',
    created: text(row, 'created') ?? '',
    attempts: Number(text(row, F.attempts) ?? 0),
    ...optional('fulfillmentId', text(row, F.fulfillment)),
    ...optional('fulfillmentText', selectText(row, F.fulfillment)),
    ...optional('invoiceId', text(row, F.invoice)),
    ...optional('customerText', selectText(row, F.customer)),
    ...optional('masterTrackingNumber', text(row, F.masterTrackingNumber)),
    ...optional('serviceType', text(row, F.serviceType)),
    ...optional('deliveryStatus', text(row, F.deliveryStatus)),
    ...optional('errorCode', text(row, F.errorCode)),
    ...optional('lastError', text(row, F.lastError)),
  } as ShipmentRow;
}

/** The newest Shipments first (10 units). */
export function recentShipments(pageIndex: number, pageSize: number): Page<ShipmentRow> {
  return page(search.create({ type: SHIPMENT.type, filters: [['isinactive', 'is', 'F']], columns: shipmentColumns() }), pageIndex, pageSize, shipmentRow);
}

/** Shipments in an ATTENTION_STATUSES status, newest first (10 units). */
export function shipmentsNeedingAttention(pageIndex: number, pageSize: number): Page<ShipmentRow> {
  return page(
    search.create({ type: SHIPMENT.type, filters: [['isinactive', 'is', 'F'], 'and', statusFilter(ATTENTION_STATUSES)], columns: shipmentColumns() }),
    pageIndex,
    pageSize,
    shipmentRow,
  );
}

/** One Shipment's Audit records, newest first (10 units). */
export function auditTrail(shipmentId: number, pageIndex: number, pageSize: number): Page<AuditRow> {
  return page(
    search.create({
      type: AUDIT.type,
      filters: [[A.shipment, 'anyof', String(shipmentId)]],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), A.time, A.operation, A.outcome, A.errorCode, A.errorMessage, A.attempt, A.correlationId],
    }),
    pageIndex,
    pageSize,
    (row) => {
      const optional = (key: keyof AuditRow, value: string | undefined) => (value === undefined ? {} : { [key]: value });
      return {
        id: Number(row.id),
        time: text(row, A.time) ?? '',
        operation: text(row, A.operation) ?? '',
        outcome: text(row, A.outcome) ?? '',
        ...optional('errorCode', text(row, A.errorCode)),
        ...optional('errorMessage', text(row, A.errorMessage)),
        ...optional('attempt', text(row, A.attempt)),
        ...optional('correlationId', text(row, A.correlationId)),
      } as AuditRow;
    },
  );
}
