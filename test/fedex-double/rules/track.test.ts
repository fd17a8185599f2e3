// Track API rules (10.x of rules/fedex-rules.md) through the double's HTTP surface.
import { describe, expect, it } from 'vitest';
import { createFedexDouble, type FedexDoubleOptions } from '../app';
import { buildReferenceTrackRequest, buildShipRequest, buildTrackRequest } from '../request-builders';
import { validateResponseBody } from '../schemas';
import { apiClient, errorsOf, json, type ShipResponseBody, type TrackResponseBody } from '../test-support';
import { dateWindowError, REFERENCE_TYPES } from './track';

const WEEK_SECONDS = 7 * 86_400;
const TODAY = '2025-01-06'; // the double's default clock

async function setup(options: FedexDoubleOptions = {}, reference = 'IF-42') {
  const double = createFedexDouble({ tokenLifetimeSeconds: WEEK_SECONDS, ...options });
  const client = apiClient(double);
  const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: reference })));
  return { double, client, trackingNumber: created.output.transactionShipments[0]!.masterTrackingNumber };
}

const reference = (type: string, value: string, extra: Record<string, unknown> = {}) => ({
  includeDetailedScans: false,
  referencesInformation: { type, value, accountNumber: '740561073', shipDateBegin: '2025-01-01', shipDateEndDate: TODAY, ...extra },
});

describe('10.1, 10.2, 10.3, 10.4: tracking numbers', () => {
  it('10.4: a number that is not a FedEx number gets TRACKING.TRACKINGNUMBER.INVALID inside the 200, the others their results', async () => {
    const { client, trackingNumber } = await setup();
    const body = await json<TrackResponseBody>(await client.post('/track/v1/trackingnumbers', buildTrackRequest(['79460000-0012', trackingNumber, 'DT702642496002'])));
    expect(validateResponseBody('track.trackingnumbers', 200, body)).toEqual([]);
    const [bad, good, doorTag] = body.output.completeTrackResults;
    expect(bad?.trackResults[0]?.error).toEqual({ code: 'TRACKING.TRACKINGNUMBER.INVALID', message: 'Invalid tracking number. Please correct the tracking number format and try again.' });
    expect(good?.trackResults[0]?.latestStatusDetail?.code).toBe('OC');
    expect(doorTag?.trackResults[0]?.error?.code).toBe('TRACKING.TRACKINGNUMBER.NOTFOUND');
  });

  it('10.7: trackingInfo ship dates follow the same window rules', async () => {
    const { client, trackingNumber } = await setup();
    const response = await client.post('/track/v1/trackingnumbers', {
      includeDetailedScans: true,
      trackingInfo: [{ shipDateBegin: '2025-01-06', shipDateEnd: '2025-01-01', trackingNumberInfo: { trackingNumber } }],
    });
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).errors[0]?.code).toBe('TRACKING.SHIPDATERANGE.ERROR');
  });
});

describe('10.6, 10.8: Track by reference', () => {
  it('accepts every reference type FedEx lists, BILL_OF_LADING, SHIPPER_REFERENCE and GROUND_SHIPMENT_ID included', async () => {
    const { client } = await setup();
    for (const type of REFERENCE_TYPES) {
      const response = await client.post('/track/v1/referencenumbers', reference(type, 'NOTHING-HERE'));
      expect(response.status, type).toBe(200);
      expect((await json<TrackResponseBody>(response)).output.completeTrackResults[0]?.trackResults[0]?.error?.code, type).toBe('TRACKING.REFERENCENUMBER.NOTFOUND');
    }
    const unknown = await client.post('/track/v1/referencenumbers', reference('SHOE_SIZE', 'IF-42'));
    expect(unknown.status).toBe(400);
    expect((await errorsOf(unknown)).errors).toEqual([{ code: 'TRACKING.REFERENCETYPE.INVALID', message: 'Please provide a valid reference/associated type.' }]);
  });

  it('finds by SHIPPER_REFERENCE (the customer reference) and by GROUND_SHIPMENT_ID (a Ground shipment’s master number)', async () => {
    const { client, trackingNumber } = await setup();
    const byShipperReference = await json<TrackResponseBody>(await client.post('/track/v1/referencenumbers', reference('SHIPPER_REFERENCE', 'IF-42')));
    expect(byShipperReference.output.completeTrackResults.map((r) => r.trackingNumber)).toEqual([trackingNumber]);
    const byGroundId = await json<TrackResponseBody>(await client.post('/track/v1/referencenumbers', reference('GROUND_SHIPMENT_ID', trackingNumber)));
    expect(byGroundId.output.completeTrackResults.map((r) => r.trackingNumber)).toEqual([trackingNumber]);
    const billOfLading = await json<TrackResponseBody>(await client.post('/track/v1/referencenumbers', reference('BILL_OF_LADING', 'IF-42')));
    expect(billOfLading.output.completeTrackResults[0]?.trackResults[0]?.error?.code).toBe('TRACKING.REFERENCENUMBER.NOTFOUND');
  });

  it('10.6: needs an account, or a destination country with its postal code where the country is postal-aware', async () => {
    const { client, trackingNumber } = await setup();
    const base = { value: 'IF-42', shipDateBegin: '2025-01-01', shipDateEndDate: TODAY };
    const noAccount = await client.post('/track/v1/referencenumbers', { referencesInformation: base });
    expect((await errorsOf(noAccount)).errors).toEqual([{ code: 'TRACKING.REFERENCEDATA.INCOMPLETE', message: 'Please enter an account number or destination country/territory and postal code.' }]);
    const noPostal = await client.post('/track/v1/referencenumbers', { referencesInformation: { ...base, destinationCountryCode: 'US' } });
    expect((await errorsOf(noPostal)).errors[0]?.code).toBe('TRACKING.REFERENCEDATA.INCOMPLETE');
    const emptyAccount = await client.post('/track/v1/referencenumbers', { referencesInformation: { ...base, accountNumber: '' } });
    expect((await errorsOf(emptyAccount)).errors[0]?.code).toBe('TRACKING.ACCOUNTNUMBER.EMPTY');
    const emptyValue = await client.post('/track/v1/referencenumbers', { referencesInformation: { ...base, value: ' ', accountNumber: '740561073' } });
    expect((await errorsOf(emptyValue)).errors[0]?.code).toBe('TRACKING.REFERENCEVALUE.EMPTY');
    const byDestination = await client.post('/track/v1/referencenumbers', { referencesInformation: { ...base, destinationCountryCode: 'US', destinationPostalCode: '78701' } });
    expect((await json<TrackResponseBody>(byDestination)).output.completeTrackResults.map((r) => r.trackingNumber)).toEqual([trackingNumber]);
  });

  it('10.8: without an account, a reference two accounts’ shipments share is TRACKING.DATA.NOTUNIQUE; with one, it is found', async () => {
    const { double, client, trackingNumber } = await setup({ accountNumbers: ['740561073', '510087020'] });
    await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-42', accountNumber: '510087020' }));
    const byDestination = { value: 'IF-42', shipDateBegin: '2025-01-01', shipDateEndDate: TODAY, destinationCountryCode: 'US', destinationPostalCode: '78701' };
    const ambiguous = await json<TrackResponseBody>(await client.post('/track/v1/referencenumbers', { referencesInformation: byDestination }));
    expect(ambiguous.output.completeTrackResults[0]?.trackResults[0]?.error).toEqual({
      code: 'TRACKING.DATA.NOTUNIQUE',
      message: 'A unique match was not found. Please resubmit your request with a FedEx service or enter your FedEx account number.',
    });
    const withAccount = await json<TrackResponseBody>(await client.post('/track/v1/referencenumbers', buildReferenceTrackRequest('IF-42', '2025-01-01', TODAY)));
    expect(withAccount.output.completeTrackResults.map((r) => r.trackingNumber)).toEqual([trackingNumber]);
    expect(double.stats.referenceTrackRequests).toBe(2);
  });
});

describe('10.7: the ship-date window', () => {
  it.each([
    ['2025-01-06', '2025-01-07', undefined],
    ['2024-12-08', '2025-01-06', undefined],
    ['2025-01-06', '2025-01-08', 'TRACKING.SHIPDATEEND.FUTURE'],
    ['2025-01-06', '2025-01-01', 'TRACKING.SHIPDATERANGE.ERROR'],
    ['2024-12-01', '2025-01-06', 'TRACKING.SHIPDATERANGE.ERROR'],
    ['2022-12-01', '2022-12-20', 'TRACKING.SHIPDATERANGE.ERROR'],
    ['2025-1-6', '2025-01-06', 'REFERENCETRACKING.SHIPDATERANGE.INVALID'],
  ])('%s to %s with an account → %s', async (begin, end, code) => {
    expect(dateWindowError(begin, end, TODAY, true)?.code).toBe(code);
    const { client } = await setup();
    const response = await client.post('/track/v1/referencenumbers', buildReferenceTrackRequest('IF-42', begin, end));
    expect(response.status).toBe(code ? 400 : 200);
    if (code) expect((await errorsOf(response)).errors[0]?.code).toBe(code);
  });
});

describe('10.9: the daily Track quota', () => {
  it('answers 429 once a project has used its Track requests for the UTC day, and again after 00:00 GMT', async () => {
    const { double, client, trackingNumber } = await setup({ trackDailyQuota: 3 });
    for (let i = 0; i < 3; i += 1) expect((await client.post('/track/v1/trackingnumbers', buildTrackRequest([trackingNumber]))).status).toBe(200);
    const refused = await client.post('/track/v1/referencenumbers', buildReferenceTrackRequest('IF-42', '2025-01-01', TODAY));
    expect(refused.status).toBe(429);
    expect((await errorsOf(refused)).errors[0]?.message).toBe('Too many requests - Daily transaction quota exceeded. Retry after 12:00AM GMT');
    expect(double.stats.trackQuotaRefusals).toBe(1);
    double.clock.set(Date.UTC(2025, 0, 7, 0, 0, 1));
    expect((await client.post('/track/v1/trackingnumbers', buildTrackRequest([trackingNumber]))).status).toBe(200);
  });
});
