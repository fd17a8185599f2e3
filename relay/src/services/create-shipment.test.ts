// The relay's create path against the FedEx double: exactly one live label per idempotency key,
// whatever FedEx or the network does.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../shared/src/test-fixtures';
import { validateRequestBody } from '../../../test/fedex-double';
import { relayHarness, TEST_START_MS } from '../../../test/support/relay-harness';
import type { CreateShipmentRequest } from '../../../shared/src/contract';

const KEY = sampleRequest().idempotencyKey;
const HOUR = 3600_000;
/** A relay that has been running for an hour, so a key first attempted a minute ago is provably new to it. */
const RUNNING = { storeEpochMs: TEST_START_MS - HOUR };
/** A request whose Shipment record NetSuite created a minute ago. */
const fresh = (req: CreateShipmentRequest = sampleRequest()): CreateShipmentRequest => ({ ...req, firstAttemptAt: TEST_START_MS - 60_000 });

describe('POST /v1/shipments', () => {
  it('creates one shipment whose recipient, packages and references come from the request', async () => {
    const h = relayHarness();
    const req = sampleRequest({ packages: [{ weight: { units: 'LB', value: 4.5 } }, { weight: { units: 'LB', value: 2 } }] });
    const res = await h.createShipment(req);
    expect(res.status).toBe(201);
    expect(res.body.trackingNumbers).toHaveLength(2);
    expect(res.body.masterTrackingNumber).toBe(res.body.trackingNumbers[0]);
    expect(res.body.labels).toHaveLength(2);
    expect(Buffer.from(res.body.labels[0].content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.body.fedexTransactionId).toMatch(/[0-9a-f-]{36}/);
    const [shipment] = h.liveShipments(KEY);
    expect(shipment?.recipient).toMatchObject({ city: 'Memphis', postalCode: '38116', countryCode: 'US' });
    expect(shipment?.trackingNumbers).toEqual(res.body.trackingNumbers);
    expect(validateRequestBody('ship.create', shipment?.request).length).toBe(0);
  });

  it('answers a repeat, and a racing duplicate, with the first result and no second label', async () => {
    const h = relayHarness();
    const [a, b] = await Promise.all([h.createShipment(sampleRequest()), h.createShipment(sampleRequest())]);
    const again = await h.createShipment({ ...sampleRequest(), attempt: 2 });
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(new Set([a.body.masterTrackingNumber, b.body.masterTrackingNumber, again.body.masterTrackingNumber]).size).toBe(1);
    expect(h.double.stats.shipmentsCreatedByCustomerReference[KEY]).toBe(1);
  });

  it('refuses the same key with a different body (409) instead of answering with a shipment that does not match', async () => {
    const h = relayHarness();
    await h.createShipment(sampleRequest());
    const changed = sampleRequest();
    changed.recipient.address.city = 'Nashville';
    const res = await h.createShipment(changed);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(h.double.stats.shipmentsCreated).toBe(1);
  });

  it('renews an expired token once and retries: one shipment', async () => {
    const h = relayHarness();
    await h.createShipment({ ...sampleRequest(), idempotencyKey: 'warm-up-1' });
    h.double.expireTokens();
    const res = await h.createShipment(sampleRequest());
    expect(res.status).toBe(201);
    expect(h.double.stats.status401).toBe(1);
    expect(h.double.stats.tokenRequests.ok).toBe(2);
    expect(h.liveShipments(KEY)).toHaveLength(1);
  });

  it('rides out a burst of 429s and a 503 with backoff: one shipment', async () => {
    const h = relayHarness();
    h.double.faults.burst429(3, 'ship');
    const res = await h.createShipment(sampleRequest());
    expect(res.status).toBe(201);
    expect(h.double.stats.status429).toBe(3);
    h.double.faults.failNext(1, 503, 'ship');
    expect((await h.createShipment({ ...sampleRequest(), idempotencyKey: 'second-key' })).status).toBe(201);
    expect(h.liveShipments(KEY)).toHaveLength(1);
    expect(h.liveShipments('second-key')).toHaveLength(1);
    expect(h.clock.slept).toBeGreaterThan(0);
  });

  it('gives up on endless 429s with a retryable FEDEX_RATE_LIMITED, having bought nothing', async () => {
    const h = relayHarness();
    h.double.faults.burst429(50, 'ship');
    const res = await h.createShipment(sampleRequest());
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'FEDEX_RATE_LIMITED', retryable: true });
    expect(h.double.stats.shipmentsCreated).toBe(0);
  });

  it('sends a provably new key straight to FedEx: one create, no lookup', async () => {
    const h = relayHarness(RUNNING);
    const res = await h.createShipment(fresh());
    expect(res.status).toBe(201);
    expect(h.double.stats.referenceTrackRequests).toBe(0);
    expect(h.liveShipments(KEY)).toHaveLength(1);
  });

  it('looks a key up at FedEx first whenever its store cannot prove the key was never sent', async () => {
    const cases: [string, ReturnType<typeof relayHarness>, CreateShipmentRequest][] = [
      ['no firstAttemptAt', relayHarness(RUNNING), sampleRequest()],
      ['a relay just (re)started', relayHarness(), fresh()],
      ['attempt 2', relayHarness(RUNNING), { ...fresh(), attempt: 2 }],
      ['first attempted three days ago', relayHarness(RUNNING), { ...fresh(), firstAttemptAt: TEST_START_MS - 72 * HOUR }],
    ];
    for (const [name, h, req] of cases) {
      const res = await h.createShipment(req);
      expect(res.status, name).toBe(201);
      expect(h.double.stats.referenceTrackRequests, name).toBe(1);
      expect(h.liveShipments(KEY), name).toHaveLength(1);
    }
  });

  it('never blindly retries a create whose response was lost: finds it by reference, voids it, creates one', async () => {
    const h = relayHarness(RUNNING);
    h.double.faults.dropResponseAfterCreate(1);
    const res = await h.createShipment(fresh());
    expect(res.status).toBe(201);
    expect(res.body.notes.join(' ')).toMatch(/voided shipment \d+/);
    expect(h.double.stats.droppedResponses).toBe(1);
    expect(h.double.stats.referenceTrackRequests).toBe(1);
    const live = h.liveShipments(KEY);
    expect(live).toHaveLength(1);
    expect(live[0]?.masterTrackingNumber).toBe(res.body.masterTrackingNumber);
  });

  it('reconciles a shipment dated tomorrow, though FedEx refuses a lookup window ending after its tomorrow', async () => {
    // FedEx's today is 2026-11-24 (10:00 at -05:00); a window ending 11-26 is "in the future" for it.
    const h = relayHarness(RUNNING);
    h.double.faults.dropResponseAfterCreate(1);
    const res = await h.createShipment(fresh(sampleRequest({ shipDate: '2026-11-25' })));
    expect(res.status).toBe(201);
    expect(res.body.notes.join(' ')).toMatch(/voided shipment \d+/);
    expect(h.double.stats.responsesByStatus['400']).toBe(1); // the window ending 11-26, refused
    expect(h.liveShipments(KEY).map((s) => s.masterTrackingNumber)).toEqual([res.body.masterTrackingNumber]);
  });

  it('treats a 500 on create as an unknown outcome and reconciles the same way', async () => {
    const h = relayHarness(RUNNING);
    h.double.faults.failNext(1, 500, 'ship');
    const res = await h.createShipment(fresh());
    expect(res.status).toBe(201);
    expect(h.liveShipments(KEY)).toHaveLength(1);
  });

  it('after two unclear answers in a row keeps the key marked: a resend with the same attempt reconciles', async () => {
    const h = relayHarness(RUNNING);
    h.double.faults.dropResponseAfterCreate(2);
    // The create loses its answer, the re-create after voiding too: outcome unknown, and retryable.
    const first = await h.createShipment(fresh());
    expect(first.status).toBe(502);
    expect(first.body.error).toMatchObject({ code: 'FEDEX_OUTCOME_UNKNOWN', retryable: true });
    expect(h.double.stats.shipmentsCreatedByCustomerReference[KEY]).toBe(2);
    expect(h.liveShipments(KEY)).toHaveLength(1); // the second lost create is live, nobody knows its label
    const again = await h.createShipment(fresh()); // same attempt (1), same relay
    expect(again.status).toBe(201);
    const live = h.liveShipments(KEY);
    expect(live).toHaveLength(1);
    expect(live[0]?.masterTrackingNumber).toBe(again.body.masterTrackingNumber);
  });

  it('reconciles before creating when the same request comes again after a restart, whatever its attempt', async () => {
    for (const attempt of [1, 2]) {
      const h = relayHarness(RUNNING);
      h.double.faults.dropResponseAfterCreate(2);
      expect((await h.createShipment(fresh())).body.error.code).toBe('FEDEX_OUTCOME_UNKNOWN');
      const restarted = relayHarness({ existingDouble: h.double }); // empty idempotency store, new epoch
      const retry = await restarted.createShipment({ ...fresh(), attempt });
      expect(retry.status).toBe(201);
      const live = h.liveShipments(KEY);
      expect(live).toHaveLength(1);
      expect(live[0]?.masterTrackingNumber).toBe(retry.body.masterTrackingNumber);
    }
  });

  it('creates nothing while the key cannot be looked up, and keeps it marked', async () => {
    const h = relayHarness(RUNNING);
    h.double.faults.dropResponseAfterCreate(1);
    h.double.faults.failNext(50, 503, 'track');
    const res = await h.createShipment(fresh());
    expect(res.body.error).toMatchObject({ code: 'FEDEX_OUTCOME_UNKNOWN', retryable: true });
    expect(h.double.stats.shipmentsCreatedByCustomerReference[KEY]).toBe(1);
    h.double.faults.clear();
    expect((await h.createShipment(fresh())).status).toBe(201);
    expect(h.liveShipments(KEY)).toHaveLength(1);
  });

  it('refuses to create a second shipment when an earlier one is live and FedEx will not void it', async () => {
    const h = relayHarness(RUNNING);
    const first = await h.createShipment(fresh());
    h.double.scriptTimeline(first.body.masterTrackingNumber, [{ afterMs: 0, code: 'PU' }]);
    const restarted = relayHarness({ existingDouble: h.double });
    const res = await restarted.createShipment({ ...fresh(), attempt: 2 });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'FEDEX_VOID_REFUSED', retryable: false });
    expect(res.body.error.message).toContain(first.body.masterTrackingNumber);
    expect(h.double.stats.shipmentsCreatedByCustomerReference[KEY]).toBe(1);
  });

  it("passes FedEx's own rejection back with FedEx's code, and frees the key for a corrected request", async () => {
    const h = relayHarness(RUNNING);
    const res = await h.createShipment(fresh(sampleRequest({ accountNumber: '999999999' })));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('FEDEX_REJECTED');
    expect(res.body.error.fedexErrors[0].code).toMatch(/ACCOUNT/);
    // Nothing can be live: the corrected request needs no lookup.
    expect((await h.createShipment(fresh())).status).toBe(201);
    expect(h.double.stats.referenceTrackRequests).toBe(0);
  });

  it('answers 500 concurrent requests at a cold start with a single token request', async () => {
    const h = relayHarness();
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => h.createShipment({ ...sampleRequest(), idempotencyKey: `cold-${i}` })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(h.double.stats.tokenRequests.total).toBe(1);
    expect(h.double.stats.shipmentsCreated).toBe(500);
  });

  it('queues past 1,400 transactions in 10 s instead of drawing 429s', async () => {
    const h = relayHarness({ double: { transactionLimit: { max: 20, windowMs: 10_000 } }, transactionsPerWindow: 20, ...RUNNING });
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => h.createShipment(fresh({ ...sampleRequest(), idempotencyKey: `burst-${i}` }))));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(h.double.stats.status429).toBe(0);
    expect(h.clock.now() - 1).toBeGreaterThan(Date.UTC(2026, 10, 24, 15, 0, 20));
  });

  it("never trips FedEx's per-IP token penalty, even while the token endpoint is failing under load", async () => {
    const h = relayHarness();
    // The token endpoint keeps failing while 60 creates retry: without spacing, their retries would
    // ask for tokens far faster than FedEx's thresholds (15 in 5 s) and draw a 10-minute penalty.
    h.double.faults.failNext(1000, 503, 'token');
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => h.createShipment({ ...sampleRequest(), idempotencyKey: `token-storm-${i}` })));
    expect(results.every((r) => r.status === 503 && r.body.error.code === 'FEDEX_UNAVAILABLE' && r.body.error.retryable)).toBe(true);
    expect(h.double.stats.tokenRequests.refusedByThreshold).toBe(0);
    // One token request per 2 s over the 25 s retry budget at most.
    expect(h.double.stats.tokenRequests.total).toBeLessThanOrEqual(14);
    expect(h.double.stats.shipmentsCreated).toBe(0);
  });

  it("reads FedEx's real 401 body (error_description, no errors list) as an authorization failure", async () => {
    // Recorded from FedEx's sandbox (Home-Chef-Tech/fedex-rest-api, spec/vcr/...invalid_or_expired_access_token...yml).
    const body = '{\r\n  "error_description":"Invalid CXS JWT"\r\n}';
    const h = relayHarness({
      ...RUNNING,
      fetch: (double) => async (input, init) =>
        String(input instanceof Request ? input.url : input).endsWith('/ship/v1/shipments') ? new Response(body, { status: 401, headers: { 'content-type': 'application/json' } }) : double.fetch(input, init),
    });
    const res = await h.createShipment(fresh());
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'FEDEX_UNAUTHORIZED', retryable: false, fedexErrors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'Invalid CXS JWT' }] });
    expect(h.double.stats.tokenRequests.ok).toBe(2); // renewed once, as for an expired token
  });
});
