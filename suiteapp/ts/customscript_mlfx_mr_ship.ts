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
// It also sweeps for FedEx fulfillments marked Shipped where no user event saw it (another script's
// user event, a CSV import without server scripts): one more search per run (lib/fulfillment-sweep.ts),
// each found fulfillment shipped through the same gate.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { correlationId } from '../../shared/src/audit';
import { sweepWindow } from '../../shared/src/sweep';
import { writeAudit } from './lib/audit';
import type { SweepResult } from './lib/fulfillment-sweep';
import { readSweepSince, sweepFulfillment, unseenFulfillmentsSearch } from './lib/fulfillment-sweep';
import { rewriteOrderInvoice } from './lib/order-invoice';
import type { WorkResult } from './lib/queue-work';
import { queueCandidatesSearch, workOnShipment } from './lib/queue-work';
import { readConfig } from './lib/settings';
import { newClaim } from './lib/shipment-state';

export const config = { retryCount: 1, exitOnError: false };

/** What each map call gets: the claim id of this run (the same for every Shipment of the run). */
interface Input {
  run: string;
  maxAttempts: number;
  sweepDays: number;
  /** A fulfillment the sweep found (key `fulfillment:<id>`). */
  fulfillmentId?: string;
  /** The sweep's search failed: said in the run's summary, the queue itself goes on. */
  sweepError?: string;
}

/** Each Shipment once, then each fulfillment the sweep found; paged (5 units a page of 1,000): run().each stops at 4,000. */
function eachRow(s: { runPaged(o: { pageSize: number }): { pageRanges: { index: number }[]; fetch(o: { index: number }): { data: { id: string | number }[] } } }, add: (id: string) => void): void {
  const paged = s.runPaged({ pageSize: 1000 });
  for (const range of paged.pageRanges) for (const row of paged.fetch({ index: range.index }).data) add(String(row.id));
}

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const config = readConfig();
  const { maxAttempts, sweepDays } = config.settings;
  const input: Input = { run: newClaim(`MR:${runtime.getCurrentScript().deploymentId}`), maxAttempts, sweepDays };
  const out: Record<string, Input> = {};
  eachRow(queueCandidatesSearch(maxAttempts), (id) => (out[id] = input));
  const shipments = Object.keys(out).length;
  let swept = 0;
  let sweep = 'off';
  try {
    const window = sweepWindow(Date.now(), readSweepSince(), sweepDays);
    if (window) {
      sweep = `fulfillments changed in the last ${window.modifiedDaysAgo} day(s)`;
      eachRow(unseenFulfillmentsSearch(config, window), (id) => {
        out[`fulfillment:${id}`] = { ...input, fulfillmentId: id };
        swept++;
      });
    }
  } catch (e) {
    // The sweep must never stop the queue: its failure goes to the run's summary.
    const err = e as { name?: string; message?: string };
    out['sweep-error'] = { ...input, sweepError: `${err.name ?? 'Error'}: ${err.message ?? String(e)}` };
  }
  log.audit({ title: 'FedEx shipping queue', details: `${shipments} Shipment(s) to look at; sweep (${sweep}): ${swept} fulfillment(s) no user event saw (run ${input.run})` });
  return out;
};

/** The summary counts results by their first word (WAIT, CREATED, HELD, …). */
const resultKey = (result: string) => result.replace(/ \(.*$/, '');
const ORDER_KEY = 'order:';

/** A map call's result: a Shipment's turn, or a fulfillment the sweep found. */
type Done = WorkResult | (SweepResult & { work: 'sweep' });

export const map: EntryPoints.MapReduce.map = (context) => {
  const { run, maxAttempts, sweepDays, fulfillmentId, sweepError } = JSON.parse(context.value) as Input;
  if (sweepError !== undefined) {
    context.write({ key: 'SWEEP_FAILED', value: JSON.stringify({ work: 'sweep', result: 'SWEEP_FAILED', error: sweepError }) });
    return;
  }
  const done: Done = fulfillmentId !== undefined ? { ...sweepFulfillment(fulfillmentId, run, sweepDays, true), work: 'sweep' } : workOnShipment(Number(context.key), run, { maxAttempts, invoiceLater: true });
  context.write({ key: done.order ? `${ORDER_KEY}${done.order.salesOrderId}` : resultKey(done.result), value: JSON.stringify(done) });
};

/** One call per sales order whose labels its invoice is to list (and one per other result, passed on). */
export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const done = context.values.map((v) => JSON.parse(v) as Done);
  if (context.key.startsWith(ORDER_KEY)) {
    const invoiceId = done.map((d) => d.order?.invoiceId).find((id) => id);
    const shipmentIds = done.map((d) => d.shipmentId).filter((id): id is number => id !== undefined);
    const written = rewriteOrderInvoice({ salesOrderId: context.key.slice(ORDER_KEY.length), ...(invoiceId ? { invoiceId } : {}), shipmentIds });
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
    errors.push(`${/^\d+$/.test(key) ? 'shipment ' : ''}${key}: ${error}`);
    return true;
  });
  summary.reduceSummary.errors.iterator().each((key, error) => {
    errors.push(`${key}: ${error}`);
    return true;
  });
  const busy = Object.entries(counts).filter(([key]) => !['WAIT', 'NOTHING', 'HELD', 'SWEEP_SKIPPED'].includes(key));
  summary.output.iterator().each((key, value) => {
    if (key === 'SWEEP_FAILED') errors.push(`sweep for fulfillments no user event saw: ${(JSON.parse(value) as { error?: string }).error ?? ''}`);
    return true;
  });
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
