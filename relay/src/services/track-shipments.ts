// Current FedEx status of many shipments: split into FedEx's batches of 30, each one Track request
// under the shared rate limiter and token cache. A batch FedEx fails on becomes per-number errors,
// so the rest of the answer is not lost; a number FedEx does not know is a per-number result.
import type { TrackRequest, TrackResponse } from '../../../shared/src/contract';
import type { TrackStatus } from '../../../shared/src/tracking';
import { chunk, readTrackResponse, TRACK_BATCH_MAX } from '../../../shared/src/tracking';
import type { CallOptions, FedexClient, FedexResult } from '../fedex/client';
import { isDailyQuotaRefusal } from '../fedex/client';

export async function trackShipments(fedex: FedexClient, req: TrackRequest, options: CallOptions = {}): Promise<TrackResponse> {
  const shipDates: Record<string, string | undefined> = {};
  const numbers: string[] = [];
  for (const s of req.shipments) {
    if (!(s.trackingNumber in shipDates)) numbers.push(s.trackingNumber);
    shipDates[s.trackingNumber] = s.shipDate;
  }
  const batches = await Promise.all(
    chunk(numbers, TRACK_BATCH_MAX).map(async (batch): Promise<TrackStatus[]> => {
      const result = await fedex
        .trackNumbers({ includeDetailedScans: true, trackingInfo: batch.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })) }, options)
        // Past the deadline nothing more is sent: those numbers come back as per-number errors, the rest stands.
        .catch((error: Error): FedexResult => ({ ok: false, kind: 'unavailable', errors: [{ code: 'RELAY.DEADLINE', message: error.message }], attempts: 0 }));
      if (result.ok) return readTrackResponse(result.body, batch, shipDates);
      const error = result.errors[0] ?? { code: `HTTP.${result.status ?? 0}`, message: 'FedEx Track failed' };
      // The daily quota is not a burst: the SuiteApp stops polling until FedEx's day ends, so say which it is.
      const code = isDailyQuotaRefusal(result) ? 'FEDEX_QUOTA_EXCEEDED' : error.code;
      return batch.map((trackingNumber) => ({ trackingNumber, found: false, status: 'UNKNOWN', error: { code, message: `FedEx Track failed for this batch (${result.kind}): ${error.message}` } }));
    }),
  );
  return { results: batches.flat() };
}
