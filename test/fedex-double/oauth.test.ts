import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFedexDouble } from './app';
import { fixturePath, readFixtureJson } from './fixtures';
import { buildTrackRequest } from './request-builders';
import { validateResponseBody } from './schemas';
import { apiClient, credentials, errorsOf, json, tokenRequest } from './test-support';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('POST /oauth/token', () => {
  it('issues an opaque bearer token shaped like FedEx’s sample and valid against its schema', async () => {
    const double = createFedexDouble({ tokenLifetimeSeconds: 1800 });
    const response = await tokenRequest(double.fetch, credentials(double));
    expect(response.status).toBe(200);
    const body = await json<Record<string, unknown>>(response);
    const sample = readFixtureJson<Record<string, unknown>>('samples/oauth-token-200.json');
    expect(Object.keys(body).sort()).toEqual(Object.keys(sample).sort());
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(validateResponseBody('oauth.token', 200, body)).toEqual([]);
    const second = await json<{ access_token: string }>(await tokenRequest(double.fetch, credentials(double)));
    expect(second.access_token).not.toBe(body.access_token);
    expect(double.stats.tokenRequests).toMatchObject({ total: 2, ok: 2, refused: 0 });
    expect(double.stats.transactions.total).toBe(0);
  });

  it('answers wrong credentials with FedEx’s 401 body', async () => {
    const double = createFedexDouble();
    const response = await tokenRequest(double.fetch, { ...credentials(double), client_secret: 'wrong' });
    expect(response.status).toBe(401);
    const body = await errorsOf(response);
    expect(body.errors).toEqual(readFixtureJson<{ errors: unknown }>('samples/oauth-token-401-not-authorized.json').errors);
    expect(body.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(validateResponseBody('oauth.token', 401, body)).toEqual([]);
    expect(double.stats.tokenRequests).toMatchObject({ refused: 1, invalidCredentials: 1 });
    expect(double.stats.status401).toBe(1);
  });

  it('rejects a missing field, a JSON body and a `scope` field with 400 naming the field', async () => {
    const double = createFedexDouble();
    const missing = await tokenRequest(double.fetch, { grant_type: 'client_credentials', client_id: double.config.clientId });
    expect(missing.status).toBe(400);
    expect((await errorsOf(missing)).errors[0]?.message).toContain('client_secret is required');

    const withScope = await tokenRequest(double.fetch, { ...credentials(double), scope: 'CXS' });
    expect(withScope.status).toBe(400);
    expect((await errorsOf(withScope)).errors.map((e) => e.parameterList?.[0]?.value)).toEqual(['scope']);

    const asJson = await double.fetch('/oauth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials(double)) });
    expect(asJson.status).toBe(400);
    expect(double.stats.tokenRequests.invalidRequest).toBe(3);
  });

  it('accepts several projects, each with its own credentials', async () => {
    const double = createFedexDouble({ projects: [{ clientId: 'second-project', clientSecret: 's3cret' }] });
    const response = await tokenRequest(double.fetch, { grant_type: 'client_credentials', client_id: 'second-project', client_secret: 's3cret' });
    expect(response.status).toBe(200);
  });
});

describe('per-IP token thresholds (3/s for 5 s, or 1/s over 2 min → 403 for 10 minutes)', () => {
  const forbiddenErrors = readFixtureJson<{ errors: unknown }>('samples/error-403-forbidden.json').errors;

  it('refuses the 15th request within 5 s with 403, for 10 minutes on the clock', async () => {
    const double = createFedexDouble();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      statuses.push((await tokenRequest(double.fetch, credentials(double))).status);
      double.clock.advance(300); // 15 requests in 4.2 s: 3.6 per second
    }
    expect(statuses.slice(0, 14).every((status) => status === 200)).toBe(true);
    expect(statuses[14]).toBe(403);

    double.clock.advance(9 * MINUTE);
    const stillRefused = await tokenRequest(double.fetch, credentials(double));
    expect(stillRefused.status).toBe(403);
    expect((await errorsOf(stillRefused)).errors).toEqual(forbiddenErrors);

    // The violation was at ~4.2 s; ten minutes after it the IP may ask again.
    double.clock.advance(MINUTE + 5 * SECOND);
    expect((await tokenRequest(double.fetch, credentials(double))).status).toBe(200);
    expect(double.stats.tokenRequests.refusedByThreshold).toBe(2);
    expect(double.stats.status403).toBe(2);
  });

  it('allows 14 requests in 5 s, and the same rate again once the window has moved', async () => {
    const double = createFedexDouble();
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 14; i += 1) {
        expect((await tokenRequest(double.fetch, credentials(double))).status).toBe(200);
        double.clock.advance(350);
      }
      double.clock.advance(5 * SECOND);
    }
  });

  it('triggers on 1 request per second sustained for 2 minutes', async () => {
    const double = createFedexDouble();
    const statuses: number[] = [];
    for (let i = 0; i < 120; i += 1) {
      statuses.push((await tokenRequest(double.fetch, credentials(double))).status);
      double.clock.advance(SECOND - 5); // 120 requests in 119.4 s
    }
    expect(statuses.indexOf(403)).toBe(119);
  });

  it('extends the penalty while violations continue', async () => {
    const double = createFedexDouble();
    for (let i = 0; i < 15; i += 1) await tokenRequest(double.fetch, credentials(double));
    // Keep hammering at 4/s for 8 minutes, then stop.
    for (let i = 0; i < 8 * 60 * 4; i += 1) {
      double.clock.advance(250);
      await tokenRequest(double.fetch, credentials(double));
    }
    double.clock.advance(9 * MINUTE);
    expect((await tokenRequest(double.fetch, credentials(double))).status).toBe(403);
    double.clock.advance(MINUTE + SECOND);
    expect((await tokenRequest(double.fetch, credentials(double))).status).toBe(200);
  });

  it('counts per IP (x-forwarded-for through app.fetch) and never limits API calls', async () => {
    const double = createFedexDouble();
    for (let i = 0; i < 15; i += 1) await tokenRequest(double.fetch, credentials(double), { 'x-forwarded-for': '10.0.0.1' });
    expect((await tokenRequest(double.fetch, credentials(double), { 'x-forwarded-for': '10.0.0.1' })).status).toBe(403);
    expect((await tokenRequest(double.fetch, credentials(double), { 'x-forwarded-for': '10.0.0.2' })).status).toBe(200);
    const track = await apiClient(double).post('/track/v1/trackingnumbers', buildTrackRequest(['123456789012']), { 'x-forwarded-for': '10.0.0.1' });
    expect(track.status).toBe(200);
  });
});

describe('bearer tokens on API calls', () => {
  const expiredErrors = readFixtureJson<{ errors: unknown }>('samples/error-401-token-expired.json').errors;

  it('answers a missing or expired token with FedEx’s 401 NOT.AUTHORIZED.ERROR body, and a token it never issued with the sandbox’s real body', async () => {
    const double = createFedexDouble({ tokenLifetimeSeconds: 3600 });
    const token = (await json<{ access_token: string }>(await tokenRequest(double.fetch, credentials(double)))).access_token;
    const track = buildTrackRequest(['123456789012']);

    expect((await apiClient(double, token).post('/track/v1/trackingnumbers', track)).status).toBe(200);
    double.clock.advance(3600 * SECOND - 1);
    expect((await apiClient(double, token).post('/track/v1/trackingnumbers', track)).status).toBe(200);
    double.clock.advance(1);
    const expired = await apiClient(double, token).post('/track/v1/trackingnumbers', track);
    expect(expired.status).toBe(401);
    expect((await errorsOf(expired)).errors).toEqual(expiredErrors);

    const unknown = await apiClient(double, 'not-a-token').post('/track/v1/trackingnumbers', track);
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toBe(readFileSync(fixturePath('real/hometech-error-1.json'), 'utf8'));
    const missing = await double.fetch('/track/v1/trackingnumbers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(track) });
    expect(missing.status).toBe(401);
    expect((await errorsOf(missing)).errors[0]?.code).toBe('NOT.AUTHORIZED.ERROR');
    expect(double.stats.unauthorizedByReason).toEqual({ missing: 1, unknown: 1, expired: 1 });
    expect(double.stats.status401).toBe(3);
    expect(double.stats.transactions.total).toBe(2);
  });

  it('expires every token on demand (expireTokens)', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    expect(double.expireTokens()).toBe(1);
    expect((await client.post('/track/v1/trackingnumbers', buildTrackRequest(['123456789012']))).status).toBe(401);
  });

  it('answers 403 FORBIDDEN.ERROR when the project lacks the API (a Track-only key on Ship)', async () => {
    const double = createFedexDouble({ projects: [{ clientId: 'track-only', clientSecret: 'x', capabilities: ['track'] }] });
    const client = apiClient(double, double.issueToken('track-only'));
    const ship = await client.post('/ship/v1/shipments', {});
    expect(ship.status).toBe(403);
    expect((await errorsOf(ship)).errors[0]?.code).toBe('FORBIDDEN.ERROR');
    expect((await client.post('/track/v1/trackingnumbers', buildTrackRequest(['123456789012']))).status).toBe(200);
  });
});
