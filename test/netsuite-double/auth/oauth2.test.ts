// OAuth 2.0 client credentials against the account double over real loopback HTTP: the token
// endpoint checks the client assertion; the token it issues opens RESTlets for 60 minutes of the
// account's clock.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import type { AccountServer } from '../http-server.js';
import type { NetSuiteDouble } from '../index.js';
import { authDouble, clientCredentialsForm, postToken, restletUrl, signAssertion, type AssertionInput } from './test-support.js';

const CLIENT_ID = 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2';
const CERT_ID = 'Jp1x7eT0fF0mW4uP8sQ2rL6nB3kV9yH5cD1aZ7gM0oE';

let ns: NetSuiteDouble;
let server: AccountServer;
let keys: { publicKey: CryptoKey; privateKey: CryptoKey };
const nowSeconds = () => Math.floor(ns.clock.now() / 1000);

beforeAll(async () => {
  keys = await generateKeyPair('PS256'); // RSA key generation is the slow part: once for the file
});
beforeEach(async () => {
  ns = authDouble();
  ns.auth.registerIntegration({ clientId: CLIENT_ID, certificateId: CERT_ID, publicKey: keys.publicKey, algorithms: ['PS256', 'ES256'], scopes: ['restlets', 'rest_webservices'] });
  server = await ns.listen({ authenticate: ns.auth.authenticator() });
});
afterEach(async () => {
  await server.close();
});

/** A valid assertion, as the documentation describes it; `overrides` breaks one thing at a time. */
function assertion(overrides: Partial<AssertionInput> = {}): Promise<string> {
  const iat = nowSeconds();
  return signAssertion({ privateKey: keys.privateKey, alg: 'PS256', kid: CERT_ID, iss: CLIENT_ID, aud: ns.auth.tokenUrl(), scope: 'restlets,rest_webservices', iat, exp: iat + 3600, ...overrides });
}

async function token(overrides: Partial<AssertionInput> = {}): Promise<string> {
  const res = await postToken(ns.auth.tokenUrl(), clientCredentialsForm(await assertion(overrides)));
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

function callRestlet(authorization?: string, contentType = 'application/json') {
  return fetch(restletUrl(server.origin, '&shipment=42'), { headers: { ...(authorization ? { Authorization: authorization } : {}), 'Content-Type': contentType } });
}

const lastAudit = () => ns.auth.loginAudit.at(-1);

describe('OAuth 2.0 token endpoint (client credentials)', () => {
  it('exchanges a valid assertion for a 60-minute bearer token that opens RESTlets', async () => {
    expect(ns.auth.tokenUrl()).toBe(`${server.origin}/services/rest/auth/oauth2/v1/token`);
    const res = await postToken(ns.auth.tokenUrl(), clientCredentialsForm(await assertion()));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });

    const call = await callRestlet(`Bearer ${res.body.access_token as string}`);
    expect(call.status).toBe(200);
    expect(await call.json()).toEqual({ method: 'GET', params: expect.objectContaining({ shipment: '42' }) });
    expect(ns.auth.stats).toEqual({ tokenRequests: { ok: 1, refused: 0 }, restlet: { bearer: 1, tba: 0, refused: 0 } });
    expect(lastAudit()).toMatchObject({ method: 'oauth2-bearer', status: 'Success', application: CLIENT_ID, credential: CERT_ID });
  });

  it('takes ES256 and the scope as an array; public keys as JWK or SPKI PEM', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    ns.auth.registerIntegration({ clientId: 'client-ec', certificateId: 'cert-ec-jwk', publicKey: await exportJWK(ec.publicKey), algorithms: ['ES256'] });
    ns.auth.registerIntegration({ clientId: 'client-ec', certificateId: 'cert-ec-pem', publicKey: await exportSPKI(ec.publicKey), algorithms: ['ES256'] });
    for (const kid of ['cert-ec-jwk', 'cert-ec-pem']) {
      const t = await token({ privateKey: ec.privateKey, alg: 'ES256', kid, iss: 'client-ec', scope: ['restlets'] });
      expect((await callRestlet(`Bearer ${t}`)).status).toBe(200);
    }
  });

  it('refuses a bad assertion with 400 {"error":"invalid_grant"} and nothing more, whatever is wrong', async () => {
    const other = await generateKeyPair('PS256');
    const rsa = await generateKeyPair('RS256');
    ns.auth.registerIntegration({ clientId: 'client-rs', certificateId: 'cert-rs', publicKey: rsa.publicKey, algorithms: ['PS256'] });
    const iat = nowSeconds();
    const cases: [string, Partial<AssertionInput>, string][] = [
      ['signed with another key', { privateKey: other.privateKey }, 'InvalidSignature'],
      ['aud is the production URL, not this account’s token URL', { aud: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token' }, 'AudienceMismatch'],
      ['aud with a trailing slash', { aud: `${server.origin}/services/rest/auth/oauth2/v1/token/` }, 'AudienceMismatch'],
      ['expired', { iat: iat - 7200, exp: iat - 3600 }, 'AssertionExpired'],
      ['lives longer than 60 minutes', { exp: iat + 3601 }, 'AssertionLifetimeTooLong'],
      ['issued in the future', { iat: iat + 600, exp: iat + 1200 }, 'IssuedInTheFuture'],
      ['no exp', { exp: undefined }, 'InvalidClaim:exp'],
      ['RS256 (refused since 2025-03)', { privateKey: rsa.privateKey, alg: 'RS256', kid: 'cert-rs', iss: 'client-rs' }, 'AlgorithmRejected'],
      ['unknown kid', { kid: 'no-such-certificate' }, 'UnknownCertificate'],
      ['no kid', { kid: undefined }, 'UnknownCertificate'],
      ['iss is not the client mapped to the certificate', { iss: 'another-client' }, 'IssuerMismatch'],
      ['no scope', { scope: undefined }, 'InvalidScope'],
      ['an unknown scope', { scope: 'restlets,everything' }, 'InvalidScope'],
      ['a scope the integration record lacks', { scope: 'restlets,suite_analytics' }, 'ScopeMismatched'],
      ['typ is not JWT', { typ: 'at+jwt' }, 'MalformedAssertion'],
    ];
    for (const [label, overrides, detail] of cases) {
      const res = await postToken(ns.auth.tokenUrl(), clientCredentialsForm(await assertion(overrides)));
      expect({ label, status: res.status, body: res.body }).toEqual({ label, status: 400, body: { error: 'invalid_grant' } });
      expect({ label, detail: lastAudit()?.detail }).toEqual({ label, detail });
    }
    expect(ns.auth.stats.tokenRequests).toEqual({ ok: 0, refused: cases.length });
  });

  it('checks the form: grant_type, client_assertion_type, parameters once each, form encoding', async () => {
    const good = clientCredentialsForm(await assertion());
    const url = ns.auth.tokenUrl();
    expect((await postToken(url, { ...good, grant_type: 'authorization_code' })).body).toEqual({ error: 'unsupported_grant_type' });
    expect((await postToken(url, { ...good, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' })).body).toEqual({ error: 'invalid_request' });
    const { client_assertion: _dropped, ...missing } = good;
    expect((await postToken(url, missing)).body).toEqual({ error: 'invalid_request' });
    const twice = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `${new URLSearchParams(good)}&grant_type=client_credentials` });
    expect([twice.status, await twice.json()]).toEqual([400, { error: 'invalid_request' }]);
    const asJson = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(good) });
    expect([asJson.status, await asJson.json()]).toEqual([400, { error: 'invalid_request' }]);
    expect((await postToken(url, good)).status).toBe(200);
  });

  it('refuses to register what NetSuite refuses: RS256, a private key, an unknown scope', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    expect(() => ns.auth.registerIntegration({ clientId: 'x', certificateId: 'y', publicKey: rsa.publicKey, algorithms: ['RS256' as 'PS256'] })).toThrow(/RS256/);
    expect(() => ns.auth.registerIntegration({ clientId: 'x', certificateId: 'y', publicKey: rsa.privateKey })).toThrow(/PUBLIC/);
    expect(() => ns.auth.registerIntegration({ clientId: 'x', certificateId: 'y', publicKey: rsa.publicKey, scopes: ['all' as 'restlets'] })).toThrow(/scope/);
  });
});

describe('bearer tokens on RESTlets', () => {
  it('lapse after 60 minutes on the account clock', async () => {
    const t = await token();
    ns.clock.advance(59 * 60_000 + 59_000);
    expect((await callRestlet(`Bearer ${t}`)).status).toBe(200);
    ns.clock.advance(1_000);
    const lapsed = await callRestlet(`Bearer ${t}`);
    expect(lapsed.status).toBe(401);
    expect(await lapsed.json()).toEqual({ error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } });
    expect(lapsed.headers.get('www-authenticate')).toBe('Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."');
    expect(lastAudit()).toMatchObject({ method: 'oauth2-bearer', status: 'Failure', detail: 'AccessTokenExpired' });
    // A new assertion gets a new token: there is no refresh token in this flow.
    expect((await callRestlet(`Bearer ${await token()}`)).status).toBe(200);
    expect(ns.auth.stats.tokenRequests.ok).toBe(2);
  });

  it('need the restlets scope', async () => {
    const t = await token({ scope: 'rest_webservices' });
    expect((await callRestlet(`Bearer ${t}`)).status).toBe(401);
    expect(lastAudit()?.detail).toBe('InvalidScope');
  });

  it('refuses tokens it never issued, no credentials, other schemes, the test authorization; text/plain callers get the text error', async () => {
    for (const authorization of ['Bearer not-a-token-of-this-account', undefined, 'Basic dXNlcjpwYXNz', server.testAuthorization]) {
      const res = await callRestlet(authorization);
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
    }
    const text = await callRestlet('Bearer nope', 'text/plain');
    expect(await text.text()).toBe('error code: INVALID_LOGIN_ATTEMPT\nerror message: Invalid login attempt.');
    expect(ns.auth.stats.restlet).toEqual({ bearer: 0, tba: 0, refused: 5 });
    expect(ns.invocations({ scriptId: 'customscript_auth_rl' })).toHaveLength(0);
  });

  it('a token from another account double is unknown here', async () => {
    const elsewhere = authDouble();
    elsewhere.auth.registerIntegration({ clientId: CLIENT_ID, certificateId: CERT_ID, publicKey: keys.publicKey });
    const otherServer = await elsewhere.listen({ authenticate: elsewhere.auth.authenticator() });
    const iat = Math.floor(elsewhere.clock.now() / 1000);
    const foreign = await postToken(
      elsewhere.auth.tokenUrl(),
      clientCredentialsForm(await signAssertion({ privateKey: keys.privateKey, alg: 'PS256', kid: CERT_ID, iss: CLIENT_ID, aud: elsewhere.auth.tokenUrl(), scope: 'restlets', iat, exp: iat + 3600 })),
    );
    await otherServer.close();
    expect(foreign.status).toBe(200);
    expect((await callRestlet(`Bearer ${foreign.body.access_token as string}`)).status).toBe(401);
    expect(lastAudit()?.detail).toBe('InvalidSignature');
  });
});
