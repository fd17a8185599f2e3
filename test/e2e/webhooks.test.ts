// Issue 4, webhooks: FedEx double → relay (fdx-signature) → NetSuite RESTlet (OAuth 2.0 M2M or TBA,
// verified by the NetSuite double, logged in with the connector's integration role, which the
// RESTlet deployment's audience must include) → the same status update as the poll.
import { exportPKCS8, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIT, ROLES, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';
import { advanceClocks } from './tracking-clock';

const S = SHIPMENT.fields;
const HOUR = 3_600_000;
const WEBHOOK_TOKEN = 'fedex-webhook-security-token-e2e';
const stack = useStack({ webhookSecurityToken: WEBHOOK_TOKEN });

async function withWebhooks(auth: 'm2m' | 'tba', role: string = ROLES.integration) {
  const a = connectorAccount(stack());
  const server = await a.ns.listen({ authenticate: a.ns.auth.authenticator() });
  const restletUrl = server.scriptUrl(SCRIPTS.statusRestlet.scriptId, SCRIPTS.statusRestlet.deploymentId);
  if (auth === 'm2m') {
    const { publicKey, privateKey } = await generateKeyPair('PS256', { extractable: true });
    a.ns.auth.registerIntegration({ clientId: 'relay-client-id', certificateId: 'cert-1', publicKey, algorithms: ['PS256'], scopes: ['restlets'], entity: 'relay-integration-user', role });
    await stack().configureNetSuite({
      restletUrl,
      auth: { kind: 'm2m', config: { tokenUrl: a.ns.auth.tokenUrl(), clientId: 'relay-client-id', certificateId: 'cert-1', privateKeyPem: await exportPKCS8(privateKey), algorithm: 'PS256', scopes: ['restlets'] } },
    });
  } else {
    a.ns.auth.registerTbaToken({ consumerKey: 'ck-relay', consumerSecret: 'cs-relay', tokenId: 'ti-relay', tokenSecret: 'ts-relay', entity: 'relay-integration-user', role });
    await stack().configureNetSuite({
      restletUrl,
      auth: { kind: 'tba', credentials: { accountId: a.accountId, consumerKey: 'ck-relay', consumerSecret: 'cs-relay', tokenId: 'ti-relay', tokenSecret: 'ts-relay' } },
    });
  }
  const fulfillment = a.shipOrder(a.salesOrder());
  const trackingNumber = String(a.shipmentOf(fulfillment)?.fields[S.masterTrackingNumber]);
  const push = (securityToken?: string) =>
    stack().control('POST', 'webhook', { url: `${stack().relayUrl}/webhooks/fedex/tracking`, trackingNumber, ...(securityToken ? { securityToken } : {}) }) as Promise<{ status: number; delivered: boolean }>;
  return { a, server, fulfillment, trackingNumber, push, status: () => a.shipmentOf(fulfillment)?.fields[S.deliveryStatus] };
}

const updatesFrom = (a: ConnectorAccount, source: string) =>
  a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'STATUS_UPDATE' && JSON.parse(String(r.fields[AUDIT.fields.request])).source === source);

describe('FedEx tracking webhooks', () => {
  it('a signed push updates NetSuite through the RESTlet (M2M), once, and the poll then has nothing to add', async () => {
    const w = await withWebhooks('m2m');
    await stack().control('POST', 'clock', { advanceMs: 3 * HOUR });
    expect(await w.push()).toMatchObject({ status: 200, delivered: true });
    expect(w.status()).toBe('PICKED_UP');
    expect(await w.push()).toMatchObject({ status: 200 }); // the same event again
    expect(updatesFrom(w.a, 'webhook')).toHaveLength(1);
    w.a.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });
    expect(updatesFrom(w.a, 'poll')).toHaveLength(0);
    expect(w.a.ns.auth.stats.restlet.bearer).toBe(2);
    expect((await stack().relayNetSuiteStats()).tokenRequests).toBe(1); // the M2M token is reused
    await w.server.close();
  });

  it('authenticates with TBA when configured so', async () => {
    const w = await withWebhooks('tba');
    await stack().control('POST', 'clock', { advanceMs: 7 * HOUR });
    expect(await w.push()).toMatchObject({ status: 200 });
    expect(w.status()).toBe('IN_TRANSIT');
    expect(w.a.ns.auth.stats.restlet.tba).toBe(1);
    await w.server.close();
  });

  it("a role outside the RESTlet deployment's audience is refused, and the relay does not report success", async () => {
    for (const auth of ['m2m', 'tba'] as const) {
      const w = await withWebhooks(auth, 'ACCOUNTANT');
      await stack().control('POST', 'clock', { advanceMs: 3 * HOUR });
      const pushed = await w.push();
      expect(pushed.status, auth).not.toBe(200);
      expect(w.status() ?? '').toBe('');
      expect(w.a.ns.invocations({ scriptId: SCRIPTS.statusRestlet.scriptId })).toHaveLength(0);
      expect(w.a.ns.auth.stats.restlet[auth === 'm2m' ? 'bearer' : 'tba'], 'authenticated, then refused by the audience').toBeGreaterThan(0);
      await w.server.close();
    }
  });

  it('refuses a push with a wrong signature; NetSuite never hears of it', async () => {
    const w = await withWebhooks('m2m');
    await stack().control('POST', 'clock', { advanceMs: 3 * HOUR });
    expect(await w.push('not-the-security-token')).toMatchObject({ status: 401, delivered: false });
    expect(w.status() ?? '').toBe('');
    expect(w.a.ns.auth.stats.restlet.bearer).toBe(0);
    await w.server.close();
  });

  it('a NetSuite outage or concurrency limit makes the relay answer non-2xx, and a later poll repairs the state', async () => {
    const w = await withWebhooks('m2m');
    await stack().control('POST', 'timeline', { trackingNumber: w.trackingNumber, steps: [{ afterMs: 2 * HOUR, code: 'PU' }] });
    await stack().control('POST', 'clock', { advanceMs: 3 * HOUR });
    w.server.setUnavailable(true);
    expect((await w.push()).status).toBe(503);
    w.server.setUnavailable(false);
    const release = w.server.occupySlots(15);
    expect((await w.push()).status).toBe(503);
    release();
    expect(w.status() ?? '').toBe('');
    // The poll's first planned check of a new label (12 h after it) finds what the pushes could not deliver.
    await advanceClocks(stack(), w.a, 12 * HOUR);
    w.a.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });
    expect(w.status()).toBe('PICKED_UP');
    await w.server.close();
  });
});
