import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFedexDouble } from './app';
import { buildShipRequest } from './request-builders';
import { apiClient, json, type ShipResponseBody } from './test-support';
import type { TrackingWebhookPayload } from './webhooks';

interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A loopback receiver that records what it gets and answers with `status`. */
let server: Server;
let url = '';
let status = 200;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(status).end(status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fedex/webhook`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** What a receiver does: HMAC-SHA256 over the raw bytes with the security token, constant-time compare. */
function verify(raw: Buffer, signatureHeader: string | string[] | undefined, securityToken: string): boolean {
  if (typeof signatureHeader !== 'string') return false;
  const expected = createHmac('sha256', securityToken).update(raw).digest();
  const given = Buffer.from(signatureHeader, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function shipped() {
  const double = createFedexDouble({ webhookSecurityToken: 'whsec-test', tokenLifetimeSeconds: 7 * 86_400 });
  const body = await json<ShipResponseBody>(await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-W' })));
  return { double, trackingNumber: body.output.transactionShipments[0]!.masterTrackingNumber };
}

describe('pushTrackingWebhook', () => {
  it('POSTs a Track-like event signed with fdx-signature = base64(HMAC-SHA256(raw body, security token))', async () => {
    status = 200;
    const { double, trackingNumber } = await shipped();
    double.clock.advance(31 * 3_600_000);
    const result = await double.pushTrackingWebhook({ url, trackingNumber });
    expect(result).toMatchObject({ status: 200, delivered: true, responseBody: 'ok' });

    const last = received[received.length - 1]!;
    expect(last.headers['content-type']).toBe('application/json');
    expect(verify(last.raw, last.headers['fdx-signature'], 'whsec-test')).toBe(true);
    expect(verify(last.raw, last.headers['fdx-signature'], 'another-token')).toBe(false);
    // Any change to the bytes breaks the signature: receivers must verify before parsing.
    expect(verify(Buffer.from(last.raw.toString('utf8').replace('"DL"', '"IT"')), last.headers['fdx-signature'], 'whsec-test')).toBe(false);

    const payload = JSON.parse(last.raw.toString('utf8')) as TrackingWebhookPayload;
    expect(payload.trackingNumber).toBe(trackingNumber);
    expect(payload.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.eventCreateTime).toBe('2025-01-07T17:00:00-05:00');
    const trackResult = payload.output.completeTrackResults[0]!.trackResults[0]!;
    expect(trackResult.latestStatusDetail?.code).toBe('DL');
    expect(trackResult.deliveryDetails?.receivedByName).toBe('J.DOE');
    expect(double.stats.webhookPushes).toEqual({ attempted: 1, delivered: 1, failed: 0 });
  });

  it('signs with a per-push security token, and can send a stale (out-of-order) event', async () => {
    status = 200;
    const { double, trackingNumber } = await shipped();
    const createdAt = double.clock.now();
    double.clock.advance(31 * 3_600_000);
    const result = await double.pushTrackingWebhook({ url, trackingNumber, securityToken: 'rotated', atMs: createdAt + 3 * 3_600_000 });
    const last = received[received.length - 1]!;
    expect(verify(last.raw, last.headers['fdx-signature'], 'rotated')).toBe(true);
    expect(result.payload.output.completeTrackResults[0]!.trackResults[0]!.latestStatusDetail?.code).toBe('PU');
  });

  it('reports a receiver’s refusal and an unreachable receiver without throwing', async () => {
    status = 500;
    const { double, trackingNumber } = await shipped();
    expect(await double.pushTrackingWebhook({ url, trackingNumber })).toMatchObject({ status: 500, delivered: false });
    const unreachable = await double.pushTrackingWebhook({ url: 'http://127.0.0.1:1/nothing', trackingNumber });
    expect(unreachable).toMatchObject({ status: 0, delivered: false });
    expect(unreachable.error).toBeTruthy();
    expect(double.stats.webhookPushes).toEqual({ attempted: 2, delivered: 0, failed: 2 });
    await expect(double.pushTrackingWebhook({ url, trackingNumber: '123456789012' })).rejects.toThrow('no shipment');
  });
});
