/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Tracking poll (every 15 minutes by default; the deployment's schedule is the admin's setting).
// getInputData: the shipments whose check plan fell due since the last run, most urgent first, as
// many as the run's cap and the day's Track budget allow (counted in NetSuite), in batches of 30.
// map: one relay call per batch; only shipments with news or a new plan go on. reduce: writes them.
// summarize: counts, the day's Track requests, and a pause when FedEx says its daily quota is used.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type * as search from 'N/search';
import { correlationId } from '../../shared/src/audit';
import type { TrackResponse } from '../../shared/src/contract';
import { RELAY_PATHS } from '../../shared/src/contract';
import { SETTINGS } from '../../shared/src/ids';
import type { TrackDecision } from '../../shared/src/track-decision';
import { decideTracking } from '../../shared/src/track-decision';
import type { TrackPlanSettings } from '../../shared/src/track-plan';
import { epochMinutes, quotaDayOf, quotaResetAfter, runAllowance, takeWithinAllowance, TRACK_PRIORITY } from '../../shared/src/track-plan';
import type { TrackStatus } from '../../shared/src/tracking';
import { chunk, TRACK_BATCH_MAX } from '../../shared/src/tracking';
import { applyTrackDecision, updateInvoiceDelivery } from './lib/apply-status';
import { writeAudit } from './lib/audit';
import { readPollState, writePollState } from './lib/poll-state';
import { postToRelay } from './lib/relay-client';
import { readSettings, trackPlanSettings } from './lib/settings';
import type { TrackedShipment } from './lib/tracked-shipments';
import { dueShipmentsSearch, numberToTrack, toTrackedShipment } from './lib/tracked-shipments';

/** The most one run takes on: 6,667 Track requests, about what two map processors get through in 15 minutes. */
const DEFAULT_MAX_PER_RUN = 200_000;
/** How often the deployment runs (its schedule); routine checks are paced over the quota day with it. */
const RUN_EVERY_MINUTES = 15;

export const config = { retryCount: 2, exitOnError: false };

/** One map call's work: everything it needs rides along, so map reads no settings. */
interface Batch {
  relayUrl: string;
  now: number;
  webhooks: boolean;
  plan: TrackPlanSettings;
  shipments: TrackedShipment[];
}

/** One shipment's news for reduce. */
interface Pending {
  shipment: TrackedShipment;
  decision: TrackDecision;
  now: number;
}

/** Rows of a search, page by page (5 units a page of 1,000), until `accept` says stop. */
function eachRow(s: search.Search, accept: (row: search.Result) => boolean): number {
  const paged = s.runPaged({ pageSize: 1000 });
  for (const range of paged.pageRanges) {
    for (const row of paged.fetch({ index: range.index }).data) if (!accept(row)) return paged.count;
  }
  return paged.count;
}

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const settings = readSettings();
  const nowMs = Date.now();
  const now = epochMinutes(nowMs);
  const state = readPollState();
  if (state.pausedUntil && nowMs < state.pausedUntil) {
    log.audit({ title: 'FedEx tracking poll paused', details: `FedEx's daily Track quota is used up; polling resumes at ${new Date(state.pausedUntil).toISOString()}` });
    return [];
  }
  const day = quotaDayOf(nowMs);
  const used = state.day === day ? state.used : 0;
  const allowance = runAllowance({ dailyBudgetRequests: settings.trackDailyBudget, usedToday: used, runMax: settings.pollMaxPerRun ?? DEFAULT_MAX_PER_RUN, batchSize: TRACK_BATCH_MAX, nowMs, runEveryMinutes: RUN_EVERY_MINUTES });

  // Due shipments, most urgent first (never-planned ones, from before plans existed, as first scans).
  const due: (TrackedShipment & { priority: number })[] = [];
  const limit = allowance.total + 1;
  const dueCount = eachRow(dueShipmentsSearch(state.lastRun, now), (row) => {
    const s = toTrackedShipment(row);
    if (s) due.push({ ...s, priority: s.plan?.priority ?? TRACK_PRIORITY.FIRST_SCAN });
    return due.length < limit;
  });
  const { taken, deferred } = takeWithinAllowance(due, allowance);
  const requests = Math.ceil(taken.length / TRACK_BATCH_MAX);
  // Reserved before the calls are made: a run that dies midway can never let the day overspend.
  const notPolled = deferred.length + Math.max(0, dueCount - due.length);
  writePollState({ ...state, lastRun: now, previousRun: state.lastRun, day, used: used + requests, pausedUntil: 0, lastRunChecks: taken.length, lastRunNotPolled: notPolled });
  log.audit({ title: 'FedEx tracking poll', details: `${taken.length} shipment(s) to check in ${requests} Track request(s); ${notPolled} due but left for later (day's budget ${used + requests}/${settings.trackDailyBudget})` });
  if (notPolled > 0) log.audit({ title: 'FedEx tracking poll: budget', details: `${notPolled} due check(s) wait for a later run: urgent ones first, routine ones paced over FedEx's quota day` });
  const context = { relayUrl: settings.relayUrl ?? '', now, webhooks: settings.webhooksActive, plan: trackPlanSettings(settings) };
  return chunk(
    taken.map(({ priority: _p, ...s }) => s),
    TRACK_BATCH_MAX,
  ).map((shipments): Batch => ({ ...context, shipments }));
};

export const map: EntryPoints.MapReduce.map = (context) => {
  const batch = JSON.parse(context.value) as Batch;
  if (!batch.relayUrl) throw new Error(`The FedEx connector's relay URL is not set (FedEx Connector Settings, field ${SETTINGS.fields.relayUrl})`);
  const answer = postToRelay<TrackResponse>(batch.relayUrl, RELAY_PATHS.track, {
    shipments: batch.shipments.map((s) => ({ trackingNumber: numberToTrack(s), ...(s.shipDate && !s.returnTrackingNumber ? { shipDate: s.shipDate } : {}) })),
  });
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  const failed = answer.body.results.filter((r) => r.status === 'UNKNOWN' && r.error);
  if (failed.length === batch.shipments.length) {
    // FedEx failed the whole batch: an error for the summary (and a retry), not a silent skip.
    throw new Error(`${failed[0]?.error?.code === 'FEDEX_QUOTA_EXCEEDED' ? 'FEDEX_QUOTA_EXCEEDED: ' : ''}FedEx Track failed for ${batch.shipments.length} shipment(s): ${failed[0]?.error?.code ?? ''} ${failed[0]?.error?.message ?? ''}`.trim());
  }
  const byNumber = new Map<string, TrackStatus>(answer.body.results.map((r) => [r.trackingNumber, r]));
  for (const shipment of batch.shipments) {
    const update = byNumber.get(numberToTrack(shipment));
    if (!update || (update.status === 'UNKNOWN' && update.error)) continue; // this number failed: its plan stays due
    const decision = decideTracking(shipment, update, batch.now, batch.plan, batch.webhooks);
    if (decision.write === 'none') continue; // nothing new: no write at all
    // One reduce per order: its shipments' news, then its invoice once (parallel reduce jobs writing
    // one invoice would collide).
    const key = shipment.salesOrderId ? `order-${shipment.salesOrderId}` : `shipment-${shipment.id}`;
    context.write({ key, value: JSON.stringify({ shipment, decision, now: batch.now } satisfies Pending) });
  }
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const corr = correlationId('POLL', context.key, Date.now(), Math.random());
  let invoiceOf: { salesOrderId: string; invoiceId?: string } | undefined;
  let financeChanged = false;
  for (const value of context.values) {
    const { shipment, decision, now } = JSON.parse(value) as Pending;
    const applied = applyTrackDecision(shipment, decision, { source: 'poll', correlationId: corr, now, updateInvoice: false });
    financeChanged = financeChanged || applied.financeChanged;
    if (shipment.salesOrderId) invoiceOf = { salesOrderId: shipment.salesOrderId, ...(shipment.invoiceId ? { invoiceId: shipment.invoiceId } : {}) };
    context.write({ key: applied.outcome, value: shipment.trackingNumber });
  }
  // A retry finds the statuses already applied ('unchanged') while the invoice update that failed the
  // first run may still be owed: on a retry, update it anyway.
  const retry = context.isRestarted || context.executionNo > 1;
  if (invoiceOf && (financeChanged || retry)) updateInvoiceDelivery(invoiceOf.salesOrderId, invoiceOf.invoiceId);
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const errors: string[] = [];
  let quotaExceeded = false;
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  const failed = new Set<string>();
  summary.mapSummary.errors.iterator().each((key, error) => {
    if (String(error).includes('FEDEX_QUOTA_EXCEEDED')) quotaExceeded = true;
    failed.add(key);
    errors.push(`batch ${key}: ${error}`);
    return true;
  });
  summary.reduceSummary.errors.iterator().each((key, error) => {
    errors.push(`shipment ${key}: ${error}`);
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
  const state = readPollState();
  let pausedUntil: number | undefined;
  if (quotaExceeded) {
    // FedEx refuses Track until its quota day ends: stop asking, and say so.
    pausedUntil = quotaResetAfter(Date.now());
    // The refused batches' checks come back after the pause (the run's window is handed on).
    writePollState({ ...state, pausedUntil, lastRun: state.previousRun ?? 0 });
    errors.push(`FedEx's daily Track quota is used up: the poll pauses until ${new Date(pausedUntil).toISOString()}`);
  } else if (failed.size > 0) {
    // A failed batch's checks must not wait for their next planned check: the next run looks again at
    // everything that fell due since the run before this one (successes too: one extra check each).
    // The failed batches' requests are given back to the day's budget.
    writePollState({ ...state, lastRun: state.previousRun ?? 0, used: Math.max(0, state.used - failed.size) });
  }
  const budget = { trackRequestsToday: state.used, quotaDay: state.day, checked: state.lastRunChecks ?? 0, dueButNotPolled: state.lastRunNotPolled ?? 0 };
  const counts = { ...budget, batches, applied: outcomes.applied ?? 0, replanned: outcomes.replanned ?? 0, unchanged: outcomes.unchanged ?? 0, stale: outcomes.stale ?? 0, errors: errors.length, yields: summary.yields, usage: summary.usage, seconds: summary.seconds };
  writeAudit({
    operation: 'TRACKING_POLL',
    direction: 'INBOUND',
    recordType: 'mapreduce',
    recordId: runtime.getCurrentScript().deploymentId,
    response: { counts, errors, ...(pausedUntil ? { pausedUntil: new Date(pausedUntil).toISOString() } : {}) },
    outcome: errors.length ? 'FAILURE' : 'SUCCESS',
    ...(errors.length ? { errorCode: quotaExceeded ? 'FEDEX_QUOTA_EXCEEDED' : 'POLL_ERRORS', errorMessage: errors.join('\n').slice(0, 3900) } : {}),
    correlationId: correlationId('POLL', 'summary', Date.now(), Math.random()),
  });
  log.audit({ title: 'FedEx tracking poll finished', details: JSON.stringify(counts) });
  for (const e of errors) log.error({ title: 'FedEx tracking poll error', details: e });
};
