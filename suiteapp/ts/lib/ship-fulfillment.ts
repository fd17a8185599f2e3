// The core flow for one shipped fulfillment: read NetSuite's data, create the FedEx shipment through
// the relay (at most once), and write the result back. Every step leaves an Audit record; no failure
// escapes to the user's save: it ends as a FAILED Shipment record with its reason.
import * as log from 'N/log';
import type * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import { correlationId } from '../../../shared/src/audit';
import type { CreateShipmentResponse } from '../../../shared/src/contract';
import { RELAY_PATHS } from '../../../shared/src/contract';
import type { BuildResult } from '../../../shared/src/fulfillment';
import { buildCreateShipmentRequest, idempotencyKeyFor } from '../../../shared/src/fulfillment';
import { SCRIPTS, SHIPMENT } from '../../../shared/src/ids';
import { writeAudit } from './audit';
import { postToRelay } from './relay-client';
import { missingSettings, readSettings } from './settings';
import { shipGate } from './ship-gate';
import { CLAIM_RELEASED, pendingValues, recordCreateFailure } from './shipment-state';
import { createPendingShipment, findShipmentForFulfillment, updateShipment } from './shipments';
import { storeShipmentDocuments } from './shipment-documents';
import { readSnapshot, todayIso } from './snapshot';
import { findInvoiceForOrder, storeLabels, writeFulfillmentTracking, writeInvoiceTracking } from './write-back';

const F = SHIPMENT.fields;
const TYPE = 'itemfulfillment';

function message(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
}

function dateOf(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y as number, (m as number) - 1, d as number);
}

export interface ShipOptions {
  /** The save is part of a bulk operation (CSV import, mass update, a script): queue if the settings say so. */
  bulk?: boolean;
  /** The claim the caller holds on the fulfillment's Shipment (shipping queue, Replay action). */
  claim?: string;
}

/** Starts the shipping Map/Reduce now; if it is already running, that run or the next scheduled one takes the work. */
function startShipQueue(): void {
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.onDemandDeploymentId }).submit();
  } catch (e) {
    log.debug({ title: 'FedEx connector: shipping queue already running', details: message(e) });
  }
}

export function shipFulfillment(rec: record.Record, options: ShipOptions = {}): void {
  const fulfillmentId = String(rec.id);
  const corr = correlationId('IF', fulfillmentId, Date.now(), Math.random());
  const { snapshot, rule } = readSnapshot(rec, runtime.accountId);
  if (rule.kind === 'not-fedex') {
    log.debug({ title: 'FedEx connector: not a FedEx shipment', details: `Fulfillment ${fulfillmentId}: ship method ${snapshot.fulfillment.shipMethodName ?? snapshot.fulfillment.shipMethodId ?? '(none)'} is not FedEx; nothing to do` });
    return;
  }

  // Which Shipment record, key and request (shipment-lifecycle.ts): no second label, no two senders.
  const gate = shipGate(findShipmentForFulfillment(fulfillmentId), fulfillmentId, idempotencyKeyFor(runtime.accountId, fulfillmentId), options);
  if (!gate.go) {
    log.audit({ title: 'FedEx connector: not shipped now', details: gate.reason ?? '' });
    return;
  }
  const existing = gate.shipment;

  const settings = readSettings();
  const shipmentRecord = (): number =>
    existing?.id ??
    createPendingShipment({
      name: `FedEx ${snapshot.fulfillment.tranId ?? fulfillmentId}`,
      fulfillmentId,
      idempotencyKey: gate.key,
      ...(snapshot.salesOrder ? { salesOrderId: snapshot.salesOrder.id } : {}),
      ...(snapshot.customer.id ? { customerId: snapshot.customer.id } : {}),
    });
  if (options.bulk && settings.queueBulk) {
    // Bulk saves must not wait on FedEx record by record: the shipping Map/Reduce takes them, in parallel.
    const queuedId = shipmentRecord();
    updateShipment(queuedId, { [F.status]: 'QUEUED', ...CLAIM_RELEASED });
    writeAudit({ operation: 'QUEUE_SHIPMENT', direction: 'INTERNAL', recordType: TYPE, recordId: fulfillmentId, shipmentId: queuedId, outcome: 'SUCCESS', correlationId: corr });
    startShipQueue();
    return;
  }
  const missing = missingSettings(settings);
  const build: BuildResult = missing.length
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

  const shipmentId = shipmentRecord();
  const attempt = (existing?.attempts ?? 0) + 1;

  if (build.kind !== 'ready' && !gate.replay) {
    const code = build.kind === 'failed' ? build.code : 'CONFIGURATION';
    const text = build.kind === 'failed' ? build.message : build.reason;
    updateShipment(shipmentId, { [F.status]: 'FAILED', [F.errorCode]: code, [F.lastError]: text.slice(0, 3900), ...CLAIM_RELEASED });
    writeAudit({ operation: 'CREATE_SHIPMENT', direction: 'OUTBOUND', recordType: TYPE, recordId: fulfillmentId, shipmentId, outcome: 'FAILURE', errorCode: code, errorMessage: text, correlationId: corr, attempt, request: build.kind === 'failed' ? { problems: build.problems } : undefined });
    log.error({ title: `FedEx connector: fulfillment ${fulfillmentId} not shipped (${code})`, details: text });
    return;
  }

  // A create whose outcome is unknown is resent exactly as first sent; the key is the Shipment's.
  const request = { firstAttemptAt: gate.firstAttemptAt, ...(gate.replay ?? (build as Extract<BuildResult, { kind: 'ready' }>).request), idempotencyKey: gate.key, attempt };
  // Recorded before the call: if this script dies mid-call, the queue finds it and reconciles.
  updateShipment(shipmentId, { ...pendingValues(request, gate.claim), [F.serviceType]: request.serviceType, [F.accountNumber]: request.accountNumber ?? '' });
  const answer = postToRelay<CreateShipmentResponse>(settings.relayUrl as string, RELAY_PATHS.createShipment, request);
  if (!answer.ok) {
    const err = answer.error;
    // FAILED only on a definite answer; UNKNOWN / RETRYING go back to the shipping queue.
    const text = recordCreateFailure(shipmentId, answer, attempt, settings.maxAttempts).text;
    writeAudit({ operation: 'CREATE_SHIPMENT', direction: 'OUTBOUND', recordType: TYPE, recordId: fulfillmentId, shipmentId, request, response: { status: answer.status, error: err }, outcome: 'FAILURE', errorCode: err.code, errorMessage: text, attempt, correlationId: corr, durationMs: answer.durationMs });
    log.error({ title: `FedEx connector: fulfillment ${fulfillmentId} not shipped (${err.code})`, details: text });
    return;
  }

  const shipped = answer.body;
  writeAudit({ operation: 'CREATE_SHIPMENT', direction: 'OUTBOUND', recordType: TYPE, recordId: fulfillmentId, shipmentId, request, response: shipped, outcome: shipped.replayed ? 'REPLAYED' : 'SUCCESS', attempt, correlationId: corr, durationMs: answer.durationMs });

  // The label is bought: from here on every failure is recorded but the shipment stays CREATED.
  const values: Record<string, string | number | boolean | Date> = {
    [F.status]: 'CREATED',
    [F.shipDate]: dateOf(shipped.shipDate),
    [F.trackingNumbers]: shipped.trackingNumbers.join(', '),
    [F.masterTrackingNumber]: shipped.masterTrackingNumber,
    [F.serviceType]: shipped.serviceType,
    [F.accountNumber]: shipped.accountNumber,
    [F.fedexTransactionId]: shipped.fedexTransactionId,
    [F.errorCode]: '',
    [F.lastError]: '',
    ...CLAIM_RELEASED,
  };
  const problems: string[] = [];
  try {
    const stored = storeLabels(settings.labelFolderId as number, `IF${snapshot.fulfillment.tranId ?? fulfillmentId}`, shipped.labels);
    if (stored) {
      values[F.labelUrl] = stored.url;
      values[F.labelFile] = stored.fileIds[0] as number;
    } else problems.push('FedEx returned no label to store');
    writeAudit({ operation: 'STORE_LABEL', direction: 'INTERNAL', recordType: TYPE, recordId: fulfillmentId, shipmentId, response: stored, outcome: stored ? 'SUCCESS' : 'FAILURE', correlationId: corr });
  } catch (e) {
    problems.push(`label not stored: ${message(e)}`);
    writeAudit({ operation: 'STORE_LABEL', direction: 'INTERNAL', recordType: TYPE, recordId: fulfillmentId, shipmentId, outcome: 'FAILURE', errorCode: 'INTERNAL', errorMessage: message(e), correlationId: corr });
  }
  if (shipped.documents?.length) {
    // The commercial invoice of an international shipment, stored with the labels and linked from the Shipment.
    try {
      const invoiceFile = storeShipmentDocuments(settings.labelFolderId as number, `IF${snapshot.fulfillment.tranId ?? fulfillmentId}`, shipped.documents);
      if (invoiceFile !== undefined) values[F.commercialInvoiceFile] = invoiceFile;
    } catch (e) {
      problems.push(`commercial invoice not stored: ${message(e)}`);
      writeAudit({ operation: 'STORE_LABEL', direction: 'INTERNAL', recordType: TYPE, recordId: fulfillmentId, shipmentId, outcome: 'FAILURE', errorCode: 'INTERNAL', errorMessage: `commercial invoice not stored: ${message(e)}`, correlationId: corr });
    }
  }
  if (problems.length) values[F.lastError] = problems.join('; ');
  updateShipment(shipmentId, values);

  try {
    const written = writeFulfillmentTracking(fulfillmentId, shipped.trackingNumbers);
    writeAudit({ operation: 'WRITE_BACK_FULFILLMENT', direction: 'INBOUND', recordType: TYPE, recordId: fulfillmentId, shipmentId, response: { trackingNumbers: shipped.trackingNumbers, packageLinesWritten: written }, outcome: 'SUCCESS', correlationId: corr });
  } catch (e) {
    writeAudit({ operation: 'WRITE_BACK_FULFILLMENT', direction: 'INBOUND', recordType: TYPE, recordId: fulfillmentId, shipmentId, outcome: 'FAILURE', errorCode: 'INTERNAL', errorMessage: message(e), correlationId: corr });
    log.error({ title: `FedEx connector: tracking not written on fulfillment ${fulfillmentId}`, details: message(e) });
  }

  const salesOrderId = snapshot.salesOrder?.id;
  if (salesOrderId) {
    try {
      const invoiceId = findInvoiceForOrder(salesOrderId);
      if (invoiceId) {
        const written = writeInvoiceTracking(invoiceId, salesOrderId);
        updateShipment(shipmentId, { [F.invoice]: invoiceId });
        writeAudit({ operation: 'WRITE_BACK_INVOICE', direction: 'INBOUND', recordType: 'invoice', recordId: invoiceId, shipmentId, response: written, outcome: 'SUCCESS', correlationId: corr });
      }
    } catch (e) {
      writeAudit({ operation: 'WRITE_BACK_INVOICE', direction: 'INBOUND', recordType: 'salesorder', recordId: salesOrderId, shipmentId, outcome: 'FAILURE', errorCode: 'INTERNAL', errorMessage: message(e), correlationId: corr });
      log.error({ title: `FedEx connector: tracking not written on the invoice of order ${salesOrderId}`, details: message(e) });
    }
  }
  log.audit({ title: 'FedEx connector: shipped', details: `Fulfillment ${fulfillmentId}: FedEx ${shipped.masterTrackingNumber} (${shipped.trackingNumbers.length} package(s))${shipped.replayed ? ', replayed from an earlier call' : ''}` });
}
