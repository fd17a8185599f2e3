/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Tracking poll (scheduled hourly by default; the deployment's schedule is the admin's setting).
// getInputData: the shipments still moving, in batches of 30 (FedEx's Track maximum), continuing
// from the last run's cursor up to the per-run budget. map: one relay call per batch; only changed
// shipments go on, keyed by their ORDER. reduce: applies the new statuses of one order's shipments,
// then updates that order's invoice once (idempotent: a re-run writes nothing). Keying by order
// matters: reduce jobs run in parallel (the deployment's concurrency limit), and two jobs writing
// one invoice at once would collide (RCRD_HAS_BEEN_CHANGED) or leave it with a stale summary.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { correlationId } from '../../shared/src/audit';
import type { TrackResponse } from '../../shared/src/contract';
import { RELAY_PATHS } from '../../shared/src/contract';
import { trackSignature } from '../../shared/src/delivery';
import { SETTINGS } from '../../shared/src/ids';
import type { TrackStatus } from '../../shared/src/tracking';
import { chunk, TRACK_BATCH_MAX } from '../../shared/src/tracking';
import { applyStatusUpdate, updateInvoiceDelivery } from './lib/apply-status';
import { writeAudit } from './lib/audit';
import { readCursor, writeCursor } from './lib/poll-state';
import { readSettings } from './lib/settings';
import { postToRelay } from './lib/relay-client';
import type { TrackedShipment } from './lib/tracked-shipments';
import { openShipmentsSearch, toTrackedShipment } from './lib/tracked-shipments';

/** FedEx's default Track quota (100,000 a day) spread over 24 hourly runs, 30 numbers a request, with 10 % spare. */
const DEFAULT_MAX_PER_RUN = Math.floor((100_000 * 0.9) / 24) * TRACK_BATCH_MAX;

export const config = { retryCount: 2, exitOnError: false };

function collect(afterId: number, max: number, out: TrackedShipment[], upToId?: number): void {
  const paged = openShipmentsSearch(afterId, upToId).runPaged({ pageSize: 1000 });
  for (const range of paged.pageRanges) {
    for (const row of paged.fetch({ index: range.index }).data) {
      if (out.length >= max) return;
      const s = toTrackedShipment(row);
      if (s) out.push(s);
    }
  }
}

/** One map call's work; the relay URL rides along so map does not read the settings once per batch. */
interface Batch {
  relayUrl: string;
  shipments: TrackedShipment[];
}

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const settings = readSettings();
  const max = settings.pollMaxPerRun ?? DEFAULT_MAX_PER_RUN;
  const cursor = readCursor();
  const shipments: TrackedShipment[] = [];
  collect(cursor, max, shipments);
  if (shipments.length < max && cursor > 0) collect(0, max, shipments, cursor); // wrap around
  const last = shipments.length < max ? 0 : (shipments[shipments.length - 1] as TrackedShipment).id;
  writeCursor(last);
  log.audit({ title: 'FedEx tracking poll', details: `${shipments.length} shipment(s) to check from cursor ${cursor}; next run starts after ${last}` });
  return chunk(shipments, TRACK_BATCH_MAX).map((batch): Batch => ({ relayUrl: settings.relayUrl ?? '', shipments: batch }));
};

export const map: EntryPoints.MapReduce.map = (context) => {
  const { relayUrl, shipments: batch } = JSON.parse(context.value) as Batch;
  if (!relayUrl) throw new Error(`The FedEx connector's relay URL is not set (FedEx Connector Settings, field ${SETTINGS.fields.relayUrl})`);
  const answer = postToRelay<TrackResponse>(relayUrl, RELAY_PATHS.track, {
    shipments: batch.map((s) => ({ trackingNumber: s.trackingNumber, ...(s.shipDate ? { shipDate: s.shipDate } : {}) })),
  });
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  const failed = answer.body.results.filter((r) => r.status === 'UNKNOWN' && r.error);
  if (failed.length === batch.length) {
    // FedEx failed the whole batch: an error for the summary (and a retry), not a silent skip.
    throw new Error(`FedEx Track failed for ${batch.length} shipment(s): ${failed[0]?.error?.code ?? ''} ${failed[0]?.error?.message ?? ''}`.trim());
  }
  const byNumber = new Map<string, TrackStatus>(answer.body.results.map((r) => [r.trackingNumber, r]));
  for (const shipment of batch) {
    const update = byNumber.get(shipment.trackingNumber);
    if (!update || !update.found) continue;
    if (trackSignature(update) === shipment.signature) continue; // nothing new: no write at all
    const key = shipment.salesOrderId ? `order-${shipment.salesOrderId}` : `shipment-${shipment.id}`;
    context.write({ key, value: JSON.stringify({ shipment, update }) });
  }
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const corr = correlationId('POLL', context.key, Date.now(), Math.random());
  let invoiceOf: { salesOrderId: string; invoiceId?: string } | undefined;
  for (const value of context.values) {
    const { shipment, update } = JSON.parse(value) as { shipment: TrackedShipment; update: TrackStatus };
    const outcome = applyStatusUpdate(shipment, update, 'poll', corr, { updateInvoice: false });
    // Whatever the outcome: on a retry the statuses are already applied ('unchanged') while the
    // invoice update that failed the first run still has to happen.
    if (shipment.salesOrderId) invoiceOf = { salesOrderId: shipment.salesOrderId, ...(shipment.invoiceId ? { invoiceId: shipment.invoiceId } : {}) };
    context.write({ key: outcome, value: shipment.trackingNumber });
  }
  if (invoiceOf) updateInvoiceDelivery(invoiceOf.salesOrderId, invoiceOf.invoiceId);
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const errors: string[] = [];
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  summary.mapSummary.errors.iterator().each((key, error) => {
    errors.push(`batch ${key}: ${error}`);
    return true;
  });
  summary.reduceSummary.errors.iterator().each((key, error) => {
    errors.push(`${key}: ${error}`);
    return true;
  });
  let batches = 0;
  summary.mapSummary.keys.iterator().each(() => {
    batches++;
    return true;
  });
  const outcomes: Record<string, number> = {};
  summary.output.iterator().each((key) => {
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    return true;
  });
  const counts = { batches, applied: outcomes.applied ?? 0, unchanged: outcomes.unchanged ?? 0, stale: outcomes.stale ?? 0, errors: errors.length, yields: summary.yields, usage: summary.usage, seconds: summary.seconds };
  writeAudit({
    operation: 'TRACKING_POLL',
    direction: 'INBOUND',
    recordType: 'mapreduce',
    recordId: runtime.getCurrentScript().deploymentId,
    response: { counts, errors },
    outcome: errors.length ? 'FAILURE' : 'SUCCESS',
    ...(errors.length ? { errorCode: 'POLL_ERRORS', errorMessage: errors.join('\n').slice(0, 3900) } : {}),
    correlationId: correlationId('POLL', 'summary', Date.now(), Math.random()),
  });
  log.audit({ title: 'FedEx tracking poll finished', details: JSON.stringify(counts) });
  for (const e of errors) log.error({ title: 'FedEx tracking poll error', details: e });
};
