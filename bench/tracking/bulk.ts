// A model of a bulk save: 10,000 fulfillments marked Shipped by a CSV import, queued by the user
// event and shipped by the shipping Map/Reduce (`customscript_mlfx_mr_ship`). It is a model, not a
// measurement (the NetSuite double does not model NetSuite's speed), with every figure stated:
// - The Map/Reduce's map calls run `concurrency` at a time (the deployment's concurrencylimit, read
//   from its SDF object) and each ships one fulfillment, one after the other within a processor.
// - One map call takes the FedEx create (`fedexCreateSeconds`, 1.5 s as issue 12 states it) plus the
//   relay's own time, plus NetSuite's time for the map call's other governed calls, estimated at
//   `msPerUnit` per governance unit (the queue's map call uses `unitsPerShipment`, as the governance
//   benchmark measures it; the HTTPS call's units are counted in the FedEx and relay time instead).
// - FedEx's cap (1,400 creates per 10 s) binds only when concurrency / (seconds per shipment)
//   exceeds 140 a second; the relay paces the excess.
// - The import itself (NetSuite saving 10,000 fulfillments) is the customer's own time with or
//   without the connector: the figure starts when the import has queued the first shipments, the
//   queue keeps up with the import when it ships faster than the import saves (`importRowsPerSecond`).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BulkModel {
  fulfillments: number;
  concurrency: number;
  fedexCreateSeconds: number;
  relaySeconds: number;
  unitsPerShipment: number;
  httpsUnits: number;
  msPerUnit: number;
  importRowsPerSecond: number;
  fedexCapPerSecond: number;
}

/** The shipping queue deployment's concurrency limit, from its SDF object. */
export function queueConcurrency(root = resolve(import.meta.dirname, '../..')): number {
  const xml = readFileSync(resolve(root, 'suiteapp/src/Objects/customscript_mlfx_mr_ship.xml'), 'utf8');
  const limits = [...xml.matchAll(/<concurrencylimit>(\d+)<\/concurrencylimit>/g)].map((m) => Number(m[1]));
  return Math.max(1, ...limits);
}

export const DEFAULT_BULK_MODEL: BulkModel = {
  fulfillments: 10_000,
  concurrency: 5,
  fedexCreateSeconds: 1.5,
  relaySeconds: 0.05,
  unitsPerShipment: 92,
  httpsUnits: 10,
  msPerUnit: 10,
  importRowsPerSecond: 10,
  fedexCapPerSecond: 140,
};

export interface BulkFigures {
  bulk_10000_minutes: number;
  seconds_per_shipment: number;
  shipments_per_second: number;
  concurrency: number;
  /** The concurrency at which the queue would ship 10,000 in 30 minutes, other figures unchanged. */
  concurrency_for_30_minutes: number;
  import_minutes: number;
}

export function bulkShipMinutes(m: BulkModel = DEFAULT_BULK_MODEL): BulkFigures {
  const netsuiteSeconds = ((m.unitsPerShipment - m.httpsUnits) * m.msPerUnit) / 1000;
  const perShipment = m.fedexCreateSeconds + m.relaySeconds + netsuiteSeconds;
  const rate = Math.min(m.concurrency / perShipment, m.fedexCapPerSecond);
  const importSeconds = m.fulfillments / m.importRowsPerSecond;
  // The queue starts as the import queues the first rows; it finishes at the later of its own pace
  // and the import's (it cannot ship a row before the import saved it).
  const seconds = Math.max(m.fulfillments / rate, importSeconds);
  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  return {
    bulk_10000_minutes: round(seconds / 60),
    seconds_per_shipment: round(perShipment, 2),
    shipments_per_second: round(rate, 2),
    concurrency: m.concurrency,
    concurrency_for_30_minutes: Math.ceil((m.fulfillments * perShipment) / (30 * 60)),
    import_minutes: round(importSeconds / 60),
  };
}
