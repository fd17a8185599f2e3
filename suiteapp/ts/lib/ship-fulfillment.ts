// The core flow for one shipped fulfillment: read NetSuite's data, create the FedEx shipment through
// the relay (at most once), and write the result back. No failure escapes to the user's save: it
// ends as a FAILED Shipment record with its reason. Each invocation leaves ONE Audit record with its
// steps (what a person needs to follow the shipment), and spends as few units as the job allows:
// a person at the dock waits for the label (stored now); the tracking numbers on the fulfillment's
// packages are written by the shipping queue when a person is waiting (`inline`). Every label of a
// sales order leaves its Shipment "Tracking Not Yet on Invoice" until the shipping queue has
// rewritten the order's invoice from the order's Shipment records (lib/order-invoice.ts), so a
// number an inline append lost to a concurrent write is put back within one queue run.
import * as log from 'N/log';
import type * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import { correlationId } from '../../../shared/src/audit';
import type { CreateShipmentRequest, CreateShipmentResponse } from '../../../shared/src/contract';
import { RELAY_PATHS } from '../../../shared/src/contract';
import type { ErrorCode } from '../../../shared/src/errors';
import type { BuildResult } from '../../../shared/src/fulfillment';
import { buildCreateShipmentRequest, idempotencyKeyFor } from '../../../shared/src/fulfillment';
import { CONFIG_CACHE, SCRIPTS, SHIPMENT } from '../../../shared/src/ids';
import { AuditTrail, writeAudit } from './audit';
import { postToRelay } from './relay-client';
import type { ShipGate } from './ship-gate';
import { shipGate } from './ship-gate';
import { CLAIM_RELEASED, pendingValues, recordCreateFailure, recordInterruptedAttempt } from './shipment-state';
import { storeShipmentDocuments } from './shipment-documents';
import { newLabelPlanValues } from './track-plan-fields';
import type { ConnectorConfig } from './settings';
import { configCache, missingSettings, readConfig } from './settings';
import type { ShipmentRow, ShipmentStatus } from './shipments';
import { createShipment, findShipmentForFulfillment, updateShipment } from './shipments';
import { shipMethodRule, readSnapshot, todayIso } from './snapshot';
import type { FulfillmentSource } from './source';
import { readSource } from './source';
import { addToInvoiceTracking, storeLabels, writeFulfillmentTracking } from './write-back';

const F = SHIPMENT.fields;
const TYPE = 'itemfulfillment';
/** NetSuite's "Integrated Shipping Label" box: the account's own carrier integration prints the label. */
const NATIVE_LABEL_FIELD = 'generateintegratedshipperlabel';

type Values = Record<string, string | number | boolean | Date>;

function message(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
}

function dateOf(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y as number, (m as number) - 1, d as number);
}

const str = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
};

export interface ShipOptions {
  /** The save is part of a bulk operation (CSV import, mass update, a script): queue if the settings say so. */
  bulk?: boolean;
  /** The fulfillment was created by this very save, so it cannot have a Shipment record yet (no search). */
  created?: boolean;
  /** The fulfillment's Shipment record, when the caller has already read it (no search). */
  existing?: ShipmentRow;
  /** A person waits on this save: the tracking numbers on the fulfillment's packages are left to the shipping queue. */
  inline?: boolean;
  /** The caller loaded `rec` (it is not a user event's read-only record): package tracking is saved on it, not reloaded. */
  writable?: boolean;
  /** The claim the caller holds on the fulfillment's Shipment (shipping queue, Replay action). */
  claim?: string;
  /**
   * The caller writes the order's invoice afterwards, once for all the order's shipments it made
   * (the shipping queue's reduce stage: its parallel map calls would collide on one invoice).
   */
  invoiceLater?: boolean;
  /** Found by the shipping queue's sweep: no user event saw this fulfillment marked Shipped (said in its Audit record). */
  sweep?: boolean;
}

export interface ShipResult {
  shipmentId?: number;
  /** HELD: not sent now (another script holds the Shipment, or it is the shipping queue's to finish). */
  status: ShipmentStatus | 'NOT_FEDEX' | 'ALREADY_SHIPPED' | 'HELD';
  errorCode?: string;
  /** A label of this sales order was bought: its invoice (when known) is to list it. */
  order?: OrderInvoice;
}

/** A sales order whose invoice is to list a new label, and that invoice when the order names it. */
export interface OrderInvoice {
  salesOrderId: string;
  invoiceId?: string;
}

/** Starts the shipping Map/Reduce, once per few minutes of bulk saves; a running or scheduled run takes the rest. */
function startShipQueue(trail: AuditTrail): void {
  const flags = configCache();
  if (flags.get({ key: CONFIG_CACHE.shipQueueStartedKey }) !== null) {
    trail.step('START_QUEUE', 'SKIPPED', { reason: 'started by an earlier save of this bulk operation' });
    return;
  }
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.onDemandDeploymentId }).submit();
    trail.step('START_QUEUE', 'SUCCESS');
  } catch (e) {
    trail.step('START_QUEUE', 'SKIPPED', { reason: 'already running' }, undefined, message(e));
  }
  flags.put({ key: CONFIG_CACHE.shipQueueStartedKey, value: String(Date.now()), ttl: CONFIG_CACHE.shipQueueStartedTtlSeconds });
}

/** Creates the Shipment record in `status` (under the key the ship gate chose), or moves the existing one there. */
function saveShipment(existing: ShipmentRow | undefined, identity: Identity, status: ShipmentStatus, values: Values): number {
  if (existing) {
    updateShipment(existing.id, { [F.status]: status, ...values });
    return existing.id;
  }
  return createShipment({ ...identity, status, values });
}

interface Identity {
  name: string;
  fulfillmentId: string;
  idempotencyKey: string;
}

export function shipFulfillment(rec: record.Record, options: ShipOptions = {}): ShipResult {
  const fulfillmentId = String(rec.id);
  const corr = correlationId('IF', fulfillmentId, Date.now(), Math.random());
  const config = readConfig();
  const shipMethodId = str(rec.getValue({ fieldId: 'shipmethod' }));
  const rule = shipMethodRule(shipMethodId, config.serviceMap);
  if (rule.kind === 'not-fedex') {
    log.debug({ title: 'FedEx connector: not a FedEx shipment', details: `Fulfillment ${fulfillmentId}: ship method ${str(rec.getText({ fieldId: 'shipmethod' })) ?? shipMethodId ?? '(none)'} is not FedEx; nothing to do` });
    return { status: 'NOT_FEDEX' };
  }

  const found = options.existing ?? (options.created ? undefined : findShipmentForFulfillment(fulfillmentId));
  // Which Shipment record, key and request (lib/ship-gate.ts): no second label, no two senders.
  const gate = shipGate(found, fulfillmentId, idempotencyKeyFor(runtime.accountId, fulfillmentId), options);
  if (!gate.go) {
    log.audit({ title: 'FedEx connector: not shipped now', details: gate.reason ?? '' });
    return { ...(found ? { shipmentId: found.id } : {}), status: found?.status === 'CREATED' || found?.status === 'VOID_REFUSED' ? 'ALREADY_SHIPPED' : 'HELD' };
  }
  const existing = gate.shipment;
  const identity: Identity = { name: `FedEx ${str(rec.getValue({ fieldId: 'tranid' })) ?? fulfillmentId}`, fulfillmentId, idempotencyKey: gate.key };

  // (Not while an earlier create's outcome is unknown: that one is resolved first.)
  const nativeLabel = rec.getValue({ fieldId: NATIVE_LABEL_FIELD });
  if (!gate.replay && (nativeLabel === true || nativeLabel === 'T')) return standBack(existing, identity, corr);

  if (options.bulk && config.settings.queueBulk) {
    // Bulk saves must not wait on FedEx record by record: the shipping Map/Reduce takes them, in parallel.
    const trail = new AuditTrail({ operation: 'QUEUE_SHIPMENT', direction: 'INTERNAL', recordType: TYPE, recordId: fulfillmentId, correlationId: corr });
    trail.shipmentId = saveShipment(existing, identity, 'QUEUED', { ...CLAIM_RELEASED });
    trail.step('SHIPMENT', 'SUCCESS', { status: 'QUEUED', shipment: trail.shipmentId, created: !existing });
    startShipQueue(trail);
    trail.write('SUCCESS');
    return { shipmentId: trail.shipmentId, status: 'QUEUED' };
  }
  return ship(rec, options, { config, rule, existing, identity, corr, gate });
}

/** NetSuite's own FedEx integration prints this fulfillment's label: the connector buys no second one, and says why. */
function standBack(existing: ShipmentRow | undefined, identity: Identity, corr: string): ShipResult {
  const reason = `Integrated Shipping Label (${NATIVE_LABEL_FIELD}) is checked on this fulfillment: NetSuite's own carrier integration prints its label, so the FedEx connector bought none. To ship it through the connector instead, clear the box and mark the fulfillment Shipped again.`;
  const shipmentId = saveShipment(existing, identity, 'SKIPPED', { [F.errorCode]: '', [F.lastError]: reason, ...CLAIM_RELEASED });
  writeAudit({ operation: 'SKIP', direction: 'INTERNAL', recordType: TYPE, recordId: identity.fulfillmentId, shipmentId, outcome: 'SKIPPED', response: { reason }, correlationId: corr });
  log.audit({ title: 'FedEx connector: native label, no connector label', details: `Fulfillment ${identity.fulfillmentId}: ${reason}` });
  return { shipmentId, status: 'SKIPPED' };
}

interface ShipContext {
  config: ConnectorConfig;
  rule: ReturnType<typeof shipMethodRule>;
  existing: ShipmentRow | undefined;
  identity: Identity;
  corr: string;
  gate: ShipGate;
}

function unsupportedSource(fulfillmentId: string, source: FulfillmentSource): { code: ErrorCode; text: string } {
  return {
    code: 'UNSUPPORTED_FULFILLMENT',
    text: `Fulfillment ${fulfillmentId} was created from a ${source.typeName}${source.tranId ? ` (${source.tranId})` : ''} (internal id ${source.id}): the FedEx connector ships fulfillments of sales orders and transfer orders only. Ship this one another way (or with NetSuite's own carrier integration).`,
  };
}

/** How far a shipping attempt got, for the guard that records an unexpected error. */
interface Progress {
  attempt: number;
  /** The create left for the relay: from then on FedEx may hold a label until an answer says otherwise. */
  sent: boolean;
  /** FedEx sold the label: from then on the Shipment stays CREATED whatever fails. */
  bought: boolean;
}

/**
 * Ships, and turns any unexpected error into a Shipment the queue finishes (INTERNAL: UNKNOWN once
 * the create was sent, else retried up to Max Attempts) and the invocation's Audit record, never a
 * bare exception in the script log.
 */
function ship(rec: record.Record, options: ShipOptions, ctx: ShipContext): ShipResult {
  const trail = new AuditTrail({ operation: 'CREATE_SHIPMENT', direction: 'OUTBOUND', recordType: TYPE, recordId: ctx.identity.fulfillmentId, correlationId: ctx.corr });
  const progress: Progress = { attempt: (ctx.existing?.attempts ?? 0) + 1, sent: false, bought: false };
  trail.attempt = progress.attempt;
  if (options.sweep) trail.step('FOUND_BY_SWEEP', 'SUCCESS', { reason: 'marked Shipped where no user event saw it (another script\'s user event, or a CSV import without server scripts): found by the shipping queue' });
  try {
    return shipSteps(rec, options, ctx, trail, progress);
  } catch (e) {
    const when = progress.bought ? 'after FedEx created the shipment (it stays CREATED)' : progress.sent ? 'after the create was sent' : 'before anything was sent';
    const text = `Unexpected error ${when}: ${message(e)}`;
    trail.step('ERROR', 'FAILURE', undefined, undefined, text);
    let shipmentId = trail.shipmentId;
    let status: ShipmentStatus = 'CREATED';
    try {
      if (!progress.bought) {
        shipmentId ??= saveShipment(ctx.existing, ctx.identity, 'PENDING', { [F.attempts]: progress.attempt });
        trail.shipmentId = shipmentId;
        status = recordInterruptedAttempt(shipmentId, { sent: progress.sent, attempt: progress.attempt, maxAttempts: ctx.config.settings.maxAttempts, text });
      }
    } catch (recordError) {
      trail.step('SHIPMENT', 'FAILURE', undefined, undefined, message(recordError));
    }
    trail.write(progress.bought ? 'SUCCESS' : 'FAILURE', { code: 'INTERNAL', message: text });
    log.error({ title: `FedEx connector: fulfillment ${ctx.identity.fulfillmentId}: unexpected error`, details: text });
    return { ...(shipmentId !== undefined ? { shipmentId } : {}), status, errorCode: 'INTERNAL' };
  }
}

function shipSteps(rec: record.Record, options: ShipOptions, ctx: ShipContext, trail: AuditTrail, progress: Progress): ShipResult {
  const { config, rule, existing, identity, gate } = ctx;
  const fulfillmentId = identity.fulfillmentId;
  const settings = config.settings;
  const attempt = progress.attempt;

  let started = Date.now();
  const createdFrom = str(rec.getValue({ fieldId: 'createdfrom' }));
  const source = createdFrom ? readSource(createdFrom) : undefined;
  const links: Values = {};
  if (source?.kind === 'salesorder') links[F.salesOrder] = source.id;
  const customerId = source?.kind === 'salesorder' ? str(rec.getValue({ fieldId: 'entity' })) : undefined;
  if (customerId) links[F.customer] = customerId;

  let build: BuildResult;
  if (source?.kind === 'unsupported') {
    const refused = unsupportedSource(fulfillmentId, source);
    build = { kind: 'failed', code: refused.code, message: refused.text, problems: [] };
  } else if (source?.kind === 'transferorder' && !str(rec.getValue({ fieldId: 'transferlocation' }))) {
    const text = `Fulfillment ${fulfillmentId} of transfer order ${source.tranId ?? source.id} has no To Location (transferlocation): the connector ships a transfer to that location's address`;
    build = { kind: 'failed', code: 'INVALID_SHIPMENT_DATA', message: text, problems: [{ path: 'recipient.address', message: text }] };
  } else {
    const snapshot = readSnapshot(rec, runtime.accountId, rule, source);
    const missing = missingSettings(settings);
    build = missing.length
      ? { kind: 'failed', code: 'CONFIGURATION', message: `The FedEx connector is not configured: set ${missing.join(' and ')}`, problems: [] }
      : buildCreateShipmentRequest(snapshot, rule, {
          ...(settings.globalFedexAccount ? { globalFedexAccount: settings.globalFedexAccount } : {}),
          labelImageType: settings.labelImageType,
          labelStockType: settings.labelStockType,
          pickupType: 'USE_SCHEDULED_PICKUP',
          weightUnits: 'LB',
          today: todayIso(),
          dutiesPayment: settings.dutiesPayment,
          electronicTradeDocuments: settings.electronicTradeDocuments,
        });
  }
  trail.step('READ', build.kind === 'ready' ? 'SUCCESS' : 'FAILURE', { source: source ? `${source.typeCode} ${source.id}` : 'none', packages: build.kind === 'ready' ? build.request.packages.length : undefined }, started);

  // (An earlier create whose outcome is unknown is resent as it was, whatever the data says now.)
  if (build.kind !== 'ready' && !gate.replay) {
    const code = build.kind === 'failed' ? build.code : 'CONFIGURATION';
    const text = build.kind === 'failed' ? build.message : build.reason;
    trail.shipmentId = saveShipment(existing, identity, 'FAILED', { ...links, [F.errorCode]: code, [F.lastError]: text.slice(0, 3900), ...CLAIM_RELEASED });
    if (build.kind === 'failed' && build.problems.length) trail.request = { problems: build.problems };
    trail.write('FAILURE', { code, message: text });
    log.error({ title: `FedEx connector: fulfillment ${fulfillmentId} not shipped (${code})`, details: text });
    return { shipmentId: trail.shipmentId, status: 'FAILED', errorCode: code };
  }

  // A create whose outcome is unknown is resent exactly as first sent; the key is the Shipment's.
  const built = gate.replay ?? (build as Extract<BuildResult, { kind: 'ready' }>).request;
  const request: CreateShipmentRequest = { firstAttemptAt: gate.firstAttemptAt, ...built, idempotencyKey: gate.key, attempt };
  trail.request = request;
  // Recorded before the call (with the request itself): if this script dies mid-call, the shipping
  // queue finds the Shipment PENDING past its claim's lease and reconciles it.
  const shipmentId = saveShipment(existing, identity, 'PENDING', {
    ...links,
    ...pendingValues(request, gate.claim),
    [F.serviceType]: request.serviceType,
    [F.accountNumber]: request.accountNumber ?? '',
    ...(existing ? { [F.errorCode]: '', [F.lastError]: '' } : {}),
  });
  trail.shipmentId = shipmentId;

  started = Date.now();
  progress.sent = true;
  const answer = postToRelay<CreateShipmentResponse>(settings.relayUrl as string, RELAY_PATHS.createShipment, request);
  if (!answer.ok) {
    const err = answer.error;
    // FAILED only on a definite answer; UNKNOWN (maybe a label) and RETRYING go back to the shipping queue.
    const recorded = recordCreateFailure(shipmentId, answer, attempt, settings.maxAttempts);
    const text = recorded.text;
    trail.step('RELAY', 'FAILURE', { status: answer.status, code: err.code, retryable: err.retryable, shipment: recorded.status, ...(err.fedexTransactionId ? { fedexTransactionId: err.fedexTransactionId } : {}) }, started, text);
    trail.response = { status: answer.status, error: err };
    trail.write('FAILURE', { code: err.code, message: text });
    log.error({ title: `FedEx connector: fulfillment ${fulfillmentId} not shipped (${err.code})`, details: text });
    return { shipmentId, status: recorded.status, errorCode: err.code };
  }

  const shipped = answer.body;
  progress.bought = true;
  trail.step('RELAY', shipped.replayed ? 'REPLAYED' : 'SUCCESS', { status: answer.status, masterTrackingNumber: shipped.masterTrackingNumber, packages: shipped.trackingNumbers.length, fedexTransactionId: shipped.fedexTransactionId }, started);
  trail.response = shipped;

  // The label is bought: from here on every failure is recorded but the shipment stays CREATED.
  const values: Values = {
    [F.status]: 'CREATED',
    [F.shipDate]: dateOf(shipped.shipDate),
    [F.trackingNumbers]: shipped.trackingNumbers.join(', '),
    [F.masterTrackingNumber]: shipped.masterTrackingNumber,
    [F.serviceType]: shipped.serviceType,
    [F.accountNumber]: shipped.accountNumber,
    [F.fedexTransactionId]: shipped.fedexTransactionId,
    [F.errorCode]: '',
    [F.lastError]: '',
    // Inline, a person is waiting: the shipping queue writes the packages' tracking numbers.
    [F.fulfillmentPending]: options.inline === true,
    // Cleared by the shipping queue once the order's invoice was rewritten from the Shipment records.
    [F.invoicePending]: source?.kind === 'salesorder',
    // When the tracking poll first asks FedEx: after the pickup scan is due, not at its next run.
    ...newLabelPlanValues(Date.now()),
    ...CLAIM_RELEASED,
  };
  const problems: string[] = [];
  started = Date.now();
  let labelUrl: string | undefined;
  try {
    const stored = storeLabels(settings.labelFolderId as number, `IF${rec.getValue({ fieldId: 'tranid' }) || fulfillmentId}`, shipped.labels);
    if (stored) {
      labelUrl = stored.url;
      if (stored.url) values[F.labelUrl] = stored.url;
      else problems.push(`the label's File Cabinet URL could not be read: open it from the Label File field (file ${stored.fileIds[0]})`);
      values[F.labelFile] = stored.fileIds[0] as number;
    } else problems.push('FedEx returned no label to store');
    trail.step('STORE_LABEL', stored ? 'SUCCESS' : 'FAILURE', stored ? { files: stored.fileIds, bytes: stored.bytes, url: stored.url ?? '' } : undefined, started);
  } catch (e) {
    problems.push(`label not stored: ${message(e)}`);
    trail.step('STORE_LABEL', 'FAILURE', undefined, started, message(e));
  }
  if (shipped.documents?.length) {
    // The commercial invoice of an international shipment, stored with the labels and linked from the Shipment.
    started = Date.now();
    try {
      const invoiceFile = storeShipmentDocuments(settings.labelFolderId as number, `IF${rec.getValue({ fieldId: 'tranid' }) || fulfillmentId}`, shipped.documents);
      if (invoiceFile !== undefined) values[F.commercialInvoiceFile] = invoiceFile;
      trail.step('STORE_DOCUMENTS', invoiceFile !== undefined ? 'SUCCESS' : 'FAILURE', { file: invoiceFile ?? null }, started);
    } catch (e) {
      problems.push(`commercial invoice not stored: ${message(e)}`);
      trail.step('STORE_DOCUMENTS', 'FAILURE', undefined, started, `commercial invoice not stored: ${message(e)}`);
    }
  }
  const invoiceId = source?.invoiceId;
  if (invoiceId) values[F.invoice] = invoiceId;
  if (problems.length) values[F.lastError] = problems.join('; ');
  updateShipment(shipmentId, values);

  const later: string[] = [];
  if (invoiceId && options.invoiceLater) {
    trail.step('WRITE_BACK_INVOICE', 'SKIPPED', { invoice: invoiceId, reason: "the shipping queue rewrites the order's invoice once for all of this run's shipments of the order" });
  } else if (invoiceId) {
    started = Date.now();
    try {
      const written = addToInvoiceTracking(invoiceId, shipped.trackingNumbers, labelUrl);
      trail.step('WRITE_BACK_INVOICE', 'SUCCESS', { invoice: invoiceId, changed: written.changed, ...(written.attempts > 1 ? { attempts: written.attempts } : {}) }, started);
    } catch (e) {
      later.push(`tracking not written on invoice ${invoiceId}: ${message(e)}`);
      trail.step('WRITE_BACK_INVOICE', 'FAILURE', { invoice: invoiceId }, started, message(e));
      log.error({ title: `FedEx connector: tracking not written on invoice ${invoiceId}`, details: message(e) });
    }
  }
  if (!options.inline) {
    started = Date.now();
    try {
      const written = writeFulfillmentTracking(options.writable ? rec : fulfillmentId, shipped.trackingNumbers);
      trail.step('WRITE_BACK_FULFILLMENT', 'SUCCESS', { packageLines: written }, started);
    } catch (e) {
      later.push(`tracking not written on the fulfillment: ${message(e)} (the shipping queue tries again)`);
      trail.step('WRITE_BACK_FULFILLMENT', 'FAILURE', undefined, started, message(e));
      log.error({ title: `FedEx connector: tracking not written on fulfillment ${fulfillmentId}`, details: message(e) });
      values[F.fulfillmentPending] = true;
    }
  } else trail.step('WRITE_BACK_FULFILLMENT', 'SKIPPED', { reason: 'a person is waiting: the shipping queue writes the package tracking numbers' });
  if (later.length) {
    updateShipment(shipmentId, { [F.lastError]: [...problems, ...later].join('; ').slice(0, 3900), [F.fulfillmentPending]: values[F.fulfillmentPending] as boolean });
  }

  trail.write(shipped.replayed ? 'REPLAYED' : 'SUCCESS', later.length ? { code: 'INTERNAL', message: later.join('; ') } : undefined);
  log.audit({ title: 'FedEx connector: shipped', details: `Fulfillment ${fulfillmentId}: FedEx ${shipped.masterTrackingNumber} (${shipped.trackingNumbers.length} package(s))${shipped.replayed ? ', replayed from an earlier call' : ''}` });
  return { shipmentId, status: 'CREATED', ...(source?.kind === 'salesorder' ? { order: { salesOrderId: source.id, ...(invoiceId ? { invoiceId } : {}) } } : {}) };
}
