// The relay's NetSuite client (M2M with jose, TBA) against the NetSuite double's own, independent
// verification: the token is minted once and reused until shortly before its 60 minutes run out.
import { exportPKCS8, generateKeyPair } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { NetSuiteClient } from '../../relay/src/netsuite/client';
import { RELAY_SECRET_ID, SCRIPTS } from '../../shared/src/ids';
import { createNetSuiteDouble } from '../netsuite-double';
import { VirtualClock } from '../support/virtual-clock';

const START = Date.UTC(2026, 10, 24, 12);
const MINUTE = 60_000;

async function account() {
  const ns = createNetSuiteDouble({ accountId: '7654321_SB1', time: START, apiSecrets: { [RELAY_SECRET_ID]: 'x'.repeat(40) } });
  const server = await ns.listen({ authenticate: ns.auth.authenticator() });
  const restletUrl = server.scriptUrl(SCRIPTS.statusRestlet.scriptId, SCRIPTS.statusRestlet.deploymentId);
  return { ns, server, restletUrl };
}

const EMPTY_UPDATE = { source: 'webhook', updates: [] };

describe('relay → NetSuite authentication', () => {
  it('M2M: one token for an hour of calls, renewed shortly before expiry, never used expired', async () => {
    const { ns, server, restletUrl } = await account();
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    ns.auth.registerIntegration({ clientId: 'cid', certificateId: 'kid-1', publicKey, algorithms: ['ES256'], scopes: ['restlets'] });
    const clock = new VirtualClock(START);
    const client = new NetSuiteClient({
      restletUrl,
      clock,
      auth: { kind: 'm2m', config: { tokenUrl: ns.auth.tokenUrl(), clientId: 'cid', certificateId: 'kid-1', privateKeyPem: await exportPKCS8(privateKey), algorithm: 'ES256', scopes: ['restlets'] } },
    });
    const tick = (ms: number) => {
      clock.advance(ms);
      ns.clock.advance(ms);
    };
    // A cold start with 20 webhooks at once: one token request (single flight).
    const first = await Promise.all(Array.from({ length: 20 }, () => client.postRestlet(EMPTY_UPDATE)));
    expect(first.every((r) => r.ok)).toBe(true);
    expect(ns.auth.stats.tokenRequests.ok).toBe(1);
    tick(54 * MINUTE);
    expect((await client.postRestlet(EMPTY_UPDATE)).ok).toBe(true);
    expect(ns.auth.stats.tokenRequests.ok).toBe(1);
    tick(2 * MINUTE); // 56 minutes: inside the renewal margin, answered with the old token while it renews
    expect((await client.postRestlet(EMPTY_UPDATE)).ok).toBe(true);
    await vi.waitFor(() => expect(ns.auth.stats.tokenRequests.ok).toBe(2));
    expect(client.tokenRequests).toBe(2);
    expect(ns.auth.stats.restlet.refused).toBe(0);
    await server.close();
  });

  it('M2M: a key NetSuite does not know gets no token and the call reports a retryable failure', async () => {
    const { ns, server, restletUrl } = await account();
    const registered = await generateKeyPair('PS256');
    const other = await generateKeyPair('PS256', { extractable: true });
    ns.auth.registerIntegration({ clientId: 'cid', certificateId: 'kid-1', publicKey: registered.publicKey, algorithms: ['PS256'], scopes: ['restlets'] });
    const client = new NetSuiteClient({
      restletUrl,
      clock: new VirtualClock(START),
      auth: { kind: 'm2m', config: { tokenUrl: ns.auth.tokenUrl(), clientId: 'cid', certificateId: 'kid-1', privateKeyPem: await exportPKCS8(other.privateKey), algorithm: 'PS256', scopes: ['restlets'] } },
    });
    expect(await client.postRestlet(EMPTY_UPDATE)).toMatchObject({ ok: false, retryable: true, code: 'NETSUITE_AUTH' });
    expect(ns.auth.stats.tokenRequests.refused).toBe(1);
    await server.close();
  });

  it('TBA: a correct signature passes, a wrong token secret is refused', async () => {
    const { ns, server, restletUrl } = await account();
    ns.auth.registerTbaToken({ consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'ti', tokenSecret: 'ts' });
    const tba = (tokenSecret: string) =>
      new NetSuiteClient({ restletUrl, clock: new VirtualClock(START), auth: { kind: 'tba', credentials: { accountId: '7654321_SB1', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'ti', tokenSecret } } });
    expect(await tba('ts').postRestlet(EMPTY_UPDATE)).toMatchObject({ ok: true, status: 200, body: { applied: 0, unchanged: 0, unknown: [] } });
    expect(await tba('wrong').postRestlet(EMPTY_UPDATE)).toMatchObject({ ok: false, status: 401, code: 'INVALID_LOGIN_ATTEMPT' });
    await server.close();
  });
});
