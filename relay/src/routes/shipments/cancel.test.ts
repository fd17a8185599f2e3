// POST /v1/shipments/cancel against the FedEx double: a void counts only when FedEx confirms it.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../../shared/src/test-fixtures';
import { relayHarness, TEST_START_MS } from '../../../../test/support/relay-harness';

const KEY = sampleRequest().idempotencyKey;
const fresh = () => ({ ...sampleRequest(), firstAttemptAt: TEST_START_MS - 60_000 });

async function shipped(options: Parameters<typeof relayHarness>[0] = {}) {
  const h = relayHarness({ storeEpochMs: TEST_START_MS - 3600_000, ...options });
  const created = await h.createShipment(fresh());
  expect(created.status).toBe(201);
  const cancel = (body: Record<string, unknown> = {}) => h.post('/v1/shipments/cancel', { idempotencyKey: KEY, trackingNumber: created.body.masterTrackingNumber, accountNumber: '740561073', ...body });
  return { h, trackingNumber: created.body.masterTrackingNumber as string, cancel };
}

describe('POST /v1/shipments/cancel', () => {
  it('voids the shipment at FedEx, and a later create for the key makes a new one instead of replaying the void label', async () => {
    const { h, trackingNumber, cancel } = await shipped();
    const res = await cancel();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ idempotencyKey: KEY, trackingNumber, cancelled: true, alreadyCancelled: false });
    expect(h.liveShipments(KEY)).toEqual([]);
    expect(h.double.stats.cancellations).toBe(1);
    // The fulfillment is shipped again: same key, same body.
    const again = await h.createShipment(fresh());
    expect(again.status).toBe(201);
    expect(again.body.masterTrackingNumber).not.toBe(trackingNumber);
    expect(h.liveShipments(KEY).map((s) => s.masterTrackingNumber)).toEqual([again.body.masterTrackingNumber]);
  });

  it('answers a repeated void (its first answer lost) as already cancelled, not as a refusal', async () => {
    const { cancel } = await shipped();
    expect((await cancel()).status).toBe(200);
    const again = await cancel();
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ cancelled: true, alreadyCancelled: true });
  });

  it('reports a void FedEx refuses (picked up) as FEDEX_VOID_REFUSED naming the status; the label stays live', async () => {
    const { h, trackingNumber, cancel } = await shipped();
    h.double.scriptTimeline(trackingNumber, [{ afterMs: 0, code: 'PU' }]);
    const res = await cancel();
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'FEDEX_VOID_REFUSED', retryable: false });
    expect(res.body.error.message).toContain(trackingNumber);
    expect(res.body.error.message).toMatch(/status PU/);
    expect(h.liveShipments(KEY)).toHaveLength(1);
  });

  it('does not count a 2xx without cancelledShipment: true as a void', async () => {
    // FedEx's answer rewritten in flight: 200, but output.cancelledShipment false, and nothing cancelled.
    let cancelCalls = 0;
    const { h, cancel } = await shipped({
      fetch: (double) => async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.endsWith('/ship/v1/shipments/cancel')) return double.fetch(input, init);
        cancelCalls++;
        return new Response(JSON.stringify({ transactionId: 't', output: { cancelledShipment: false, cancelledHistory: false } }), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const res = await cancel();
    expect(cancelCalls).toBe(1);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('FEDEX_VOID_REFUSED');
    expect(res.body.error.message).toMatch(/without confirming it/);
    expect(h.liveShipments(KEY)).toHaveLength(1);
  });

  it('answers FedEx being down with a retryable error (voiding again is safe)', async () => {
    const { h, cancel } = await shipped();
    h.double.faults.failNext(20, 503, 'ship');
    const res = await cancel();
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'FEDEX_UNAVAILABLE', retryable: true });
  });

  it('names every bad field, and refuses an unsigned call', async () => {
    const { h } = await shipped();
    const res = await h.post('/v1/shipments/cancel', { idempotencyKey: 'has spaces', accountNumber: '12' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['accountNumber', 'idempotencyKey', 'trackingNumber']);
    const unsigned = await h.app.request('/v1/shipments/cancel', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
  });
});
