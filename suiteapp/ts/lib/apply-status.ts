// Applies one FedEx answer to NetSuite: the Shipment record (status and next check plan), an Audit
// record for the history, and the invoice when something finance cares about changed. The poll and
// the webhook RESTlet both come through here, so they can never disagree; the stored signature makes
// a repeat (or a late, older update) write nothing.
import * as record from 'N/record';
import * as search from 'N/search';
import type { ShipmentStatusFields } from '../../../shared/src/delivery';
import { financeStatus, invoiceDelivery, sameNews, shipmentStatusFields } from '../../../shared/src/delivery';
import { INVOICE_FIELDS, SHIPMENT } from '../../../shared/src/ids';
import { LIVE_LABEL_STATUSES } from '../../../shared/src/shipment-lifecycle';
import type { TrackDecision } from '../../../shared/src/track-decision';
import { writeAudit } from './audit';
import { statusIn } from './shipments';
import { planValues } from './track-plan-fields';
import type { TrackedShipment } from './tracked-shipments';
import { findInvoiceForOrder } from './write-back';

const F = SHIPMENT.fields;

export type ApplyOutcome = 'applied' | 'replanned' | 'unchanged' | 'stale';

type Values = Record<string, string | number | boolean | Date>;

/** The scan time inside a signature (third part), for ordering updates. */
function scanTimeOf(signature: string): number {
  const t = Date.parse(signature.split('|')[2] ?? '');
  return Number.isNaN(t) ? 0 : t;
}

function statusValues(f: ShipmentStatusFields): Values {
  const values: Values = {
    [F.deliveryStatus]: f.deliveryStatus,
    [F.fedexStatusCode]: f.fedexStatusCode,
    [F.statusDescription]: f.statusDescription,
    [F.lastScanLocation]: f.lastScanLocation,
    [F.receivedBy]: f.receivedBy,
    [F.exceptionCode]: f.exceptionCode,
    [F.exceptionDescription]: f.exceptionDescription,
    [F.trackSignature]: f.trackSignature,
  };
  if (f.lastScanAt) values[F.lastScanAt] = f.lastScanAt;
  if (f.estimatedDelivery) values[F.estimatedDelivery] = f.estimatedDelivery;
  if (f.deliveredAt) values[F.deliveredAt] = f.deliveredAt;
  return values;
}

function submit(type: string, id: number | string, values: Values): void {
  record.submitFields({ type, id, values: values as unknown as Record<string, string>, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}

export interface ApplyContext {
  source: 'poll' | 'webhook';
  correlationId: string;
  /** Epoch minutes the decision was made at. */
  now: number;
  /**
   * false: leave the order's invoice to the caller, which updates it once for all of the order's
   * shipments (the poll: two jobs writing one invoice at once would collide, RCRD_HAS_BEEN_CHANGED).
   */
  updateInvoice?: boolean;
}

export interface ApplyResult {
  outcome: ApplyOutcome;
  /** What finance sees of the order may have changed: the invoice needs updating. */
  financeChanged: boolean;
}

export function applyTrackDecision(shipment: TrackedShipment, decision: TrackDecision, ctx: ApplyContext): ApplyResult {
  const result = (outcome: ApplyOutcome, financeChanged = false): ApplyResult => ({ outcome, financeChanged });
  if (decision.write === 'none') return result('unchanged');
  const plan = planValues(decision.plan);
  if (decision.write === 'plan') {
    if (decision.notFoundSince !== undefined) plan[F.notFoundSince] = decision.notFoundSince;
    submit(SHIPMENT.type, shipment.id, plan);
    return result('replanned');
  }
  const update = decision.update;
  const fields = shipmentStatusFields(update);
  // Re-read the signature: a webhook and the poll may be applying the same status right now (1 unit).
  const current = search.lookupFields({ type: SHIPMENT.type, id: shipment.id, columns: [F.trackSignature, F.deliveryStatus] });
  const stored = String(current[F.trackSignature] ?? '');
  const previousStatus = String(current[F.deliveryStatus] ?? shipment.status ?? '');
  if (stored && sameNews(stored, update)) return result('unchanged');
  if (stored && scanTimeOf(stored) > scanTimeOf(fields.trackSignature) && scanTimeOf(fields.trackSignature) > 0) return result('stale');

  const values: Values = { ...statusValues(fields), ...plan };
  if (decision.notFoundSince !== undefined) values[F.notFoundSince] = decision.notFoundSince;
  if (update.returnTrackingNumber) values[F.returnTrackingNumber] = update.returnTrackingNumber;
  submit(SHIPMENT.type, shipment.id, values);
  writeAudit({
    operation: 'STATUS_UPDATE',
    direction: 'INBOUND',
    recordType: SHIPMENT.type,
    recordId: String(shipment.id),
    shipmentId: shipment.id,
    request: { source: ctx.source, update },
    response: { previous: stored, now: fields.trackSignature, nextCheck: decision.plan ? new Date(decision.plan.first * 60_000).toISOString() : null, reason: decision.plan?.reason ?? 'no further checks' },
    outcome: 'SUCCESS',
    correlationId: ctx.correlationId,
  });
  // The invoice shows finance's view of the order: written only when that view can have changed.
  const financeChanged = financeStatus(previousStatus) !== financeStatus(update.status);
  if (financeChanged && shipment.salesOrderId && ctx.updateInvoice !== false) updateInvoiceDelivery(shipment.salesOrderId, shipment.invoiceId);
  return result('applied', financeChanged);
}

/** Recomputes the invoice's delivery fields from every shipment of the order (20 units). */
export function updateInvoiceDelivery(salesOrderId: string, knownInvoiceId?: string): void {
  const invoiceId = knownInvoiceId || findInvoiceForOrder(salesOrderId);
  if (!invoiceId) return;
  const shipments: { status: string; deliveredAt?: Date; receivedBy?: string; exception?: string; trackingNumber?: string }[] = [];
  search
    .create({
      type: SHIPMENT.type,
      filters: [[F.salesOrder, 'anyof', salesOrderId], 'and', statusIn(LIVE_LABEL_STATUSES), 'and', ['isinactive', 'is', 'F']],
      columns: [F.deliveryStatus, F.deliveredAt, F.receivedBy, F.exceptionDescription, F.masterTrackingNumber],
    })
    .run()
    .each((row) => {
      const delivered = row.getValue({ name: F.deliveredAt });
      const t = delivered instanceof Date ? delivered.getTime() : Date.parse(String(delivered ?? ''));
      shipments.push({
        status: String(row.getValue({ name: F.deliveryStatus }) || 'LABEL_CREATED'),
        exception: String(row.getValue({ name: F.exceptionDescription }) ?? ''),
        receivedBy: String(row.getValue({ name: F.receivedBy }) ?? ''),
        trackingNumber: String(row.getValue({ name: F.masterTrackingNumber }) ?? ''),
        ...(Number.isNaN(t) ? {} : { deliveredAt: new Date(t) }),
      });
      return true;
    });
  const summary = invoiceDelivery(shipments);
  submit(record.Type.INVOICE, invoiceId, {
    [INVOICE_FIELDS.deliveryStatus]: summary.status,
    [INVOICE_FIELDS.deliveryException]: summary.exception,
    [INVOICE_FIELDS.deliveredAt]: summary.deliveredAt ?? '',
    [INVOICE_FIELDS.receivedBy]: summary.receivedBy,
  });
}
