// The shipping queue's sweep: FedEx fulfillments marked Shipped where no user event saw it. NetSuite
// runs no user events for a record saved by another script's user event (an auto-fulfilment script of
// another SuiteApp), nor for a CSV import without server scripts, so such a fulfillment would never
// ship, silently. One search per queue run (paged) finds the Shipped fulfillments with a FedEx ship
// method (a Service Map row, or a name that says FedEx: snapshot.ts's rule) and no Shipment record,
// changed within the window and made after the sweep started watching (shared/src/sweep.ts); each is
// shipped through the ship gate like any other. Guarantees: nothing made before the connector was
// watching is swept; a fulfillment that got its Shipment record since the search (a user event at the
// same moment) is left to it; and every create carries the fulfillment's idempotency key, so even two
// Shipment records for one fulfillment can never buy two labels (the relay answers the second with
// the first's label).
import * as record from 'N/record';
import * as search from 'N/search';
import { SHIPMENT, STATE } from '../../../shared/src/ids';
import type { SweepWindow } from '../../../shared/src/sweep';
import { sweepRefusal } from '../../../shared/src/sweep';
import type { ConnectorConfig } from './settings';
import type { OrderInvoice } from './ship-fulfillment';
import { shipFulfillment } from './ship-fulfillment';
import { findShipmentForFulfillment } from './shipments';

/** What the sweep did with one fulfillment: the Shipment's status, or SWEEP_SKIPPED (why). */
export interface SweepResult {
  fulfillmentId: string;
  shipmentId?: number;
  result: string;
  order?: OrderInvoice;
}

/** When the sweep started watching (epoch ms), as the installation recorded it (10 units); undefined: never. */
export function readSweepSince(): number | undefined {
  const row = search
    .create({ type: STATE.type, filters: [['name', 'is', STATE.shipSweepName]], columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), STATE.fields.value] })
    .run()
    .getRange({ start: 0, end: 1 })[0];
  if (!row) return undefined;
  try {
    const since = (JSON.parse(String(row.getValue({ name: STATE.fields.value }) || '{}')) as { since?: unknown }).since;
    return typeof since === 'number' && since > 0 ? since : undefined;
  } catch {
    return undefined;
  }
}

/** Records that the sweep watches from `nowMs` on, unless it already does (the installation; 10 units, 14 the first time). */
export function startSweepWatching(nowMs: number): 'started' | 'already' {
  if (readSweepSince() !== undefined) return 'already';
  const rec = record.create({ type: STATE.type });
  rec.setValue({ fieldId: 'name', value: STATE.shipSweepName });
  rec.setValue({ fieldId: STATE.fields.value, value: JSON.stringify({ since: nowMs }) });
  rec.save();
  return 'started';
}

/** A ship method FedEx's by name, as snapshot.ts's rule reads it (the carrier list cannot say FedEx). */
const FEDEX_NAMED = "CASE WHEN LOWER({shipmethod}) LIKE '%fedex%' OR LOWER({shipmethod}) LIKE '%fed ex%' THEN 1 ELSE 0 END";

/** Shipped fulfillments with a FedEx ship method and no Shipment record, within `window` (one search). */
export function unseenFulfillmentsSearch(config: ConnectorConfig, window: SweepWindow): search.Search {
  const mapped = Object.keys(config.serviceMap);
  const fedex: unknown[] = mapped.length ? [['shipmethod', 'anyof', ...mapped], 'or', [`formulanumeric: ${FEDEX_NAMED}`, 'equalto', 1]] : [`formulanumeric: ${FEDEX_NAMED}`, 'equalto', 1];
  return search.create({
    type: search.Type.ITEM_FULFILLMENT,
    filters: [
      ['mainline', 'is', 'T'],
      'and',
      ['status', 'anyof', 'ItemShip:C'],
      'and',
      fedex,
      'and',
      ['lastmodifieddate', 'onorafter', `daysago${window.modifiedDaysAgo}`],
      'and',
      ['datecreated', 'onorafter', `daysago${window.createdDaysAgo}`],
      'and',
      // No Shipment record points at it (a custom record join: an outer join, empty when none).
      [`${SHIPMENT.fields.fulfillment}.internalid`, 'anyof', '@NONE@'],
    ],
    columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC })],
  });
}

const timeOf = (v: unknown): number | undefined => (v instanceof Date ? v.getTime() : undefined);

/**
 * Ships one fulfillment the sweep found: 10 units to load it, 10 to make sure it still has no
 * Shipment record, then the shipping flow (as the queue's map call for a queued shipment).
 */
export function sweepFulfillment(fulfillmentId: string, claim: string, sweepDays: number, invoiceLater: boolean): SweepResult {
  const skipped = (why: string): SweepResult => ({ fulfillmentId, result: `SWEEP_SKIPPED (${why})` });
  let rec: record.Record;
  try {
    rec = record.load({ type: record.Type.ITEM_FULFILLMENT, id: fulfillmentId });
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return skipped('deleted since');
    throw e;
  }
  const refusal = sweepRefusal(
    {
      shipStatus: String(rec.getValue({ fieldId: 'shipstatus' }) ?? ''),
      ...(timeOf(rec.getValue({ fieldId: 'lastmodifieddate' })) !== undefined ? { lastModifiedMs: timeOf(rec.getValue({ fieldId: 'lastmodifieddate' })) } : {}),
      ...(timeOf(rec.getValue({ fieldId: 'shippeddate' })) !== undefined ? { shippedOnMs: timeOf(rec.getValue({ fieldId: 'shippeddate' })) } : {}),
    },
    Date.now(),
    sweepDays,
  );
  if (refusal) return skipped(refusal);
  // A user event (or another run) made its Shipment record since the search: it is theirs.
  const known = findShipmentForFulfillment(fulfillmentId);
  if (known) return { fulfillmentId, shipmentId: known.id, result: `SWEEP_SKIPPED (Shipment record ${known.id} is ${known.status})` };
  // (`created`: it has no Shipment record, just checked; the gate claims the new one for this run.)
  const shipped = shipFulfillment(rec, { created: true, claim, writable: true, sweep: true, ...(invoiceLater ? { invoiceLater: true } : {}) });
  if (shipped.status === 'NOT_FEDEX') return skipped('its ship method is not FedEx');
  return { fulfillmentId, ...(shipped.shipmentId !== undefined ? { shipmentId: shipped.shipmentId } : {}), result: shipped.status, ...(shipped.order ? { order: shipped.order } : {}) };
}
