import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShipmentSummary } from './control';
import { buildShipRequest, buildTrackRequest } from './request-builders';
import { startFedexDouble, type RunningFedexDouble } from './server';
import type { DoubleStats } from './stats';
import { apiClient, json, type ApiClient, type ShipResponseBody, type TrackResponseBody } from './test-support';

describe('control routes under /__double/ (out-of-process use)', () => {
  let running: RunningFedexDouble;
  let client: ApiClient;
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${running.url}/__double/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const token = async () => {
    const response = await fetch(`${running.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: running.double.config.clientId, client_secret: running.double.config.clientSecret }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };

  beforeAll(async () => {
    running = await startFedexDouble({ tokenLifetimeSeconds: 7 * 86_400 });
    client = apiClient(running.double, await token(), fetch, running.url);
  });
  afterAll(async () => {
    await running.close();
  });

  it('drives clock, timeline, faults and shipments over HTTP', async () => {
    const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-C' })));
    const trackingNumber = created.output.transactionShipments[0]!.masterTrackingNumber;

    const listed = await control('shipments?customerReference=IF-C');
    expect(listed.status).toBe(200);
    const [summary] = listed.body.shipments as ShipmentSummary[];
    expect(summary).toMatchObject({ masterTrackingNumber: trackingNumber, customerReferences: ['IF-C'], status: 'OC', responseDropped: false, kind: 'created' });
    expect(summary!.request).toEqual(buildShipRequest({ customerReference: 'IF-C' }));

    const scripted = await control('timeline', { trackingNumber, steps: [{ afterMs: 1_000, code: 'DE', exceptionCode: '08', exceptionDescription: 'Customer not available or business closed' }] });
    expect(scripted).toEqual({ status: 200, body: { trackingNumber, status: 'OC' } });
    const moved = await control('clock', { advanceMs: 2_000 });
    expect(moved.body.now).toBe(Date.UTC(2025, 0, 6, 15, 0, 2));
    const tracked = await json<TrackResponseBody>(await client.post('/track/v1/trackingnumbers', buildTrackRequest([trackingNumber])));
    expect(tracked.output.completeTrackResults[0]!.trackResults[0]!.latestStatusDetail?.code).toBe('DE');

    const armed = await control('faults', { failNext: { count: 1, status: 503, scope: 'track' }, dropResponseAfterCreate: 1 });
    expect(armed.body).toMatchObject({ failNext: [{ remaining: 1, status: 503, scope: 'track' }], dropResponseAfterCreate: 1 });
    expect((await client.post('/track/v1/trackingnumbers', buildTrackRequest([trackingNumber]))).status).toBe(503);
    await expect(client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-D' }))).rejects.toThrow('fetch failed');
    expect((await control('shipments?customerReference=IF-D')).body.shipments[0]).toMatchObject({ responseDropped: true });

    const pushed = await control('webhook', { url: `${running.url}/not-a-receiver`, trackingNumber });
    expect(pushed.body).toMatchObject({ status: 404, delivered: false });

    const historic = await control('historic', { trackingNumber, shipDate: '2023-05-01', createdAt: Date.UTC(2023, 4, 1) });
    expect(historic.body).toMatchObject({ kind: 'historic', status: 'DL' });

    const stats = (await control('stats')).body as DoubleStats;
    expect(stats.shipmentsCreated).toBe(2);
    expect(stats.droppedResponses).toBe(1);
    expect(stats.injectedFailures).toBe(1);
    expect(stats.webhookPushes).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    // Control calls are not FedEx traffic; the webhook's 404 came from the FedEx surface.
    expect(stats.responsesByStatus).toEqual({ '200': 3, '503': 1, '404': 1 });

    expect(await control('tokens/expire', {})).toEqual({ status: 200, body: { expired: 1 } });
    expect((await client.post('/track/v1/trackingnumbers', buildTrackRequest([trackingNumber]))).status).toBe(401);

    expect(await control('reset', {})).toEqual({ status: 200, body: { ok: true } });
    expect((await control('shipments')).body.shipments).toEqual([]);
    expect((await control('stats')).body.shipmentsCreated).toBe(0);
    expect((await control('clock')).body.now).toBe(Date.UTC(2025, 0, 6, 15));
  });

  it('answers malformed control requests with 400 { error } and unknown numbers with 404', async () => {
    const bad = await control('clock', { advanceMs: -5 });
    expect(bad.status).toBe(400);
    expect(typeof bad.body.error).toBe('string');
    expect((await control('faults', { failNext: { count: 1, status: 404 } })).status).toBe(400);
    expect((await control('timeline', { trackingNumber: '123456789012', steps: [] })).status).toBe(404);
  });
});

describe('server.ts run directly', () => {
  it('prints FEDEX_DOUBLE_URL and serves until killed', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fedex-double/server.ts', '--port', '0', '--account', '111111111'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^FEDEX_DOUBLE_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
      });
      const clock = (await (await fetch(`${url}/__double/clock`)).json()) as { iso: string };
      expect(clock.iso).toBe('2025-01-06T15:00:00.000Z');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
