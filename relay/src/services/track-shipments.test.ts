import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../shared/src/test-fixtures';
import { relayHarness } from '../../../test/support/relay-harness';

async function shipped(h: ReturnType<typeof relayHarness>, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await h.createShipment({ ...sampleRequest(), idempotencyKey: `trk-${i}` })).body.masterTrackingNumber);
  return out;
}

describe('POST /v1/tracking', () => {
  it('splits 95 numbers into 4 FedEx requests and answers one status per number, unknown ones included', async () => {
    const h = relayHarness();
    const numbers = [...(await shipped(h, 94)), '999999999999'];
    const res = await h.post('/v1/tracking', { shipments: numbers.map((trackingNumber) => ({ trackingNumber })) });
    expect(res.status).toBe(200);
    expect(h.double.stats.trackRequests).toBe(4);
    expect(res.body.results).toHaveLength(95);
    expect(res.body.results.slice(0, 94).every((r: { status: string }) => r.status === 'LABEL_CREATED')).toBe(true);
    expect(res.body.results[94]).toMatchObject({ trackingNumber: '999999999999', found: false, status: 'NOT_FOUND', error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND' } });
  });

  it('retries FedEx 5xx on Track, and turns batches FedEx keeps failing into per-number errors', async () => {
    const h = relayHarness();
    const numbers = await shipped(h, 31);
    const shipments = numbers.map((trackingNumber) => ({ trackingNumber }));
    h.double.faults.failNext(3, 500, 'track');
    const retried = await h.post('/v1/tracking', { shipments });
    expect(retried.body.results.every((r: { status: string }) => r.status === 'LABEL_CREATED')).toBe(true);
    h.double.faults.failNext(100, 503, 'track');
    const res = await h.post('/v1/tracking', { shipments });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(31);
    for (const r of res.body.results) expect(r).toMatchObject({ found: false, status: 'UNKNOWN', error: { message: expect.stringMatching(/FedEx Track failed for this batch/) } });
  });

  it('names every bad field of a malformed request', async () => {
    const h = relayHarness();
    const res = await h.post('/v1/tracking', { shipments: [{ trackingNumber: 'x' }, { trackingNumber: '123456789012', shipDate: '2026-13-01' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['shipments[0].trackingNumber', 'shipments[1].shipDate']);
  });
});
