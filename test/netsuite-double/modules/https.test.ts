import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureIo, type IoState } from '../io/io-state.js';
import { testContext } from '../io/test-context.js';
import { startChildServer, type ChildServer } from '../sync-http/child-server.js';
import { testTlsIdentity } from '../../support/test-tls.js';
import { createCryptoModule } from './crypto.js';
import { createHttpsModule } from './https.js';

const SECRET = 'tok-9f8e7d6c5b4a';
const SERVER = new URL('../sync-http/loopback-server.mjs', import.meta.url);

let server: ChildServer;
let tlsServer: ChildServer;
beforeAll(async () => {
  server = await startChildServer(SERVER);
  tlsServer = await startChildServer(SERVER, [], [], testTlsIdentity());
});
afterAll(async () => {
  await server.stop();
  await tlsServer.stop();
});

/** Most tests here exercise the double's HTTP mechanics against a plain-http loopback server. */
function setup(policy: Partial<IoState['https']> = {}) {
  return setupStrict({ allowHttpLoopback: true, ...policy });
}

/** The account as NetSuite is: https only, trusting what `policy` says. */
function setupStrict(policy: Partial<IoState['https']> = {}) {
  const account = {};
  const io = configureIo(account, {
    apiSecrets: { custsecret_io_token: SECRET },
    declaredSecrets: ['custsecret_io_token'],
    https: policy,
  });
  const ctx = testContext(account, { limit: 1_000 });
  return { io, ctx, https: createHttpsModule(ctx), crypto: createCryptoModule(ctx) };
}

function echoOf(body: string) {
  const echo = JSON.parse(body) as { method: string; url: string; headers: Record<string, string>; body: string };
  return { ...echo, text: Buffer.from(echo.body, 'base64').toString('utf8') };
}

describe('N/https', () => {
  it('blocks until the response and returns code, headers and body; 10 units per call', () => {
    const { https, ctx } = setup();
    const response = https.post({
      url: `${server.origin}/echo?x=1`,
      headers: { 'Content-Type': 'application/json', Connection: 'keep-alive', 'X-Count': 3 },
      body: JSON.stringify({ a: 'é' }),
    });
    expect(response.code).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    const echo = echoOf(response.body);
    expect(echo).toMatchObject({ method: 'POST', url: '/echo?x=1', text: '{"a":"é"}' });
    expect(echo.headers['x-count']).toBe('3');
    expect(echo.headers.connection).not.toBe('keep-alive'); // blocked header dropped
    expect(ctx.governance.used).toBe(10);
    expect(Object.isFrozen(response)).toBe(true);
  });

  it('supports request/get/put/delete and the Method enum; form-encodes object bodies', () => {
    const { https, ctx } = setup();
    expect(echoOf(https.get({ url: `${server.origin}/echo` }).body).method).toBe('GET');
    expect(echoOf(https.delete({ url: `${server.origin}/echo` }).body).method).toBe('DELETE');
    const put = echoOf(https.put({ url: `${server.origin}/echo`, body: { a: '1 2', b: 'x&y' } }).body);
    expect(put).toMatchObject({ method: 'PUT', text: 'a=1%202&b=x%26y' });
    expect(put.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
    const patched = echoOf(https.request({ method: https.Method.PATCH, url: `${server.origin}/echo`, body: 'b' }).body);
    expect(patched).toMatchObject({ method: 'PATCH', text: 'b' });
    expect(patched.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(https.get({ url: `${server.origin}/status/503` })).toMatchObject({ code: 503, body: 'status 503' });
    expect(ctx.governance.used).toBe(50);
    expect(() => https.post({ url: `${server.origin}/echo` } as never)).toThrow(
      expect.objectContaining({ name: 'SSS_MISSING_REQD_ARGUMENT' }),
    );
  });

  it('times out with SSS_REQUEST_TIME_EXCEEDED at the configured total limit', () => {
    const { https } = setup({ totalTimeoutMs: 150 });
    expect(() => https.get({ url: `${server.origin}/delay/2000` })).toThrow(
      expect.objectContaining({ name: 'SSS_REQUEST_TIME_EXCEEDED' }),
    );
  });

  it('a refused connection throws SSS_CONNECTION_CLOSED and is logged', () => {
    const { https, io } = setup();
    expect(() => https.get({ url: 'http://127.0.0.1:1/nothing' })).toThrow(
      expect.objectContaining({ name: 'SSS_CONNECTION_CLOSED' }),
    );
    expect(io.outbound.at(-1)).toMatchObject({ url: 'http://127.0.0.1:1/nothing', result: 'SSS_CONNECTION_CLOSED' });
  });

  it('never leaves the machine unless told to, and refuses http when asked to', () => {
    const { https, ctx } = setup();
    expect(() => https.get({ url: 'https://apis.fedex.com/oauth/token' })).toThrow(
      expect.objectContaining({ name: 'SSS_INVALID_URL', message: expect.stringContaining('allowedHosts') }),
    );
    expect(() => https.get({ url: '/relative' })).toThrow(expect.objectContaining({ name: 'SSS_INVALID_URL' }));
    expect(() => setup({ allowHttpLoopback: false }).https.get({ url: `${server.origin}/echo` })).toThrow(
      expect.objectContaining({ name: 'SSS_INVALID_URL' }),
    );
    expect(ctx.governance.used).toBe(20); // charged before the URL is checked (the double's choice)
  });

  it('refuses http:// URLs by default with SSS_INVALID_URL, as NetSuite does', () => {
    const { https, io } = setupStrict();
    expect(() => https.get({ url: `${server.origin}/echo` })).toThrow(expect.objectContaining({ name: 'SSS_INVALID_URL', message: expect.stringContaining('HTTPS') }));
    expect(io.outbound).toHaveLength(0);
  });

  it('calls https, trusting exactly the certificates the account is given (else SSS_INVALID_HOST_CERT)', () => {
    const trusted = setupStrict({ trustedCertificates: [testTlsIdentity().cert] });
    expect(echoOf(trusted.https.get({ url: `${tlsServer.origin}/echo` }).body).method).toBe('GET');
    expect(() => setupStrict().https.get({ url: `${tlsServer.origin}/echo` })).toThrow(expect.objectContaining({ name: 'SSS_INVALID_HOST_CERT' }));
  });

  it('response headers are read by lower-case name, and a repeated header gives its first value (server SuiteScript)', () => {
    const { https } = setupStrict({ trustedCertificates: [testTlsIdentity().cert] });
    const response = https.get({ url: `${tlsServer.origin}/status/201` });
    expect(response.headers['x-status']).toBe('201');
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['X-Status']).toBeUndefined();
  });

  it('charges governance before sending: no units left, no request', () => {
    const { https, ctx, io } = setup();
    ctx.governance.charge(995, 'earlier work');
    expect(() => https.get({ url: `${server.origin}/echo` })).toThrow(
      expect.objectContaining({ name: 'SSS_USAGE_LIMIT_EXCEEDED' }),
    );
    expect(io.outbound).toHaveLength(0);
  });
});

describe('https.SecureString', () => {
  it('resolves {custsecret_…} only when sent in a header, URL or body', () => {
    const { https } = setup();
    const auth = https.createSecureString({ input: 'Bearer {custsecret_io_token}' });
    const body = https.createSecureString({ input: '{"t":"{custsecret_io_token}"}' });
    const url = https.createSecureString({ input: `${server.origin}/echo?k={custsecret_io_token}` });
    const echo = echoOf(https.post({ url, headers: { Authorization: auth, 'X-Plain': '{custsecret_io_token}' }, body }).body);
    expect(echo.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(echo.headers['x-plain']).toBe('{custsecret_io_token}'); // plain strings are never resolved
    expect(echo.text).toBe(`{"t":"${SECRET}"}`);
    expect(echo.url).toBe(`/echo?k=${SECRET}`);
  });

  it('HMAC of a SecureString equals node:crypto, and the script can read neither secret nor result', () => {
    const { https, crypto } = setup();
    const key = crypto.createSecretKey({ secret: 'custsecret_io_token', encoding: 'UTF_8' });
    const signature = https
      .createSecureString({ input: '1700000000.' })
      .appendString({ input: '{"id":1}' })
      .hmac({ algorithm: 'SHA256', key, resultEncoding: 'BASE_64' });
    const expected = createHmac('sha256', SECRET).update('1700000000.{"id":1}').digest('base64');
    const echo = echoOf(https.get({ url: `${server.origin}/echo`, headers: { 'X-Signature': signature } }).body);
    expect(echo.headers['x-signature']).toBe(expected);

    const readable = [String(signature), JSON.stringify(signature), Object.keys(signature).join(), `${signature}`];
    for (const text of readable) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(expected);
    }
  });

  it('hashes a secret, re-encodes, replaces and appends SecureStrings', () => {
    const { https } = setup();
    const hashed = https
      .createSecureString({ input: '{custsecret_io_token}' })
      .hash({ algorithm: 'SHA256', contentEncoding: 'UTF_8' }); // result defaults to HEX
    const b64 = https.createSecureString({ input: 'user:' }).appendSecureString({
      secureString: https.createSecureString({ input: '{custsecret_io_token}' }),
    });
    b64.convertEncoding({ fromEncoding: 'UTF_8', toEncoding: 'BASE_64' });
    const replaced = https.createSecureString({ input: 'a#b#{custsecret_io_token}' }).replaceString({
      pattern: '#',
      replacement: '%23',
    });
    const echo = echoOf(
      https.get({ url: `${server.origin}/echo`, headers: { 'X-H': hashed, 'X-B': b64, 'X-R': replaced } }).body,
    );
    expect(echo.headers['x-h']).toBe(createHash('sha256').update(SECRET).digest('hex').toUpperCase());
    expect(echo.headers['x-b']).toBe(Buffer.from(`user:${SECRET}`).toString('base64'));
    expect(echo.headers['x-r']).toBe(`a%23b%23${SECRET}`);
  });

  it('fails at the call that breaks it: binary digest as UTF-8 text, unknown secret', () => {
    const { https } = setup();
    const text = https.createSecureString({ input: 'x' });
    expect(() => text.hash({ algorithm: 'SHA256' })).toThrow(
      expect.objectContaining({ name: 'FAILED_TO_CONVERT_BINARY_DATA_TO_UTF_8' }),
    );
    expect(() => https.createSecureString({ input: 'Bearer {custsecret_io_nope}' })).toThrow(
      expect.objectContaining({ name: 'INVALID_SECRET_KEY' }),
    );
  });
});
