// Voiding one FedEx shipment, and finding the live shipments of an idempotency key.
//
// A void counts only when FedEx says so: `output.cancelledShipment === true` in the answer to
// PUT /ship/v1/shipments/cancel. Any other answer (a 2xx without it, a 4xx) is checked against Track:
// a shipment FedEx already shows as cancelled (CA) was voided before (an earlier void whose answer
// was lost); any other status means FedEx refused (picked up, in transit, delivered) and the label
// stays live and billable, which the caller must report, never hide.
import type { CreateShipmentRequest } from '../../../shared/src/contract';
import { readTrackResponse } from '../../../shared/src/tracking';
import type { CallOptions, FedexClient, FedexResult } from '../fedex/client';
import type { RelayMetrics } from '../lib/metrics';

export type VoidOutcome =
  | { kind: 'voided'; transactionId?: string }
  | { kind: 'already-cancelled' }
  /** FedEx will not void it: `status` is FedEx's current status code when Track knows the number. */
  | { kind: 'refused'; status?: string; description?: string; reason: string }
  /** FedEx could not be asked or did not answer: the shipment may or may not be void. Safe to retry. */
  | { kind: 'unknown'; reason: string };

export async function voidShipment(fedex: FedexClient, accountNumber: string, trackingNumber: string, options: CallOptions = {}): Promise<VoidOutcome> {
  const cancel = await fedex.cancelShipment(accountNumber, trackingNumber, options);
  if (cancel.ok && cancelConfirmed(cancel.body)) return { kind: 'voided', ...(cancel.transactionId ? { transactionId: cancel.transactionId } : {}) };
  if (!cancel.ok && cancel.kind !== 'rejected') return { kind: 'unknown', reason: `FedEx did not answer the void (${describeResult(cancel)})` };
  const answered = cancel.ok ? 'FedEx answered the void without confirming it (output.cancelledShipment is not true)' : `FedEx refused the void (${describeResult(cancel)})`;
  // Which is it: cancelled already, or past the point of voiding? Track knows.
  const track = await fedex.trackNumbers({ includeDetailedScans: false, trackingInfo: [{ trackingNumberInfo: { trackingNumber } }] }, options);
  if (!track.ok) return { kind: 'unknown', reason: `${answered}, and its status could not be read (${describeResult(track)})` };
  const [status] = readTrackResponse(track.body, [trackingNumber]);
  if (status?.found && status.fedexCode === 'CA') return { kind: 'already-cancelled' };
  if (status?.found) {
    return { kind: 'refused', ...(status.fedexCode ? { status: status.fedexCode } : {}), ...(status.description ? { description: status.description } : {}), reason: answered };
  }
  return { kind: 'refused', reason: `${answered}; FedEx Track does not know ${trackingNumber} for this account` };
}

/** A void the relay attempted, counted by why and how it ended (voided, already_cancelled, refused, unknown). */
export function countVoid(metrics: RelayMetrics | undefined, trigger: 'cancel' | 'reconciliation' | 'claim_lost', outcome: { kind: string }): void {
  metrics?.voids.inc({ trigger, outcome: outcome.kind.replace(/-/g, '_') });
}

/** FedEx's own word that the shipment is cancelled. */
export function cancelConfirmed(body: unknown): boolean {
  return (body as { output?: { cancelledShipment?: unknown } } | undefined)?.output?.cancelledShipment === true;
}

/**
 * The lookup behind reconciliation: shipments FedEx holds under this key as customer reference that
 * are not cancelled. `undefined` when FedEx could not be asked (the caller must not create then).
 */
export async function liveShipmentsOf(
  fedex: FedexClient,
  req: Pick<CreateShipmentRequest, 'idempotencyKey' | 'shipDate'>,
  accountNumber: string,
  options: CallOptions = {},
): Promise<{ ok: true; trackingNumbers: string[] } | { ok: false; reason: string; result: Extract<FedexResult, { ok: false }> }> {
  // The SuiteApp ships on the later of the fulfillment date and today, so an earlier attempt of the
  // same key carries the same or an earlier ship date; FedEx may have stored it a day later (it moves
  // a past date to its own today, which can be ahead of NetSuite's): look back a week, up to the day
  // after. FedEx refuses a window ending after its own tomorrow (TRACKING.SHIPDATEEND.FUTURE), as for
  // a shipment dated tomorrow, or NetSuite's date a day ahead of FedEx's: then it ends on the ship
  // date itself, which no later-stored earlier attempt can pass (FedEx's today is behind it).
  const lookupUntil = (end: string) =>
    fedex.trackByReference(
      { referencesInformation: { type: 'CUSTOMER_REFERENCE', value: req.idempotencyKey, accountNumber, shipDateBegin: shiftDate(req.shipDate, -LOOKBACK_DAYS), shipDateEndDate: end } },
      options,
    );
  let lookup = await lookupUntil(shiftDate(req.shipDate, 1));
  if (!lookup.ok && lookup.errors.some((e) => e.code === 'TRACKING.SHIPDATEEND.FUTURE')) lookup = await lookupUntil(req.shipDate);
  if (!lookup.ok) return { ok: false, reason: `the lookup by reference failed (${describeResult(lookup)})`, result: lookup };
  return { ok: true, trackingNumbers: liveTrackingNumbers(lookup.body) };
}

export const LOOKBACK_DAYS = 7;

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

export function describeResult(result: FedexResult): string {
  if (result.ok) return `HTTP ${result.status}`;
  const errs = result.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
  return `${result.status ? `HTTP ${result.status} ` : ''}${errs}`.trim();
}
