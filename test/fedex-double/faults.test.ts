import { describe, expect, it } from 'vitest';
import { createFedexDouble } from './app';
import { readFixtureJson } from './fixtures';
import { buildAddressRequest, buildReferenceTrackRequest, buildShipRequest, buildTrackRequest } from './request-builders';
import { startFedexDouble } from './server';
import { apiClient, credentials, errorsOf, json, tokenRequest, type ShipResponseBody, type TrackResponseBody } from './test-support';

const TRACK = buildTrackRequest(['123456789012']);

describe('failNext', () => {
  it('answers the next requests of a scope with FedEx’s 503 body, then recovers', async () => {
    const double = createFedexDouble();
    double.faults.failNext(2, 503, 'track');
    const client = apiClient(double);
    const sample = readFixtureJson<{ errors: unknown }>('samples/error-503-service-unavailable.json');
    const first = await client.post('/track/v1/trackingnumbers', TRACK, { 'x-customer-transaction-id': 'ct-503' });
    expect(first.status).toBe(503);
    const body = await errorsOf(first);
    expect(body.errors).toEqual(sample.errors);
    expect(body.customerTransactionId).toBe('ct-503');
    expect((await client.post('/ship/v1/shipments', buildShipRequest())).status).toBe(200);
    expect((await client.post('/track/v1/trackingnumbers', TRACK)).status).toBe(503);
    expect((await client.post('/track/v1/trackingnumbers', TRACK)).status).toBe(200);
    expect(double.stats.injectedFailures).toBe(2);
    expect(double.stats.responsesByStatus['503']).toBe(2);
  });

  it('defaults to FedEx’s 500 body on any endpoint, the token endpoint included', async () => {
    const double = createFedexDouble();
    double.faults.failNext(1);
    const response = await tokenRequest(double.fetch, credentials(double));
    expect(response.status).toBe(500);
    expect((await errorsOf(response)).errors).toEqual(readFixtureJson<{ errors: unknown }>('samples/error-500-internal-server-error.json').errors);
    expect(double.stats.tokenRequests.refused).toBe(1);
    expect((await tokenRequest(double.fetch, credentials(double))).status).toBe(200);
  });

  it('refuses statuses other than 500 and 503', () => {
    expect(() => createFedexDouble().faults.failNext(1, 404 as 500)).toThrow(RangeError);
  });
});

describe('burst429', () => {
  it('answers the next requests with 429 whatever the real rate, and counts them', async () => {
    const double = createFedexDouble();
    double.faults.burst429(2, 'ship');
    const client = apiClient(double);
    expect((await client.post('/track/v1/trackingnumbers', TRACK)).status).toBe(200);
    const refused = await client.post('/ship/v1/shipments', buildShipRequest());
    expect(refused.status).toBe(429);
    expect((await errorsOf(refused)).errors[0]?.message).toBe('We have received too many requests in a short duration. Please wait a while to try again.');
    expect((await client.post('/ship/v1/shipments', buildShipRequest())).status).toBe(429);
    expect((await client.post('/ship/v1/shipments', buildShipRequest())).status).toBe(200);
    expect(double.stats.status429).toBe(2);
    expect(double.stats.shipmentsCreated).toBe(1);
  });
});

describe('latency', () => {
  it('delays matching requests by real milliseconds (for client timeouts)', async () => {
    const double = createFedexDouble();
    double.faults.setLatency(60, 'address');
    const started = performance.now();
    expect((await apiClient(double).post('/address/v1/addresses/resolve', buildAddressRequest([{ streetLines: ['1 Main St'] }]))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(double.faults.latencyFor('track')).toBe(0);
  });
});

describe('dropResponseAfterCreate', () => {
  it('through app.fetch: the shipment is created and recorded, the caller gets TypeError("fetch failed")', async () => {
    const double = createFedexDouble();
    double.faults.dropResponseAfterCreate(1);
    const client = apiClient(double);
    const lost = client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-LOST' }));
    await expect(lost).rejects.toThrow(TypeError);
    await expect(lost).rejects.toThrow('fetch failed');

    const [record] = double.shipmentsByCustomerReference('IF-LOST');
    expect(record).toMatchObject({ kind: 'created', responseDropped: true });
    expect(double.stats).toMatchObject({ shipmentsCreated: 1, droppedResponses: 1 });
    expect(double.stats.shipmentsCreatedByCustomerReference).toEqual({ 'IF-LOST': 1 });

    // The way back: track by reference finds the label FedEx made.
    const found = await json<TrackResponseBody>(await client.post('/track/v1/referencenumbers', buildReferenceTrackRequest('IF-LOST', '2025-01-06', '2025-01-06')));
    expect(found.output.completeTrackResults.map((result) => result.trackingNumber)).toEqual([record!.masterTrackingNumber]);

    // One drop was armed: the next create answers normally.
    expect((await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-NEXT' }))).status).toBe(200);
  });

  it('over HTTP: the socket is destroyed, real fetch rejects, the shipment exists', async () => {
    const running = await startFedexDouble();
    try {
      running.double.faults.dropResponseAfterCreate(1);
      const client = apiClient(running.double, running.double.issueToken(), fetch, running.url);
      const error = await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-HTTP' })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe('fetch failed');
      expect(running.double.shipmentsByCustomerReference('IF-HTTP')).toHaveLength(1);
      const next = await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-HTTP-2' }));
      expect(next.status).toBe(200);
      expect((await json<ShipResponseBody>(next)).output.transactionShipments).toHaveLength(1);
    } finally {
      await running.close();
    }
  });
});
