/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Shipping queue: creates the FedEx shipments of fulfillments saved in bulk (queued by the user
// event), and retries shipments that failed for a passing reason (relay or FedEx unavailable, rate
// limited, outcome unknown) up to the configured number of attempts. One fulfillment per map call,
// so NetSuite runs several in parallel; each goes through the same flow as the user event, which
// never buys a second label (idempotency key, reconciliation on attempt > 1).
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import { correlationId } from '../../shared/src/audit';
import { RETRYABLE_CODES } from '../../shared/src/errors';
import { SHIPMENT } from '../../shared/src/ids';
import { writeAudit } from './lib/audit';
import { readSettings } from './lib/settings';
import { shipFulfillment } from './lib/ship-fulfillment';

const F = SHIPMENT.fields;

export const config = { retryCount: 1, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const { maxAttempts } = readSettings();
  const retryable: unknown[] = [];
  RETRYABLE_CODES.forEach((code, i) => {
    if (i > 0) retryable.push('or');
    retryable.push([F.errorCode, 'is', code]);
  });
  return search.create({
    type: SHIPMENT.type,
    filters: [
      ['isinactive', 'is', 'F'],
      'and',
      [
        [F.status, 'is', 'QUEUED'],
        'or',
        [[F.status, 'is', 'FAILED'], 'and', retryable, 'and', [F.attempts, 'lessthan', maxAttempts]],
        // Shipped inline (a person was waiting): the tracking numbers still go on the fulfillment's packages.
        'or',
        [[F.status, 'is', 'CREATED'], 'and', [F.fulfillmentPending, 'is', 'T']],
      ],
    ],
    columns: [F.fulfillment, F.status, F.attempts],
  });
};

export const map: EntryPoints.MapReduce.map = (context) => {
  const row = JSON.parse(context.value) as { id: string; values: Record<string, unknown> };
  const ref = row.values[F.fulfillment] as { value?: string } | { value?: string }[] | string | undefined;
  const fulfillmentId = Array.isArray(ref) ? ref[0]?.value : typeof ref === 'object' ? ref?.value : ref;
  if (!fulfillmentId) throw new Error(`Shipment record ${row.id} has no fulfillment`);
  const fulfillment = record.load({ type: record.Type.ITEM_FULFILLMENT, id: fulfillmentId });
  // Runs the shipping flow (no one waits: the packages' tracking numbers are saved on this loaded
  // record); a failure is recorded on the Shipment record as always.
  shipFulfillment(fulfillment, { writable: true });
  const after = search.lookupFields({ type: SHIPMENT.type, id: row.id, columns: [F.status, F.errorCode] });
  context.write({ key: String(after[F.status] ?? ''), value: JSON.stringify({ shipment: row.id, fulfillment: fulfillmentId, errorCode: after[F.errorCode] ?? '' }) });
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
  log.audit({ title: 'FedEx shipping queue finished', details: JSON.stringify(counts) });
};
