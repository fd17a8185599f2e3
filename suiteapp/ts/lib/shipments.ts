// The connector's Shipment records (customrecord_mlfx_shipment): one per fulfillment.
import * as record from 'N/record';
import * as search from 'N/search';
import type { ShipmentSummary } from '../../../shared/src/invoice-fields';
import { splitTrackingNumbers } from '../../../shared/src/invoice-fields';
import { SHIPMENT } from '../../../shared/src/ids';
import { LIVE_LABEL_STATUSES } from '../../../shared/src/shipment-lifecycle';

const F = SHIPMENT.fields;

import type { ShipmentStatus } from '../../../shared/src/shipment-lifecycle';

export type { ShipmentStatus };

export interface ShipmentRow {
  id: number;
  status: string;
  attempts: number;
  trackingNumbers: string[];
  /** CREATED, but the tracking numbers are not yet on the fulfillment's packages. */
  fulfillmentPending?: boolean;
}

/** The latest Shipment record of a fulfillment, if any (10 units); earlier ones were voided. */
export function findShipmentForFulfillment(fulfillmentId: string | number): ShipmentRow | undefined {
  const results = search
    .create({
      type: SHIPMENT.type,
      filters: [[F.fulfillment, 'anyof', String(fulfillmentId)], 'and', ['isinactive', 'is', 'F']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), F.status, F.attempts, F.trackingNumbers, F.fulfillmentPending],
    })
    .run()
    .getRange({ start: 0, end: 1 });
  const row = results[0];
  if (!row) return undefined;
  const pending = row.getValue({ name: F.fulfillmentPending });
  return {
    id: Number(row.id),
    status: String(row.getValue({ name: F.status }) ?? ''),
    attempts: Number(row.getValue({ name: F.attempts }) || 0),
    trackingNumbers: splitTrackingNumbers(String(row.getValue({ name: F.trackingNumbers }) ?? '')),
    fulfillmentPending: pending === true || pending === 'T',
  };
}

/** A filter expression: the Shipment's status is one of `statuses`. */
export function statusIn(statuses: readonly string[]): unknown[] {
  const out: unknown[] = [];
  statuses.forEach((status, i) => {
    if (i > 0) out.push('or');
    out.push([F.status, 'is', status]);
  });
  return out;
}

/** Shipments of a sales order with a live label (created, or a void not confirmed or refused), oldest first (10 units). */
export function createdShipmentsForOrder(salesOrderId: string | number): (ShipmentSummary & { id: number })[] {
  const out: (ShipmentSummary & { id: number })[] = [];
  search
    .create({
      type: SHIPMENT.type,
      filters: [[F.salesOrder, 'anyof', String(salesOrderId)], 'and', statusIn(LIVE_LABEL_STATUSES), 'and', ['isinactive', 'is', 'F']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), F.trackingNumbers, F.labelUrl],
    })
    .run()
    .each((row) => {
      const labelUrl = String(row.getValue({ name: F.labelUrl }) ?? '');
      out.push({ id: Number(row.id), trackingNumbers: splitTrackingNumbers(String(row.getValue({ name: F.trackingNumbers }) ?? '')), ...(labelUrl ? { labelUrl } : {}) });
      return true;
    });
  return out;
}

export interface NewShipment {
  fulfillmentId: string;
  salesOrderId?: string;
  customerId?: string;
  idempotencyKey: string;
  name: string;
  status: ShipmentStatus;
  /** Further body fields known at creation (attempts, service, account, error…). */
  values?: Record<string, string | number | boolean | Date>;
}

/**
 * Creates the Shipment record in the state it starts in, in one save (6 units): PENDING before the
 * relay is called (so no attempt goes unrecorded), QUEUED, FAILED or SKIPPED when nothing is sent.
 */
export function createShipment(s: NewShipment): number {
  const rec = record.create({ type: SHIPMENT.type });
  rec.setValue({ fieldId: 'name', value: s.name });
  rec.setValue({ fieldId: F.fulfillment, value: s.fulfillmentId });
  if (s.salesOrderId) rec.setValue({ fieldId: F.salesOrder, value: s.salesOrderId });
  if (s.customerId) rec.setValue({ fieldId: F.customer, value: s.customerId });
  rec.setValue({ fieldId: F.idempotencyKey, value: s.idempotencyKey });
  rec.setValue({ fieldId: F.status, value: s.status });
  rec.setValue({ fieldId: F.attempts, value: 0 });
  // A PENDING record older than the claim lease is a dead script's: the shipping queue takes it over.
  rec.setValue({ fieldId: F.claimedAt, value: new Date() });
  for (const [fieldId, value] of Object.entries(s.values ?? {})) rec.setValue({ fieldId, value });
  return rec.save();
}

/** Updates body fields of a Shipment record (2 units). */
export function updateShipment(id: number, values: Record<string, string | number | boolean | Date>): void {
  record.submitFields({ type: SHIPMENT.type, id, values: values as Record<string, string | number | boolean>, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}
