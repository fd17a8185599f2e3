// Creating one FedEx shipment for one fulfillment, at most once per idempotency key.
//
// FedEx has no idempotency key of its own, so the relay provides one: the first request with a key
// claims it; a repeat gets the stored result, a racing repeat waits for the first; the same key with
// a different body is refused. When a create's outcome is unknown (dropped connection, 500), the relay
// never simply retries: it looks the shipment up by its customer reference (the key), voids what an
// earlier lost attempt created, and creates once more, so exactly one live label exists.
import { createHash } from 'node:crypto';
import type { CreateShipmentRequest, CreateShipmentResponse, ShipmentDocument, ShipmentLabel } from '../../../shared/src/contract';
import { toFedexShipRequest } from '../../../shared/src/fedex/ship-request';
import { LABEL_CONTENT_TYPES, parseShipResponse } from '../../../shared/src/fedex/ship-response';
import { stableStringify } from '../../../shared/src/stable-json';
import { RelayError } from '../errors';
import type { FedexClient, FedexResult } from '../fedex/client';
import type { IdempotencyStore } from '../idempotency/store';
import type { Logger } from '../lib/logger';

export interface ShipmentServiceDeps {
  fedex: FedexClient;
  store: IdempotencyStore;
  defaultAccountNumber?: string;
  log: Logger;
}

export function fingerprintOf(req: CreateShipmentRequest): string {
  const { attempt: _attempt, ...content } = req;
  return createHash('sha256').update(stableStringify(content)).digest('hex');
}

export async function createShipment(deps: ShipmentServiceDeps, req: CreateShipmentRequest): Promise<CreateShipmentResponse> {
  const key = req.idempotencyKey;
  const fingerprint = fingerprintOf(req);
  for (;;) {
    const held = await deps.store.claim(key, fingerprint);
    if (!held) break;
    if (held.fingerprint !== fingerprint) {
      throw new RelayError(409, 'IDEMPOTENCY_CONFLICT', `Idempotency key ${key} was already used with a different request body; a changed fulfillment must not reuse the shipment created for the old one`);
    }
    if (held.state === 'completed') return { ...held.response, replayed: true };
    await held.done; // a racing duplicate: wait for the first, then read its result
  }
  try {
    const response = await performCreate(deps, req);
    await deps.store.complete(key, response);
    return response;
  } catch (error) {
    // Nothing live was created (FedEx refused, or reconciliation voided it): free the key so a
    // corrected or later request can go. Reconciliation on the next attempt covers the rest.
    await deps.store.release(key);
    throw error;
  }
}

async function performCreate(deps: ShipmentServiceDeps, req: CreateShipmentRequest): Promise<CreateShipmentResponse> {
  const accountNumber = req.accountNumber ?? deps.defaultAccountNumber;
  if (!accountNumber) throw new RelayError(422, 'CONFIGURATION', 'No FedEx account number: the request has none and the relay has no FEDEX_ACCOUNT_NUMBER');
  const notes: string[] = [];
  const body = toFedexShipRequest(req, accountNumber);

  if ((req.attempt ?? 1) > 1) {
    // NetSuite retries when it never learnt an earlier attempt's outcome: clear up what that attempt may have bought.
    await voidOrphans(deps, req, accountNumber, notes);
  }
  let result = await deps.fedex.createShipment(body, req.idempotencyKey);
  if (!result.ok && result.kind === 'ambiguous') {
    deps.log.warn('fedex.create.ambiguous', { idempotencyKey: req.idempotencyKey, status: result.status, errors: result.errors });
    notes.push(`first create attempt ended without an answer (${describe(result)}); reconciled by customer reference`);
    await voidOrphans(deps, req, accountNumber, notes);
    result = await deps.fedex.createShipment(body, req.idempotencyKey);
  }
  if (!result.ok) throw toRelayError(result, 'create the shipment');

  const parsed = parseShipResponse(result.body);
  if (!parsed.ok) throw new RelayError(502, 'FEDEX_UNAVAILABLE', `FedEx answered the create without the expected shipment: ${parsed.message}`, { ...(result.transactionId ? { fedexTransactionId: result.transactionId } : {}) });
  const shipment = parsed.value;
  const labels: ShipmentLabel[] = [];
  for (const label of shipment.labels) {
    if (!label.encodedLabel) {
      notes.push(`FedEx returned no label bytes for ${label.trackingNumber}`);
      continue;
    }
    labels.push({ trackingNumber: label.trackingNumber, contentType: LABEL_CONTENT_TYPES[label.docType] ?? 'application/octet-stream', content: label.encodedLabel });
  }
  const documents: ShipmentDocument[] = [];
  for (const doc of shipment.documents) {
    if (doc.encodedLabel) documents.push({ type: doc.type, contentType: LABEL_CONTENT_TYPES[doc.docType] ?? 'application/octet-stream', content: doc.encodedLabel });
    else notes.push(`FedEx returned no bytes for the ${doc.type} document`);
  }
  notes.push(...shipment.alerts.map((a) => `FedEx alert: ${a}`));
  return {
    idempotencyKey: req.idempotencyKey,
    masterTrackingNumber: shipment.masterTrackingNumber,
    trackingNumbers: shipment.trackingNumbers,
    serviceType: shipment.serviceType ?? req.serviceType,
    shipDate: shipment.shipDate ?? req.shipDate,
    accountNumber,
    labels,
    ...(documents.length > 0 ? { documents } : {}),
    fedexTransactionId: shipment.transactionId || result.transactionId || '',
    replayed: false,
    notes,
  };
}

/** Finds live shipments carrying this key as customer reference and cancels them. */
async function voidOrphans(deps: ShipmentServiceDeps, req: CreateShipmentRequest, accountNumber: string, notes: string[]): Promise<void> {
  const lookup = await deps.fedex.trackByReference({
    referencesInformation: {
      type: 'CUSTOMER_REFERENCE',
      value: req.idempotencyKey,
      accountNumber,
      shipDateBegin: shiftDate(req.shipDate, -1),
      shipDateEndDate: shiftDate(req.shipDate, 1),
    },
  });
  if (!lookup.ok) {
    throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `Could not tell whether an earlier attempt created a FedEx shipment for ${req.idempotencyKey}: the lookup by reference failed (${describe(lookup)}). Nothing was created now; retry later.`);
  }
  for (const trackingNumber of liveTrackingNumbers(lookup.body)) {
    const cancel = await deps.fedex.cancelShipment(accountNumber, trackingNumber);
    if (!cancel.ok) {
      throw new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `FedEx shipment ${trackingNumber} from an earlier attempt for ${req.idempotencyKey} could not be voided (${describe(cancel)}); it was not replaced, to avoid paying twice. Void it in FedEx Ship Manager or retry later.`);
    }
    notes.push(`voided shipment ${trackingNumber} created by an earlier attempt whose answer was lost`);
    deps.log.warn('fedex.orphan.voided', { idempotencyKey: req.idempotencyKey, trackingNumber });
  }
}

/** Tracking numbers in a Track-by-reference answer that are not cancelled; a not-found is an empty list. */
export function liveTrackingNumbers(body: unknown): string[] {
  const output = (body as { output?: { completeTrackResults?: unknown } } | undefined)?.output;
  const found = new Set<string>();
  for (const complete of asList(output?.completeTrackResults)) {
    for (const result of asList((complete as { trackResults?: unknown }).trackResults)) {
      const r = result as { error?: unknown; trackingNumberInfo?: { trackingNumber?: unknown }; latestStatusDetail?: { code?: unknown } };
      const number = r.trackingNumberInfo?.trackingNumber;
      if (r.error || typeof number !== 'string') continue;
      if (r.latestStatusDetail?.code === 'CA') continue;
      found.add(number);
    }
  }
  return [...found];
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function describe(result: FedexResult): string {
  if (result.ok) return `HTTP ${result.status}`;
  const errs = result.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
  return `${result.status ? `HTTP ${result.status} ` : ''}${errs}`.trim();
}

export function toRelayError(result: Extract<FedexResult, { ok: false }>, action: string): RelayError {
  const details = { fedexErrors: result.errors, ...(result.transactionId ? { fedexTransactionId: result.transactionId } : {}) };
  const what = describe(result);
  switch (result.kind) {
    case 'rejected':
      return new RelayError(422, 'FEDEX_REJECTED', `FedEx refused to ${action}: ${what}`, details);
    case 'unauthorized':
      return new RelayError(502, 'FEDEX_UNAUTHORIZED', `FedEx refused the relay's credentials: ${what}`, details);
    case 'rate-limited':
      return new RelayError(503, 'FEDEX_RATE_LIMITED', `FedEx kept answering 429 (too many requests) after ${result.attempts} attempts`, details);
    case 'ambiguous':
      return new RelayError(502, 'FEDEX_OUTCOME_UNKNOWN', `FedEx did not answer whether it managed to ${action}: ${what}`, details);
    default:
      return new RelayError(503, 'FEDEX_UNAVAILABLE', `FedEx is unavailable (${result.attempts} attempts): ${what}`, details);
  }
}
