import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { apiGuard } from './api-guard';
import type { DoubleContext, DoubleEnv } from './context';
import { FEDEX_ERRORS, FedexHttpError, invalidField } from './errors';
import type { TrackByNumberRequest, TrackByReferenceRequest } from './fedex-types';
import { serviceInfo } from './reference-data';
import type { ShipmentRecord } from './shipments';
import { completeTrackResult, notFoundTrackResult, trackResultFor, type CompleteTrackResult, type TrackView } from './tracking';

/** "At least one occurrence of TrackingInfo is required. Maximum limit is 30." (TrackingNumbers-Resource.json) */
export const MAX_TRACKING_NUMBERS = 30;

export interface TrackResponse {
  transactionId: string;
  customerTransactionId?: string;
  output: { completeTrackResults: CompleteTrackResult[] };
}

/** Reference types of Track by reference → customerReferenceType values used when shipping. */
const REFERENCE_TYPES: Record<string, string> = {
  CUSTOMER_REFERENCE: 'CUSTOMER_REFERENCE',
  PURCHASE_ORDER: 'P_O_NUMBER',
  INVOICE: 'INVOICE_NUMBER',
  DEPARTMENT: 'DEPARTMENT_NUMBER',
  RETURN_MATERIALS_AUTHORIZATION: 'RMA_ASSOCIATION',
};

function inDateRange(date: string, begin: string | undefined, end: string | undefined): boolean {
  return (begin === undefined || date >= begin) && (end === undefined || date <= end);
}

export function registerTrackRoutes(app: Hono<DoubleEnv>, ctx: DoubleContext): void {
  const view = (includeDetailedScans: boolean): TrackView => ({ now: ctx.clock.now(), utcOffset: ctx.config.utcOffset, includeDetailedScans });
  const envelope = (customerTransactionId: string | undefined, completeTrackResults: CompleteTrackResult[]): TrackResponse => ({
    transactionId: randomUUID(),
    ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
    output: { completeTrackResults },
  });

  app.post(
    '/track/v1/trackingnumbers',
    apiGuard(ctx, { endpoint: 'track.trackingnumbers', capability: 'track', faultScope: 'track' }),
    (c) => {
      const request = c.get('body') as TrackByNumberRequest;
      const infos = request.trackingInfo;
      if (infos.length === 0 || infos.some((info) => info.trackingNumberInfo.trackingNumber.trim() === '')) {
        throw new FedexHttpError(400, FEDEX_ERRORS.trackingNumberEmpty());
      }
      if (infos.length > MAX_TRACKING_NUMBERS) {
        throw new FedexHttpError(400, invalidField('trackingInfo', `has ${infos.length} entries: at most ${MAX_TRACKING_NUMBERS} tracking numbers per request`));
      }
      ctx.stats.trackRequests += 1;
      ctx.stats.numbersTracked += infos.length;
      const trackView = view(request.includeDetailedScans);
      const results = infos.map((info) => {
        const { trackingNumber, carrierCode, trackingNumberUniqueId } = info.trackingNumberInfo;
        const records = ctx.store.byTrackingNumber(trackingNumber).filter((record) => {
          if (!inDateRange(record.shipDate, info.shipDateBegin, info.shipDateEnd)) return false;
          if (carrierCode !== undefined && serviceInfo(record.serviceType).carrierCode !== carrierCode) return false;
          return trackingNumberUniqueId === undefined || trackingNumberUniqueId.startsWith(`${record.uniqueIdPrefix}~`);
        });
        return completeTrackResult(trackingNumber, records, trackView);
      });
      return c.json(envelope(c.get('customerTransactionId'), results), 200);
    },
  );

  // The way to find a shipment whose create response was lost: customer reference + account + ship dates.
  app.post(
    '/track/v1/referencenumbers',
    apiGuard(ctx, { endpoint: 'track.referencenumbers', capability: 'track', faultScope: 'track' }),
    (c) => {
      const request = c.get('body') as TrackByReferenceRequest;
      const info = request.referencesInformation;
      // track.json: "Either account number or destination postal code and country code are mandatory".
      if (info.accountNumber === undefined && info.destinationCountryCode === undefined) {
        throw new FedexHttpError(400, [
          invalidField('referencesInformation.accountNumber', 'is required when destinationCountryCode is not given'),
          invalidField('referencesInformation.destinationCountryCode', 'is required when accountNumber is not given'),
        ]);
      }
      const referenceType = REFERENCE_TYPES[info.type ?? 'CUSTOMER_REFERENCE'];
      if (referenceType === undefined) throw new FedexHttpError(400, { code: 'TRACKING.REFERENCETYPE.INVALID', message: 'Please provide a valid reference/associated type' });
      ctx.stats.referenceTrackRequests += 1;
      const matches = (record: ShipmentRecord) =>
        (info.accountNumber === undefined || record.accountNumber === info.accountNumber) &&
        (info.destinationCountryCode === undefined || record.recipient.countryCode === info.destinationCountryCode) &&
        (info.destinationPostalCode === undefined || record.recipient.postalCode === info.destinationPostalCode) &&
        inDateRange(record.shipDate, info.shipDateBegin, info.shipDateEndDate);
      const trackView = view(request.includeDetailedScans ?? false);
      const results: CompleteTrackResult[] = [];
      for (const record of ctx.store.byCustomerReference(info.value)) {
        if (!matches(record) || record.createdAt > trackView.now) continue;
        for (const piece of record.pieces) {
          if (!piece.customerReferences.some((ref) => ref.value === info.value && ref.customerReferenceType === referenceType)) continue;
          results.push({ trackingNumber: piece.trackingNumber, trackResults: [trackResultFor(record, piece, trackView)] });
        }
      }
      if (results.length === 0) results.push({ trackingNumber: info.value, trackResults: [notFoundTrackResult(info.value, FEDEX_ERRORS.referenceNotFound())] });
      return c.json(envelope(c.get('customerTransactionId'), results), 200);
    },
  );
}
