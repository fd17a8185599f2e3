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
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { correlationId } from '../../shared/src/audit';
import { writeAudit } from './lib/audit';
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

export const map: EntryPoints.MapReduce.map = (context) => {
  const { run, maxAttempts } = JSON.parse(context.value) as Input;
  const done = workOnShipment(Number(context.key), run, { maxAttempts });
  context.write({ key: done.result.replace(/ \(.*$/, ''), value: JSON.stringify(done) });
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
  const busy = Object.entries(counts).filter(([key]) => key !== 'WAIT' && key !== 'NOTHING' && key !== 'HELD');
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
