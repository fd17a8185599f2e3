// Token-based authentication (OAuth 1.0a, HMAC-SHA256) on RESTlets, over real loopback HTTP. The
// headers are built by test-support.ts's own RFC 5849 signer, not by the double's or the relay's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountServer } from '../http-server.js';
import type { NetSuiteDouble } from '../index.js';
import { signatureBaseString } from './tba.js';
import { authDouble, REALM, restletUrl, tbaHeader, type TbaInput } from './test-support.js';

const CREDS = {
  consumerKey: 'ef3a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a',
  consumerSecret: '1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c',
  tokenId: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
  tokenSecret: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
};

let ns: NetSuiteDouble;
let server: AccountServer;
let nonceCounter = 0;

beforeEach(async () => {
  ns = authDouble();
  ns.auth.registerTbaToken({ ...CREDS, entity: '-5' });
  server = await ns.listen({ authenticate: ns.auth.authenticator() });
});
afterEach(async () => {
  await server.close();
});

const nowSeconds = () => Math.floor(ns.clock.now() / 1000);

/** Sends a RESTlet request signed with `overrides` applied to valid TBA credentials. */
async function call(overrides: Partial<TbaInput> = {}, request: { method?: string; query?: string; body?: string; contentType?: string; sentBody?: string } = {}) {
  const method = request.method ?? 'GET';
  const url = restletUrl(server.origin, request.query ?? '');
  const authorization = tbaHeader({ ...CREDS, method, url, timestamp: nowSeconds(), nonce: `n0nce${++nonceCounter}x${Date.now()}`, ...overrides });
  const res = await fetch(url, {
    method,
    headers: { Authorization: authorization, 'Content-Type': request.contentType ?? 'application/json' },
    ...(request.sentBody ?? request.body ? { body: request.sentBody ?? request.body } : {}),
  });
  return { status: res.status, body: await res.text(), challenge: res.headers.get('www-authenticate') };
}

const lastDetail = () => ns.auth.loginAudit.at(-1)?.detail;

describe('TBA signature base string (RFC 5849 §3.4.1)', () => {
  it('matches the RFC’s own worked example', () => {
    // RFC 5849 §3.4.1.1: the request, its form body and the base string it prints.
    const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
    const oauth: [string, string][] = [
      ['realm', 'Example'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['oauth_signature', 'bYT5CMsGcbgUdFHObYMEfcx6bsw='],
    ];
    expect(signatureBaseString('POST', url, oauth, 'c2&a3=2+q')).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });
});

describe('TBA on RESTlets', () => {
  it('lets in a correctly signed request (GET with awkward query values, POST with JSON)', async () => {
    const get = await call({}, { query: `&q=${encodeURIComponent("a b+c!*'()~")}&a2=x&a=y` });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body)).toEqual({ method: 'GET', params: expect.objectContaining({ q: "a b+c!*'()~", a: 'y', a2: 'x' }) });
    const post = await call({ method: 'POST' }, { method: 'POST', body: JSON.stringify({ id: 7 }) });
    expect(JSON.parse(post.body)).toEqual({ method: 'POST', body: { id: 7 } });
    expect(ns.auth.stats.restlet).toEqual({ bearer: 0, tba: 2, refused: 0 });
    expect(ns.auth.loginAudit.at(-1)).toMatchObject({ method: 'tba', status: 'Success', application: CREDS.consumerKey, credential: CREDS.tokenId });
    expect(ns.auth.realm).toBe(REALM);
  });

  it('refuses, with 401 INVALID_LOGIN_ATTEMPT and no hint, every broken variant', async () => {
    const cases: [string, Partial<TbaInput>, string][] = [
      ['wrong consumer secret', { consumerSecret: 'x' + CREDS.consumerSecret.slice(1) }, 'signature_invalid'],
      ['wrong token secret', { tokenSecret: 'x' + CREDS.tokenSecret.slice(1) }, 'signature_invalid'],
      ['realm as the host writes it', { realm: '1234567-sb1' }, 'realm_rejected'],
      ['realm in lower case', { realm: '1234567_sb1' }, 'realm_rejected'],
      ['realm of another account', { realm: '7654321' }, 'realm_rejected'],
      ['HMAC-SHA1 (support ended 2023.1)', { signatureMethod: 'HMAC-SHA1' }, 'signature_method_rejected'],
      ['timestamp 6 minutes old', { timestamp: nowSeconds() - 360 }, 'timestamp_refused'],
      ['timestamp 6 minutes ahead', { timestamp: nowSeconds() + 360 }, 'timestamp_refused'],
      ['nonce of 5 characters', { nonce: 'abcde' }, 'nonce_rejected'],
      ['unknown consumer key', { consumerKey: 'unknown' }, 'consumer_key_unknown'],
      ['unknown token', { tokenId: 'unknown' }, 'token_rejected'],
      ['signed for another URL', { url: restletUrl(server.origin, '&extra=1') }, 'signature_invalid'],
      ['signed for another method', { method: 'POST' }, 'signature_invalid'],
    ];
    for (const [label, overrides, detail] of cases) {
      const res = await call(overrides);
      expect({ label, status: res.status, body: JSON.parse(res.body), detail: lastDetail() }).toEqual({
        label,
        status: 401,
        body: { error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } },
        detail,
      });
      expect(res.challenge).toBe(`OAuth realm="${REALM}", error="token_rejected", error_description="Invalid login attempt."`);
    }
    expect(ns.auth.stats.restlet).toEqual({ bearer: 0, tba: 0, refused: cases.length });
    expect(ns.invocations({ scriptId: 'customscript_auth_rl' })).toHaveLength(0);
  });

  it('uses a nonce once (per timestamp), and accepts timestamps within 5 minutes of the account clock', async () => {
    const fixed = { nonce: 'replayed-nonce-1', timestamp: nowSeconds() };
    expect((await call(fixed)).status).toBe(200);
    expect((await call(fixed)).status).toBe(401);
    expect(lastDetail()).toBe('nonce_used');
    ns.clock.advance(4 * 60_000);
    expect((await call({ timestamp: fixed.timestamp })).status).toBe(200);
    ns.clock.advance(2 * 60_000);
    expect((await call({ timestamp: fixed.timestamp })).status).toBe(401);
    expect(lastDetail()).toBe('timestamp_refused');
  });

  it('a forged request does not spend the nonce of the genuine one', async () => {
    const nonce = 'genuine-nonce';
    expect((await call({ nonce, tokenSecret: 'forged' })).status).toBe(401);
    expect((await call({ nonce })).status).toBe(200);
  });

  it('signs form bodies too: a changed form parameter breaks the signature', async () => {
    const form = { carrier: 'fedex', pieces: '2' };
    const signed = { method: 'POST', form };
    // Past the authenticator, the RESTlet itself refuses a form body (415): the point is the 401 before it.
    const honest = await call(signed, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(form).toString() });
    expect(honest.status).toBe(415);
    const tampered = await call(signed, { method: 'POST', contentType: 'application/x-www-form-urlencoded', sentBody: new URLSearchParams({ ...form, pieces: '3' }).toString() });
    expect(tampered.status).toBe(401);
    expect(lastDetail()).toBe('signature_invalid');
  });

  it('refuses malformed OAuth headers (unquoted values, a parameter twice)', async () => {
    for (const authorization of ['OAuth', 'OAuth realm=1234567_SB1', `OAuth realm="${REALM}", realm="${REALM}"`]) {
      const res = await fetch(restletUrl(server.origin), { headers: { Authorization: authorization, 'Content-Type': 'application/json' } });
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect(lastDetail()).toBe('MissingTokenPassportRequiredFields');
    }
  });
});
