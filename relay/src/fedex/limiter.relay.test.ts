// Pacing and backpressure through the whole relay (signed HTTP request → idempotency store → FedEx
// client → limiter) against the FedEx double, whose own sliding-window counter answers 429 for any
// call past 1,400 in 10 s. Relay and double share one virtual clock, so no test waits in real time.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../shared/src/test-fixtures';
import type { CreateShipmentRequest } from '../../../shared/src/contract';
import { relayHarness, RELAY_TEST_SECRET, TEST_START_MS } from '../../../test/support/relay-harness';
import { signedHeaders } from '../../../test/support/relay-signing';
import { FEDEX_LIMITS, pacingIntervalMs } from './limiter';

/** The idempotency store has remembered for an hour: it can prove a key new (create-shipment.ts, rule 2). */
const RUNNING = { storeEpochMs: TEST_START_MS - 3_600_000 };
/** As the SuiteApp sends a create: its Shipment record was created a minute ago (`firstAttemptAt`). */
const fromNetSuite = (idempotencyKey: string): CreateShipmentRequest => ({ ...sampleRequest(), idempotencyKey, firstAttemptAt: TEST_START_MS - 60_000 });

describe('relay pacing against the FedEx double', () => {
  it('2,000 concurrent creates on a fresh limiter and token cache: every one created, not one 429 from FedEx, one token, paced not stalled', async () => {
    const h = relayHarness(RUNNING); // FedEx's real limit on both sides: 1,400 per 10 s
    const started = h.clock.now();
    const results = await Promise.all(Array.from({ length: 2_000 }, (_, i) => h.createShipment(fromNetSuite(`paced-${i}`))));
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const stats = h.double.stats;
    expect(stats.status429).toBe(0); // the double refuses any call beyond 1,400 in a sliding 10 s
    expect(stats.referenceTrackRequests).toBe(0); // each key proven new: no lookup first
    expect(stats.transactions.byEndpoint['ship.create']).toBe(2_000);
    expect(stats.shipmentsCreated).toBe(2_000);
    expect(stats.tokenRequests.total).toBe(1);
    // Evenly at the pacing interval: the 2,000th starts 1,999 intervals (14.6 s) after the first.
    const span = h.clock.now() - started;
    expect(span).toBeGreaterThanOrEqual(1_999 * pacingIntervalMs(FEDEX_LIMITS) - 1);
    expect(span).toBeLessThan(1_999 * pacingIntervalMs(FEDEX_LIMITS) + 1_000);
  }, 120_000); // 2,000 creates through the double's schema validation: CPU-bound, slow on a loaded machine

  it('2,000 concurrent creates on a relay that just restarted: a lookup before each create, still never a window over the cap', async () => {
    // Its memory began now, so no key can be proven new: each create is looked up by reference
    // first, and the lookups share FedEx's 1,400 per 10 s with the creates.
    const h = relayHarness();
    const results = await Promise.all(Array.from({ length: 2_000 }, (_, i) => h.createShipment(fromNetSuite(`restarted-${i}`))));
    const stats = h.double.stats;
    expect(stats.status429).toBe(0);
    expect(stats.referenceTrackRequests).toBe(2_000);
    for (const [i, r] of results.entries()) {
      const live = h.liveShipments(`restarted-${i}`);
      if (r.status === 201) expect(live.map((s) => s.masterTrackingNumber)).toEqual([r.body.masterTrackingNumber]);
      else {
        // A turn that would come too late is refused before the create: definite, nothing bought.
        expect(r.status).toBe(503);
        expect(r.body.error.code).toBe('RELAY_OVERLOADED');
        expect(live).toEqual([]);
      }
    }
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1_000);
  }, 180_000);

  it('refuses at once with 503 RELAY_OVERLOADED and Retry-After, before calling FedEx, a request whose turn would come past its deadline', async () => {
    // 20 per 10 s: a turn every 526 ms, so a 40 s deadline (35 s of turns) fits about 67 in line.
    const h = relayHarness({ double: { transactionLimit: { max: 20, windowMs: 10_000 } }, transactionsPerWindow: 20, ...RUNNING });
    await h.fedex.tokens.get();
    const t0 = h.clock.now();
    const send = async (i: number) => {
      const text = JSON.stringify(fromNetSuite(`overload-${i}`));
      const res = await h.app.request('/v1/shipments', { method: 'POST', body: text, headers: signedHeaders(RELAY_TEST_SECRET, 'POST', '/v1/shipments', text, { nowMs: h.clock.now() }) });
      return { i, status: res.status, retryAfter: res.headers.get('retry-after'), answeredAfter: h.clock.now() - t0, body: (await res.json()) as any };
    };
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => send(i)));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 503);
    expect(created.length + refused.length).toBe(100);
    expect(created.length).toBeGreaterThanOrEqual(60);
    expect(refused.length).toBeGreaterThanOrEqual(25);
    for (const r of refused) {
      expect(r.body.error).toMatchObject({ code: 'RELAY_OVERLOADED', retryable: true });
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(r.answeredAfter).toBe(0); // no waiting for an answer that was known at once
      // Definite: FedEx never saw it, so NetSuite may send it again without reconciling anything.
      expect(h.double.shipmentsByCustomerReference(`overload-${r.i}`)).toEqual([]);
    }
    // Those let into the line were served in their order, and the double never had to refuse one.
    expect(created.map((r) => r.i)).toEqual(created.map((r) => r.i).sort((a, b) => a - b));
    expect(h.double.stats.status429).toBe(0);
    expect(h.double.stats.transactions.total).toBe(created.length);
    // A refused key is free: the same request later (the line drained) creates the shipment, and
    // needs no lookup first (the refusal was definite, so the key was never marked sent).
    const again = await send(refused[0]!.i);
    expect(again.status).toBe(201);
    expect(h.double.stats.referenceTrackRequests).toBe(0);
  });
});
