/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Shipping queue (every 15 minutes, and on demand): creates the FedEx shipments of fulfillments
// saved in bulk; retries passing failures (RETRYING) with backoff up to Max Attempts; reconciles
// every create whose outcome is unknown (UNKNOWN, or PENDING past its lease: the script died
// mid-call) with the same key and a raised attempt until the outcome is known; and performs the
// voids asked for (VOIDING). Two runs at once (the scheduled and the on-demand deployment) never
// work on the same Shipment: each map call claims its Shipment first (lib/shipment-state.ts).
// Map calls run in parallel and never write an invoice (two of them writing one order's invoice
// would collide): the labels of an order go to one reduce call keyed by the order, which rewrites
// its invoice once from the order's Shipment records (lib/order-invoice.ts).
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { correlationId } from '../../shared/src/audit';
import { writeAudit } from './lib/audit';
import { rewriteOrderInvoice } from './lib/order-invoice';
import type { WorkResult } from './lib/queue-work';
import { queueCandidatesSearch, workOnShipment } from './lib/queue-work';
import { readSettings } from './lib/settings';
import { newClaim } from './lib/shipment-state';

export const config = { retryCount: 1, exitOnError: false };

/** What each map call gets: the claim id of this run (the same for every Shipment of the run). */
interface Input {
  run: string;
  maxAttempts: number;
}

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const { maxAttempts } = readSettings();
  const input: Input = { run: newClaim(`MR:${runtime.getCurrentScript().deploymentId}`), maxAttempts };
  const out: Record<string, Input> = {};
  // Paged (5 units a page of 1,000), so a large backlog is read whole: run().each stops at 4,000.
  const paged = queueCandidatesSearch(maxAttempts).runPaged({ pageSize: 1000 });
  for (const range of paged.pageRanges) {
    for (const row of paged.fetch({ index: range.index }).data) out[String(row.id)] = input;
  }
  log.audit({ title: 'FedEx shipping queue', details: `${Object.keys(out).length} Shipment(s) to look at (run ${input.run})` });
  return out;
};

/** The summary counts results by their first word (WAIT, CREATED, HELD, …). */
const resultKey = (result: string) => result.replace(/ \(.*$/, '');
const ORDER_KEY = 'order:';

export const map: EntryPoints.MapReduce.map = (context) => {
  const { run, maxAttempts } = JSON.parse(context.value) as Input;
  const done = workOnShipment(Number(context.key), run, { maxAttempts, invoiceLater: true });
  context.write({ key: done.order ? `${ORDER_KEY}${done.order.salesOrderId}` : resultKey(done.result), value: JSON.stringify(done) });
};

/** One call per sales order whose labels its invoice is to list (and one per other result, passed on). */
export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const done = context.values.map((v) => JSON.parse(v) as WorkResult);
  if (context.key.startsWith(ORDER_KEY)) {
    const invoiceId = done.map((d) => d.order?.invoiceId).find((id) => id);
    const written = rewriteOrderInvoice({ salesOrderId: context.key.slice(ORDER_KEY.length), ...(invoiceId ? { invoiceId } : {}), shipmentIds: done.map((d) => d.shipmentId) });
    context.write({ key: written.outcome, value: context.key });
  }
  for (const d of done) context.write({ key: resultKey(d.result), value: JSON.stringify(d) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const counts: Record<string, number> = {};
  summary.output.iterator().each((key) => {
    counts[key] = (counts[key] ?? 0) + 1;
    return true;
  });
  const errors: string[] = [];
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  summary.mapSummary.errors.iterator().each((key, error) => {
    errors.push(`shipment ${key}: ${error}`);
    return true;
  });
  summary.reduceSummary.errors.iterator().each((key, error) => {
    errors.push(`${key}: ${error}`);
    return true;
  });
  const busy = Object.entries(counts).filter(([key]) => key !== 'WAIT' && key !== 'NOTHING' && key !== 'HELD');
  if (counts.INVOICE_FAILED) errors.push(`${counts.INVOICE_FAILED} order invoice(s) not written (each has its Audit record; the next run tries again)`);
  if (busy.length === 0 && errors.length === 0) {
    // Nothing was due: no Audit record for an idle run (96 a day per deployment otherwise).
    log.debug({ title: 'FedEx shipping queue: nothing due', details: JSON.stringify(counts) });
    return;
  }
  writeAudit({
    operation: 'SHIP_QUEUE_RUN',
    direction: 'OUTBOUND',
    recordType: 'mapreduce',
    recordId: runtime.getCurrentScript().deploymentId,
    response: { counts, errors, usage: summary.usage, yields: summary.yields },
    outcome: errors.length ? 'FAILURE' : 'SUCCESS',
    ...(errors.length ? { errorCode: 'SHIP_QUEUE_ERRORS', errorMessage: errors.join('\n').slice(0, 3900) } : {}),
    correlationId: correlationId('SHIPQ', 'summary', Date.now(), Math.random()),
  });
  log.audit({ title: 'FedEx connector: shipping queue finished', details: JSON.stringify(counts) });
};
