// Requests the route schemas refuse get the connector's error body (shared/src/errors.ts), worded by
// the shared validator where it has a rule (exactly what the SuiteApp's own check says), by the
// schema otherwise; never zod's or Hono's own shape.
import { describe, expect, it } from 'vitest';
import { TRACK_REQUEST_MAX } from '../../../shared/src/contract';
import { sampleRequest } from '../../../shared/src/test-fixtures';
import { prepareCreateShipmentRequest, validateTrackRequest } from '../../../shared/src/validate';
import { RELAY_TEST_SECRET, relayHarness } from '../../../test/support/relay-harness';
import { signedHeaders } from '../../../test/support/relay-signing';

describe('refusing an invalid request', () => {
  const h = relayHarness();

  it('a create: the shared validator’s problems, every one, as before', async () => {
    const body = { ...sampleRequest(), packages: [], pickupType: 'WHENEVER', shipper: { ...sampleRequest().shipper, contact: { phoneNumber: 12 } } };
    const res = await h.post('/v1/shipments', body);
    expect(res.status).toBe(400);
    const shared = prepareCreateShipmentRequest(body);
    expect(shared.ok).toBe(false);
    if (shared.ok) return;
    expect(res.body.error).toMatchObject({ code: 'INVALID_REQUEST', retryable: false, fields: shared.problems });
    expect(res.body.error.message).toBe(`Invalid shipment request: ${shared.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    expect(Object.keys(res.body)).toEqual(['error']);
  });

  it('a create the shared validator accepts but the schema does not (firstAttemptAt): the schema’s words, same shape', async () => {
    const res = await h.post('/v1/shipments', { ...sampleRequest(), firstAttemptAt: 'yesterday' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'Invalid shipment request: firstAttemptAt must be a time in milliseconds since the epoch', fields: [{ path: 'firstAttemptAt', message: 'must be a time in milliseconds since the epoch' }] });
  });

  it('a tracking request: the shared validator’s problems', async () => {
    const body = { shipments: [{ trackingNumber: 'x' }, { trackingNumber: '794953555571', shipDate: '2026-02-30' }] };
    const res = await h.post('/v1/tracking', body);
    expect(res.status).toBe(400);
    const shared = validateTrackRequest(body, TRACK_REQUEST_MAX);
    expect(shared.ok).toBe(false);
    if (!shared.ok) expect(res.body.error.fields).toEqual(shared.problems);
  });

  it('a cancel: each missing field "is required"', async () => {
    const res = await h.post('/v1/shipments/cancel', {});
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'idempotencyKey', message: 'is required' },
      { path: 'trackingNumber', message: 'is required' },
    ]);
  });

  it('a body that is not JSON: the connector’s error, not the framework’s', async () => {
    const text = '{"shipments": [';
    const res = await h.app.request('/v1/tracking', { method: 'POST', body: text, headers: signedHeaders(RELAY_TEST_SECRET, 'POST', '/v1/tracking', text, { nowMs: h.clock.now() }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'The body is not valid JSON' });
  });
});
