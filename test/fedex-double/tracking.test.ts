import { describe, expect, it } from 'vitest';
import { createFedexDouble, type FedexDoubleOptions } from './app';
import { readFixtureJson } from './fixtures';
import { buildReferenceTrackRequest, buildShipRequest, buildTrackRequest } from './request-builders';
import { validateResponseBody } from './schemas';
import { apiClient, errorsOf, json, type ApiClient, type ShipResponseBody, type TrackResponseBody } from './test-support';

const HOUR = 3_600_000;
const WEEK_SECONDS = 7 * 86_400;

async function setup(options: FedexDoubleOptions = {}) {
  const double = createFedexDouble({ tokenLifetimeSeconds: WEEK_SECONDS, ...options });
  const client = apiClient(double);
  const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-42' })));
  return { double, client, trackingNumber: created.output.transactionShipments[0]!.masterTrackingNumber };
}

async function track(client: ApiClient, numbers: string[], includeDetailedScans = true): Promise<TrackResponseBody> {
  const response = await client.post('/track/v1/trackingnumbers', buildTrackRequest(numbers, includeDetailedScans));
  expect(response.status).toBe(200);
  const body = await json<TrackResponseBody>(response);
  expect(validateResponseBody('track.trackingnumbers', 200, body)).toEqual([]);
  return body;
}

async function latest(client: ApiClient, trackingNumber: string) {
  const body = await track(client, [trackingNumber]);
  return body.output.completeTrackResults[0]!.trackResults[0]!;
}

describe('status on the double’s clock', () => {
  it('goes OC → PU → IT → OD → DL on the default schedule (2 h, 6 h, 24 h, 30 h)', async () => {
    const { double, client, trackingNumber } = await setup();
    const seen: string[] = [];
    for (const [advance, code] of [
      [0, 'OC'],
      [2 * HOUR - 1, 'OC'],
      [1, 'PU'],
      [4 * HOUR, 'IT'],
      [18 * HOUR, 'OD'],
      [6 * HOUR, 'DL'],
    ] as const) {
      double.clock.advance(advance);
      const result = await latest(client, trackingNumber);
      expect(result.latestStatusDetail?.code).toBe(code);
      seen.push(code);
    }
    expect(seen).toEqual(['OC', 'OC', 'PU', 'IT', 'OD', 'DL']);
  });

  it('reports FedEx’s fields for a delivered package: latest status, dates, scans newest first, receivedByName', async () => {
    const { double, client, trackingNumber } = await setup();
    const before = await latest(client, trackingNumber);
    expect(before.latestStatusDetail).toMatchObject({ code: 'OC', derivedCode: 'IN', statusByLocale: 'Label created' });
    expect(before.dateAndTimes?.find((entry) => entry.type === 'ESTIMATED_DELIVERY')?.dateTime).toBe('2025-01-07T16:00:00-05:00');

    double.clock.advance(31 * HOUR);
    const result = await latest(client, trackingNumber);
    expect(result.latestStatusDetail).toMatchObject({ code: 'DL', derivedCode: 'DL', statusByLocale: 'Delivered', description: 'Delivered' });
    const types = Object.fromEntries((result.dateAndTimes ?? []).map((entry) => [entry.type, entry.dateTime]));
    expect(types).toMatchObject({
      ACTUAL_PICKUP: '2025-01-06T12:00:00-05:00',
      ACTUAL_DELIVERY: '2025-01-07T16:00:00-05:00',
      SHIP: '2025-01-06T00:00:00-05:00',
    });
    expect(types.ESTIMATED_DELIVERY).toBeUndefined();
    expect(result.scanEvents?.map((event) => event.eventType)).toEqual(['DL', 'OD', 'IT', 'PU', 'OC']);
    const dates = result.scanEvents!.map((event) => Date.parse(event.date));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(result.scanEvents?.map((event) => event.derivedStatusCode)).toEqual(['DL', 'IT', 'IT', 'PU', 'IN']);
    expect(result.deliveryDetails?.receivedByName).toBe('J.DOE');
    // Same shape as the real FedEx Ground response for a delivered package.
    const real = readFixtureJson<TrackResponseBody>('samples/track-200-real-ground-delivered-738488882438.json').output.completeTrackResults[0]!.trackResults[0]!;
    for (const key of Object.keys(real).filter((k) => k !== 'standardTransitTimeWindow')) expect(result).toHaveProperty(key);
  });

  it('follows a configured schedule, or stays at OC with statusSchedule false', async () => {
    const fast = await setup({ statusSchedule: { pickedUpAfterMs: 60_000, inTransitAfterMs: 120_000, outForDeliveryAfterMs: 180_000, deliveredAfterMs: 240_000 } });
    fast.double.clock.advance(240_000);
    expect(fast.double.statusOf(fast.trackingNumber)).toBe('DL');
    const frozen = await setup({ statusSchedule: false });
    frozen.double.clock.advance(1000 * HOUR);
    expect(frozen.double.statusOf(frozen.trackingNumber)).toBe('OC');
  });

  it('plays a scripted path with a delivery exception (DE) before delivery', async () => {
    const { double, client, trackingNumber } = await setup();
    double.scriptTimeline(trackingNumber, [
      { afterMs: 2 * HOUR, code: 'PU' },
      { afterMs: 20 * HOUR, code: 'OD' },
      { afterMs: 22 * HOUR, code: 'DE', exceptionCode: '08', exceptionDescription: 'Customer not available or business closed' },
      { afterMs: 44 * HOUR, code: 'OD' },
      { afterMs: 46 * HOUR, code: 'DL', receivedByName: 'FRONT DESK' },
    ]);
    double.clock.advance(23 * HOUR);
    const exception = await latest(client, trackingNumber);
    expect(exception.latestStatusDetail).toMatchObject({ code: 'DE', derivedCode: 'DE', statusByLocale: 'Delivery exception' });
    expect(exception.scanEvents?.[0]).toMatchObject({ eventType: 'DE', exceptionCode: '08', exceptionDescription: 'Customer not available or business closed' });
    expect(exception.deliveryDetails?.deliveryAttempts).toBe('1');
    expect(exception.deliveryDetails?.receivedByName).toBeUndefined();

    double.clock.advance(24 * HOUR);
    const delivered = await latest(client, trackingNumber);
    expect(delivered.latestStatusDetail?.code).toBe('DL');
    expect(delivered.deliveryDetails?.receivedByName).toBe('FRONT DESK');
    expect(delivered.scanEvents?.map((event) => event.eventType)).toEqual(['DL', 'OD', 'DE', 'OD', 'PU', 'OC']);
  });

  it('scripts delays (DY) and returns to shipper (RS)', async () => {
    const { double, client, trackingNumber } = await setup();
    double.scriptTimeline(trackingNumber, [
      { afterMs: HOUR, code: 'PU' },
      { afterMs: 5 * HOUR, code: 'DY', exceptionCode: 'A52', exceptionDescription: 'Package delayed', delayType: 'WEATHER' },
      { afterMs: 50 * HOUR, code: 'RS' },
    ]);
    double.clock.advance(6 * HOUR);
    const delayed = (await track(client, [trackingNumber])).output.completeTrackResults[0]!.trackResults[0]! as Record<string, any>;
    expect(delayed.latestStatusDetail).toMatchObject({ code: 'DY', derivedCode: 'DY', delayDetail: { status: 'DELAYED' } });
    expect(delayed.scanEvents[0].delayDetail).toEqual({ type: 'WEATHER' });
    double.clock.advance(50 * HOUR);
    expect((await latest(client, trackingNumber)).latestStatusDetail?.code).toBe('RS');
  });

  it('returns only the latest scan when includeDetailedScans is false', async () => {
    const { double, client, trackingNumber } = await setup();
    double.clock.advance(25 * HOUR);
    const body = await track(client, [trackingNumber], false);
    expect(body.output.completeTrackResults[0]!.trackResults[0]!.scanEvents?.map((event) => event.eventType)).toEqual(['OD']);
  });

  it('tracks every piece of a multi-piece shipment', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ packages: 2 })));
    const numbers = created.output.transactionShipments[0]!.pieceResponses.map((piece) => piece.trackingNumber);
    const body = await track(client, numbers);
    expect(body.output.completeTrackResults.map((result) => result.trackingNumber)).toEqual(numbers);
    expect(body.output.completeTrackResults.every((result) => result.trackResults[0]!.latestStatusDetail?.code === 'OC')).toBe(true);
  });
});

describe('POST /track/v1/trackingnumbers limits and per-number errors', () => {
  it('accepts 30 numbers and rejects 31 with 400 TRACKING.TRACKINGNUMBERS.LIMITEXCEEDED', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    const numbers = Array.from({ length: 31 }, (_, i) => `7946${String(i).padStart(8, '0')}`);
    expect((await client.post('/track/v1/trackingnumbers', buildTrackRequest(numbers.slice(0, 30)))).status).toBe(200);
    const response = await client.post('/track/v1/trackingnumbers', buildTrackRequest(numbers));
    expect(response.status).toBe(400);
    const body = await errorsOf(response);
    expect(body.errors).toEqual([{ code: 'TRACKING.TRACKINGNUMBERS.LIMITEXCEEDED', message: 'Please limit your inquiry to 30 tracking numbers or references.' }]);
    expect(validateResponseBody('track.trackingnumbers', 400, body)).toEqual([]);
    expect(double.stats.numbersTracked).toBe(30);
  });

  it('answers an empty list or an empty number with FedEx’s TRACKING.TRACKINGNUMBER.EMPTY', async () => {
    const client = apiClient(createFedexDouble());
    const sample = readFixtureJson<{ errors: unknown }>('samples/track-400-trackingnumber-empty.json');
    for (const body of [buildTrackRequest([]), buildTrackRequest([''])]) {
      const response = await client.post('/track/v1/trackingnumbers', body);
      expect(response.status).toBe(400);
      expect((await errorsOf(response)).errors).toEqual(sample.errors);
    }
  });

  it('reports an unknown number inside the 200, beside a known one', async () => {
    const { client, trackingNumber } = await setup();
    const body = await track(client, ['123456789012', trackingNumber]);
    const [unknown, known] = body.output.completeTrackResults;
    expect(unknown).toEqual({
      trackingNumber: '123456789012',
      trackResults: [
        {
          trackingNumberInfo: { trackingNumber: '123456789012' },
          error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' },
        },
      ],
    });
    expect(known!.trackResults[0]!.latestStatusDetail?.code).toBe('OC');
  });

  it('returns two results for a reused number, older first, and narrows them by ship date', async () => {
    const { double, client, trackingNumber } = await setup();
    double.addHistoricShipment({ trackingNumber, shipDate: '2023-11-02', createdAt: Date.UTC(2023, 10, 2, 15) });
    const body = await track(client, [trackingNumber]);
    const results = body.output.completeTrackResults[0]!.trackResults;
    expect(results).toHaveLength(2);
    expect(results.map((result) => result.latestStatusDetail?.code)).toEqual(['DL', 'OC']);
    expect(results[0]!.trackingNumberInfo.trackingNumberUniqueId).not.toBe(results[1]!.trackingNumberInfo.trackingNumberUniqueId);
    expect(results[0]!.dateAndTimes?.find((entry) => entry.type === 'SHIP')?.dateTime.slice(0, 10)).toBe('2023-11-02');

    const narrowed = await client.post('/track/v1/trackingnumbers', {
      includeDetailedScans: true,
      trackingInfo: [{ shipDateBegin: '2025-01-01', shipDateEnd: '2025-01-07', trackingNumberInfo: { trackingNumber } }],
    });
    expect((await json<TrackResponseBody>(narrowed)).output.completeTrackResults[0]!.trackResults.map((r) => r.latestStatusDetail?.code)).toEqual(['OC']);
  });
});

describe('POST /track/v1/referencenumbers', () => {
  it('finds a shipment by customer reference, account and ship-date range', async () => {
    const { double, client, trackingNumber } = await setup();
    const response = await client.post('/track/v1/referencenumbers', buildReferenceTrackRequest('IF-42', '2025-01-01', '2025-01-07'));
    expect(response.status).toBe(200);
    const body = await json<TrackResponseBody>(response);
    expect(validateResponseBody('track.referencenumbers', 200, body)).toEqual([]);
    expect(body.output.completeTrackResults.map((result) => result.trackingNumber)).toEqual([trackingNumber]);
    expect(double.stats.referenceTrackRequests).toBe(1);
    expect(double.stats.transactions.byEndpoint['track.referencenumbers']).toBe(1);
  });

  it('answers no match (other dates, other account, other reference) with a per-result error in a 200', async () => {
    const { client } = await setup({ accountNumbers: ['740561073', '510087020'] });
    for (const request of [
      buildReferenceTrackRequest('IF-42', '2024-12-01', '2024-12-31'),
      buildReferenceTrackRequest('IF-42', '2025-01-01', '2025-01-07', '510087020'),
      buildReferenceTrackRequest('IF-43', '2025-01-01', '2025-01-07'),
    ]) {
      const body = await json<TrackResponseBody>(await client.post('/track/v1/referencenumbers', request));
      expect(body.output.completeTrackResults[0]!.trackResults[0]!.error?.code).toBe('TRACKING.REFERENCENUMBER.NOTFOUND');
    }
  });

  it('rejects a request without account number or destination, and one FedEx’s schema rejects', async () => {
    const { client } = await setup();
    const noAccount = await client.post('/track/v1/referencenumbers', {
      referencesInformation: { value: 'IF-42', shipDateBegin: '2025-01-01', shipDateEndDate: '2025-01-07' },
    });
    expect(noAccount.status).toBe(400);
    // track.json names the end date `shipDateEndDate`; `shipDateEnd` (as in its own example) is not enough.
    const wrongName = await client.post('/track/v1/referencenumbers', {
      referencesInformation: { value: 'IF-42', accountNumber: '740561073', shipDateBegin: '2025-01-01', shipDateEnd: '2025-01-07' },
    });
    expect(wrongName.status).toBe(400);
    expect((await errorsOf(wrongName)).errors.map((error) => error.parameterList?.[0]?.value)).toEqual(['referencesInformation.shipDateEndDate']);
  });
});
