// The webhook route's own checks, in-process; the full path into NetSuite is in test/e2e/webhooks.test.ts.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../../shared/src/test-fixtures';
import { signWebhookBody } from '../../../../test/fedex-double';
import { relayHarness } from '../../../../test/support/relay-harness';
import type { NetSuiteClient, RestletResult } from '../../netsuite/client';

const TOKEN = 'webhook-security-token-for-tests';

/** Records what the relay would hand to NetSuite, answering as NetSuite would. */
function netsuiteAnswering(result: RestletResult) {
  const received: unknown[] = [];
  const client = { postRestlet: async (payload: unknown) => (received.push(payload), result) } as unknown as NetSuiteClient;
  return { client, received };
}

async function setup(result: RestletResult) {
  const ns = netsuiteAnswering(result);
  const h = relayHarness({ webhooks: { securityToken: TOKEN, netsuite: ns.client } });
  const created = await h.createShipment(sampleRequest());
  const trackingNumber = created.body.masterTrackingNumber as string;
  const body = JSON.stringify({ eventId: 'e1', eventCreateTime: '2026-11-24T10:00:00-05:00', trackingNumber, output: { completeTrackResults: [h.double.track(trackingNumber)] } });
  const push = (headers: Record<string, string>, raw = body) => h.app.request('/webhooks/fedex/tracking', { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...headers } });
  return { ns, push, body, trackingNumber };
}

describe('POST /webhooks/fedex/tracking', () => {
  it('passes a correctly signed push to NetSuite as a normalized status', async () => {
    const { ns, push, body, trackingNumber } = await setup({ ok: true, status: 200, body: { applied: 1, unchanged: 0, unknown: [] } });
    const res = await push({ 'fdx-signature': signWebhookBody(body, TOKEN) });
    expect(res.status).toBe(200);
    expect(ns.received).toEqual([{ source: 'webhook', updates: [expect.objectContaining({ trackingNumber, found: true, status: 'LABEL_CREATED', fedexCode: 'OC' })] }]);
  });

  it('refuses unsigned, mis-signed and altered pushes without telling NetSuite', async () => {
    const { ns, push, body } = await setup({ ok: true, status: 200, body: {} });
    expect((await push({})).status).toBe(401);
    expect((await push({ 'fdx-signature': signWebhookBody(body, 'another-token') })).status).toBe(401);
    expect((await push({ 'fdx-signature': signWebhookBody(body, TOKEN) }, body.replace('e1', 'e2'))).status).toBe(401);
    expect((await push({ 'fdx-signature': 'not base64 at all' })).status).toBe(401);
    expect(ns.received).toEqual([]);
  });

  it('answers FedEx 503 when NetSuite is over its concurrency limit, so FedEx retries', async () => {
    const { push, body } = await setup({ ok: false, status: 400, retryable: true, code: 'SSS_REQUEST_LIMIT_EXCEEDED', message: 'Request limit exceeded' });
    const res = await push({ 'fdx-signature': signWebhookBody(body, TOKEN) });
    expect(res.status).toBe(503);
  });

  it('applies a push once: a replay is acknowledged without NetSuite; a push NetSuite refused is applied when retried', async () => {
    let answer: RestletResult = { ok: false, status: 503, retryable: true, code: 'SSS_REQUEST_LIMIT_EXCEEDED', message: 'busy' };
    const received: unknown[] = [];
    const netsuite = { postRestlet: async (payload: unknown) => (received.push(payload), answer) } as unknown as NetSuiteClient;
    const h = relayHarness({ webhooks: { securityToken: TOKEN, netsuite } });
    const created = await h.createShipment(sampleRequest());
    const body = JSON.stringify({ eventId: 'evt-0001-abcdef', eventCreateTime: '2026-11-24T10:00:00-05:00', output: { completeTrackResults: [h.double.track(created.body.masterTrackingNumber)] } });
    const push = () => h.app.request('/webhooks/fedex/tracking', { method: 'POST', body, headers: { 'content-type': 'application/json', 'fdx-signature': signWebhookBody(body, TOKEN) } });
    expect((await push()).status).toBe(503);
    answer = { ok: true, status: 200, body: { applied: 1, unchanged: 0, unknown: [] } };
    expect((await push()).status).toBe(200);
    const replay = await push();
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ accepted: 0, duplicate: true });
    expect(received).toHaveLength(2); // the refused push and its retry; never the replay
  });
});
