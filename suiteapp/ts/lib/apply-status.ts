// Applies one FedEx status to NetSuite: the Shipment record, an Audit record for the history, and
// the invoice's delivery summary. The poll and the webhook RESTlet both call this, so they can never
// disagree; the stored signature makes a repeat (or a late, older update) write nothing.
import * as record from 'N/record';
import * as search from 'N/search';
import type { ShipmentStatusFields } from '../../../shared/src/delivery';
import { invoiceDelivery, shipmentStatusFields } from '../../../shared/src/delivery';
import { INVOICE_FIELDS, SHIPMENT } from '../../../shared/src/ids';
import { LIVE_LABEL_STATUSES } from '../../../shared/src/shipment-lifecycle';
import type { TrackStatus } from '../../../shared/src/tracking';
import { writeAudit } from './audit';
import { statusIn } from './shipments';
import type { TrackedShipment } from './tracked-shipments';
import { findInvoiceForOrder } from './write-back';

const F = SHIPMENT.fields;

export type ApplyOutcome = 'applied' | 'unchanged' | 'stale';

/** The scan time inside a signature (third part), for ordering updates. */
function scanTimeOf(signature: string): number {
  const t = Date.parse(signature.split('|')[2] ?? '');
  return Number.isNaN(t) ? 0 : t;
}

function shipmentValues(f: ShipmentStatusFields): Record<string, string | Date> {
  const values: Record<string, string | Date> = {
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

/**
 * `updateInvoice: false` leaves the order's invoice to the caller, which updates it once for all the
 * order's shipments (the tracking poll: two jobs writing one invoice at once would collide).
 */
export function applyStatusUpdate(shipment: TrackedShipment, update: TrackStatus, source: 'poll' | 'webhook', correlationId: string, options: { updateInvoice?: boolean } = {}): ApplyOutcome {
  if (!update.found) return 'unchanged'; // not scanned yet, or unknown to FedEx: nothing to record
  const fields = shipmentStatusFields(update);
  // Re-read the signature: a webhook and the poll may be applying the same status right now (1 unit).
  const current = search.lookupFields({ type: SHIPMENT.type, id: shipment.id, columns: [F.trackSignature] });
  const stored = String(current[F.trackSignature] ?? '');
  if (stored === fields.trackSignature) return 'unchanged';
  if (stored && scanTimeOf(stored) > scanTimeOf(fields.trackSignature) && scanTimeOf(fields.trackSignature) > 0) return 'stale';

  record.submitFields({ type: SHIPMENT.type, id: shipment.id, values: shipmentValues(fields) as unknown as Record<string, string>, options: { enableSourcing: false, ignoreMandatoryFields: true } });
  writeAudit({
    operation: 'STATUS_UPDATE',
    direction: 'INBOUND',
    recordType: SHIPMENT.type,
    recordId: String(shipment.id),
    shipmentId: shipment.id,
    request: { source, update },
    response: { previous: stored, now: fields.trackSignature },
    outcome: 'SUCCESS',
    correlationId,
  });
  if (shipment.salesOrderId && options.updateInvoice !== false) updateInvoiceDelivery(shipment.salesOrderId, shipment.invoiceId);
  return 'applied';
}

/** Recomputes the invoice's delivery fields from every shipment of the order (30 units). */
export function updateInvoiceDelivery(salesOrderId: string, knownInvoiceId?: string): void {
  const invoiceId = knownInvoiceId || findInvoiceForOrder(salesOrderId);
  if (!invoiceId) return;
  const shipments: { status: string; deliveredAt?: Date; exception?: string; trackingNumber?: string }[] = [];
  search
    .create({
      type: SHIPMENT.type,
      filters: [[F.salesOrder, 'anyof', salesOrderId], 'and', statusIn(LIVE_LABEL_STATUSES), 'and', ['isinactive', 'is', 'F']],
      columns: [F.deliveryStatus, F.deliveredAt, F.exceptionDescription, F.masterTrackingNumber],
    })
    .run()
    .each((row) => {
      const delivered = row.getValue({ name: F.deliveredAt });
      const t = delivered instanceof Date ? delivered.getTime() : Date.parse(String(delivered ?? ''));
      shipments.push({
        status: String(row.getValue({ name: F.deliveryStatus }) || 'LABEL_CREATED'),
        exception: String(row.getValue({ name: F.exceptionDescription }) ?? ''),
        trackingNumber: String(row.getValue({ name: F.masterTrackingNumber }) ?? ''),
        ...(Number.isNaN(t) ? {} : { deliveredAt: new Date(t) }),
      });
      return true;
    });
  const summary = invoiceDelivery(shipments);
  const values: Record<string, string | Date> = {
    [INVOICE_FIELDS.deliveryStatus]: summary.status,
    [INVOICE_FIELDS.deliveryException]: summary.exception,
    [INVOICE_FIELDS.deliveredAt]: summary.deliveredAt ?? '',
  };
  record.submitFields({ type: record.Type.INVOICE, id: invoiceId, values: values as unknown as Record<string, string>, options: { enableSourcing: false, ignoreMandatoryFields: true } });
}
