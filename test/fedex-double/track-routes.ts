import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { apiGuard } from './api-guard';
import type { DoubleContext, DoubleEnv } from './context';
import { FEDEX_ERRORS, FedexHttpError } from './errors';
import type { TrackByNumberRequest, TrackByReferenceRequest } from './fedex-types';
import { serviceInfo } from './reference-data';
import { dateWindowError, isWellFormedTrackingNumber, MAX_TRACKING_NUMBERS, REFERENCE_FIELDS, REFERENCE_TYPES, referenceQueryError, TRACK_ERRORS } from './rules/track';
import { isGroundNetwork } from './rules/shipment';
import type { ShipmentRecord } from './shipments';
import { localDate } from './time-format';
import { completeTrackResult, notFoundTrackResult, trackResultFor, type CompleteTrackResult, type TrackView } from './tracking';

export { MAX_TRACKING_NUMBERS } from './rules/track';

export interface TrackResponse {
  transactionId: string;
  customerTransactionId?: string;
  output: { completeTrackResults: CompleteTrackResult[] };
}

const DAY_MS = 86_400_000;

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
  const today = () => localDate(ctx.clock.now(), ctx.config.utcOffset);

  /** Rule 10.9: Track requests per project per UTC day; over the quota FedEx answers 429 until 00:00 GMT. */
  const countAgainstDailyQuota = (clientId: string) => {
    const key = `${clientId} ${Math.floor(ctx.clock.now() / DAY_MS)}`;
    const used = (ctx.trackUsage.get(key) ?? 0) + 1;
    ctx.trackUsage.set(key, used);
    if (used > ctx.config.trackDailyQuota) {
      ctx.stats.trackQuotaRefusals += 1;
      throw new FedexHttpError(429, TRACK_ERRORS.dailyQuotaExceeded());
    }
  };

  app.post(
    '/track/v1/trackingnumbers',
    apiGuard(ctx, { endpoint: 'track.trackingnumbers', capability: 'track', faultScope: 'track' }),
    (c) => {
      const request = c.get('body') as TrackByNumberRequest;
      countAgainstDailyQuota(c.get('clientId'));
      const infos = request.trackingInfo;
      if (infos.length === 0 || infos.some((info) => info.trackingNumberInfo.trackingNumber.trim() === '')) {
        throw new FedexHttpError(400, FEDEX_ERRORS.trackingNumberEmpty());
      }
      if (infos.length > MAX_TRACKING_NUMBERS) throw new FedexHttpError(400, TRACK_ERRORS.limitExceeded());
      for (const info of infos) {
        const windowError = dateWindowError(info.shipDateBegin, info.shipDateEnd, today(), false);
        if (windowError) throw new FedexHttpError(400, windowError);
      }
      ctx.stats.trackRequests += 1;
      ctx.stats.numbersTracked += infos.length;
      const trackView = view(request.includeDetailedScans);
      const results = infos.map((info) => {
        const { trackingNumber, carrierCode, trackingNumberUniqueId } = info.trackingNumberInfo;
        if (!isWellFormedTrackingNumber(trackingNumber)) return { trackingNumber, trackResults: [notFoundTrackResult(trackingNumber, TRACK_ERRORS.numberInvalid())] };
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
      countAgainstDailyQuota(c.get('clientId'));
      const info = request.referencesInformation;
      const queryError = referenceQueryError(info);
      if (queryError) throw new FedexHttpError(400, queryError);
      const type = info.type ?? 'CUSTOMER_REFERENCE';
      if (!REFERENCE_TYPES.has(type)) throw new FedexHttpError(400, TRACK_ERRORS.referenceTypeInvalid());
      const windowError = dateWindowError(info.shipDateBegin, info.shipDateEndDate, today(), info.accountNumber !== undefined);
      if (windowError) throw new FedexHttpError(400, windowError);
      ctx.stats.referenceTrackRequests += 1;
      const matches = (record: ShipmentRecord) =>
        (info.accountNumber === undefined || record.accountNumber === info.accountNumber) &&
        (info.destinationCountryCode === undefined || record.recipient.countryCode === info.destinationCountryCode) &&
        (info.destinationPostalCode === undefined || record.recipient.postalCode === info.destinationPostalCode) &&
        inDateRange(record.shipDate, info.shipDateBegin, info.shipDateEndDate);
      const trackView = view(request.includeDetailedScans ?? false);
      // A Ground shipment's Ground Shipment ID is its master tracking number unless the shipper set one
      // (REF's mock numbers show it so); other types match the reference the shipment was created with.
      const field = REFERENCE_FIELDS[type];
      const candidates =
        type === 'GROUND_SHIPMENT_ID'
          ? ctx.store.byTrackingNumber(info.value).filter((record) => record.masterTrackingNumber === info.value && isGroundNetwork(record.serviceType))
          : field
            ? ctx.store.byCustomerReference(info.value)
            : [];
      const found = candidates.filter((record) => matches(record) && record.createdAt <= trackView.now);
      // Without an account number, a reference shared by several accounts' shipments is ambiguous.
      if (info.accountNumber === undefined && new Set(found.map((record) => record.accountNumber)).size > 1) {
        return c.json(envelope(c.get('customerTransactionId'), [{ trackingNumber: info.value, trackResults: [notFoundTrackResult(info.value, TRACK_ERRORS.notUnique())] }]), 200);
      }
      const results: CompleteTrackResult[] = [];
      for (const record of found) {
        for (const piece of record.pieces) {
          if (field && !piece.customerReferences.some((ref) => ref.value === info.value && ref.customerReferenceType === field)) continue;
          results.push({ trackingNumber: piece.trackingNumber, trackResults: [trackResultFor(record, piece, trackView)] });
        }
      }
      if (results.length === 0) results.push({ trackingNumber: info.value, trackResults: [notFoundTrackResult(info.value, FEDEX_ERRORS.referenceNotFound())] });
      return c.json(envelope(c.get('customerTransactionId'), results), 200);
    },
  );
}
