// Operating the relay, over HTTP against the built relay (node relay/dist/index.js) as production runs
// it: liveness and readiness, Prometheus metrics that move with what happens (and carry no request
// data), and log lines that carry the request id.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeRelayStatus, parsePrometheus, RELAY_METRICS } from '../../shared/src/relay-status';
import type { RunningFedexDouble } from '../fedex-double';
import { createFor, endTest, freePort, postSigned, relayEnv, startDoubleServer, startRelayProcess, waitFor, type RelayProcess } from '../support/relay-process';

let fedex: RunningFedexDouble;
let relay: RelayProcess | undefined;
beforeAll(async () => {
  fedex = await startDoubleServer();
});
afterEach(async (ctx) => {
  fedex.double.faults.clear();
  await endTest(ctx.task.result?.state === 'fail', relay, fedex);
  relay = undefined;
});
afterAll(() => fedex?.close());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as any };
};

/** The value of one series in Prometheus text format (0 when absent): `name{a="x",b="y"} value`. */
export function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',');
    if (wanted.every((pair) => have.includes(pair))) sum += Number(m[3]);
  }
  return sum;
}

describe('liveness and readiness', () => {
  it('/healthz answers all along; /readyz is 503 until a FedEx token is held, then 200', async () => {
    fedex.double.faults.failNext(1_000, 503, 'token'); // FedEx's token endpoint is down for now
    relay = await startRelayProcess(relayEnv(fedex));
    const url = relay.url;
    expect((await get(`${url}/healthz`)).status).toBe(200);
    const waiting = await get(`${url}/readyz`);
    expect(waiting.status).toBe(503);
    expect(waiting.json()).toMatchObject({ ready: false, checks: { 'fedex-token': expect.stringMatching(/no FedEx token/), shutdown: 'ok' } });
    const before = (await get(`${url}/metrics`)).text;
    expect(metric(before, RELAY_METRICS.fedexTokenExpiresInSeconds)).toBe(0);
    expect(metric(before, 'mlfx_relay_fedex_token_fetches_total', { outcome: 'refused' })).toBeGreaterThanOrEqual(1);
    expect((await get(`${url}/healthz`)).status).toBe(200);
    fedex.double.faults.clear(); // FedEx is back
    await waitFor('/readyz to turn ready', async () => (await get(`${url}/readyz`)).status === 200, 30_000, 100);
    expect((await get(`${url}/readyz`)).json()).toEqual({ ready: true, checks: { shutdown: 'ok', 'fedex-token': 'ok' } });
    const text = (await get(`${url}/metrics`)).text;
    // The double issues tokens for an hour: what is left of it, as the console reads it.
    expect(metric(text, RELAY_METRICS.fedexTokenExpiresInSeconds)).toBeGreaterThan(3000);
    expect(metric(text, RELAY_METRICS.fedexTokenExpiresInSeconds)).toBeLessThanOrEqual(3600);
    expect(metric(text, 'mlfx_relay_fedex_token_fetches_total', { outcome: 'ok' })).toBe(1);
  });

  it('/readyz is 503 naming Redis while the configured Redis cannot be reached; /healthz stays 200', async () => {
    const nowhere = await freePort();
    relay = await startRelayProcess(relayEnv(fedex, { REDIS_URL: `redis://127.0.0.1:${nowhere}` }));
    const ready = await get(`${relay.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.json().checks.redis).toMatch(/not connected/);
    expect((await get(`${relay.url}/healthz`)).status).toBe(200);
  });
});

describe('metrics', () => {
  it('move with a create, a replay, a FedEx 429, a void and a refused signature, and carry no request data', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    const url = relay.url;
    await waitFor('the FedEx token', async () => (await get(`${url}/readyz`)).status === 200, 30_000, 100);
    const first = createFor(101);
    const created = await postSigned(url, '/v1/shipments', first);
    expect(created.status).toBe(201);
    expect((await postSigned(url, '/v1/shipments', first)).status).toBe(200); // a resend: the stored answer
    fedex.double.faults.burst429(1, 'ship');
    const second = await postSigned(url, '/v1/shipments', createFor(102));
    expect(second.status).toBe(201); // retried after FedEx's 429
    const cancelled = await postSigned(url, '/v1/shipments/cancel', { idempotencyKey: first.idempotencyKey, trackingNumber: created.body.masterTrackingNumber, accountNumber: first.accountNumber as string });
    expect(cancelled.status).toBe(200);
    expect((await postSigned(url, '/v1/shipments', createFor(103), 'not-the-shared-secret-but-32-chars-long')).status).toBe(401);

    const scrape = await get(`${url}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scrape.text;
    const m = (name: string, labels: Record<string, string> = {}) => metric(text, name, labels);
    expect(m('mlfx_relay_http_requests_total', { route: '/v1/shipments', status: '201' })).toBe(2);
    expect(m('mlfx_relay_http_requests_total', { route: '/v1/shipments', status: '200' })).toBe(1);
    expect(m('mlfx_relay_http_requests_total', { route: '/v1/shipments', status: '401' })).toBe(1);
    expect(m('mlfx_relay_http_requests_total', { route: '/v1/shipments/cancel', status: '200' })).toBe(1);
    expect(m('mlfx_relay_errors_total', { route: '/v1/shipments', code: 'BAD_SIGNATURE' })).toBe(1);
    expect(m('mlfx_relay_idempotent_replays_total')).toBe(1);
    expect(m('mlfx_relay_fedex_calls_total', { operation: 'ship.create', outcome: 'ok' })).toBe(2);
    expect(m('mlfx_relay_fedex_calls_total', { operation: 'ship.create', outcome: 'rate_limited' })).toBe(1);
    expect(m('mlfx_relay_fedex_429_total', { operation: 'ship.create' })).toBe(1);
    expect(m('mlfx_relay_fedex_retries_total', { operation: 'ship.create' })).toBe(1);
    // Neither create proved its key new (no firstAttemptAt): each was looked up at FedEx first, and nothing was live.
    expect(m('mlfx_relay_reconciliations_total', { outcome: 'nothing_live' })).toBe(2);
    expect(m('mlfx_relay_voids_total', { trigger: 'cancel', outcome: 'voided' })).toBe(1);
    expect(m('mlfx_relay_fedex_token_fetches_total', { outcome: 'ok' })).toBe(1);
    expect(m('mlfx_relay_limiter_wait_seconds_count', { limiter: 'fedex-api' })).toBeGreaterThanOrEqual(5);
    expect(text).toMatch(new RegExp(`^${RELAY_METRICS.limiterQueueDepth}\\{limiter="fedex-api"\\} 0$`, 'm')); // nothing waits now
    expect(m(RELAY_METRICS.fedexTokenExpiresInSeconds)).toBeGreaterThan(0); // cached after the calls
    expect(m('mlfx_relay_http_request_duration_seconds_count', { route: '/v1/shipments' })).toBe(4);
    expect(m('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // No request data in any label: keys, tracking numbers, the account, secrets.
    for (const value of [first.idempotencyKey, created.body.masterTrackingNumber, second.body.masterTrackingNumber, '740561073', fedex.double.config.clientSecret]) expect(text).not.toContain(value);
  });

  it('show the calls waiting for a FedEx turn while they wait, as the admin console reads them', async () => {
    // One FedEx transaction per 10 s: each create needs two (lookup, create), so the later ones queue.
    relay = await startRelayProcess(relayEnv(fedex, { FEDEX_TRANSACTIONS_PER_10S: '1' }));
    const url = relay.url;
    await waitFor('the FedEx token', async () => (await get(`${url}/readyz`)).status === 200, 30_000, 100);
    const sent = [401, 402, 403].map((n) => postSigned(url, '/v1/shipments', createFor(n)).catch(() => undefined));
    let seen = { depth: 0, expiresIn: 0 };
    await waitFor('calls waiting in the limiter', async () => {
      const status = parsePrometheus((await get(`${url}/metrics`)).text);
      seen = { depth: status[RELAY_METRICS.limiterQueueDepth] ?? 0, expiresIn: status[RELAY_METRICS.fedexTokenExpiresInSeconds] ?? 0 };
      return seen.depth >= 2;
    }, 30_000, 50);
    expect(seen.depth).toBeLessThanOrEqual(3);
    expect(seen.expiresIn).toBeGreaterThan(0);
    // The console's own reading of the same scrape.
    const view = describeRelayStatus({ relayUrl: url, readyz: { status: 200, body: '{"ready":true,"checks":{}}' }, metrics: { status: 200, body: (await get(`${url}/metrics`)).text } });
    expect(view.fedexToken).toMatch(/^Cached, expires in \d+ min$/);
    expect(view.limiterQueue).toMatch(/^[1-3] call\(s\) waiting for a FedEx turn$/);
    await relay.kill('SIGKILL'); // the queued calls are not this test's subject: no need to wait 30 s for them
    await Promise.all(sent);
  });

  it('count a request refused for its deadline (nothing sent to FedEx) as a deadline refusal', async () => {
    // One FedEx transaction per 10 s and a 5 s deadline: after the lookup, the create's turn is too far.
    relay = await startRelayProcess(relayEnv(fedex, { FEDEX_TRANSACTIONS_PER_10S: '1', RELAY_DEADLINE_MS: '5000' }));
    const refused = await postSigned(relay.url, '/v1/shipments', createFor(201));
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('RELAY_OVERLOADED');
    const text = (await get(`${relay.url}/metrics`)).text;
    expect(metric(text, 'mlfx_relay_deadline_refusals_total', { route: '/v1/shipments' })).toBe(1);
    expect(metric(text, 'mlfx_relay_errors_total', { route: '/v1/shipments', code: 'RELAY_OVERLOADED' })).toBe(1);
    expect(metric(text, 'mlfx_relay_fedex_calls_total', { operation: 'ship.create' })).toBe(0);
    expect(fedex.double.shipmentsByCustomerReference(createFor(201).idempotencyKey)).toHaveLength(0);
  });

  it('need the bearer token when RELAY_METRICS_TOKEN is set', async () => {
    const token = 'metrics-scrape-token-0123456789';
    relay = await startRelayProcess(relayEnv(fedex, { RELAY_METRICS_TOKEN: token }));
    expect((await get(`${relay.url}/metrics`)).status).toBe(401);
    expect((await get(`${relay.url}/metrics`, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    const scrape = await get(`${relay.url}/metrics`, { authorization: `Bearer ${token}` });
    expect(scrape.status).toBe(200);
    expect(scrape.text).toContain('mlfx_relay_http_requests_total');
    expect((await get(`${relay.url}/healthz`)).status).toBe(200); // probes stay open
  });
});

describe('the OpenAPI document', () => {
  it('is served at /openapi.json by the built relay: valid OpenAPI 3, every signed route with its request schema', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    const res = await get(`${relay.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = res.json();
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
    for (const path of ['/v1/shipments', '/v1/shipments/cancel', '/v1/tracking', '/v1/ping']) expect(doc.paths[path].post.requestBody.content['application/json'].schema).toBeDefined();
    for (const path of ['/health', '/healthz', '/readyz', '/metrics']) expect(doc.paths[path].get).toBeDefined();
    // No webhook token in this relay's environment: it serves no webhook route, and lists none.
    expect(doc.paths['/webhooks/fedex/tracking']).toBeUndefined();
  });
});

describe('logs', () => {
  it('are JSON lines; every line logged while serving a request carries its id, which the caller gets back as X-Request-Id', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    await waitFor('the FedEx token', async () => (await get(`${(relay as RelayProcess).url}/readyz`)).status === 200, 30_000, 100);
    const res = await fetch(`${relay.url}/v1/shipments`, { method: 'POST', body: '{}' }); // unsigned: 401
    const refusedId = res.headers.get('x-request-id');
    const created = await postSigned(relay.url, '/v1/shipments', createFor(301));
    expect(created.status).toBe(201);
    await waitFor('the access log line', () => (relay as RelayProcess).lines.filter((l) => l.includes('"request.done"')).length >= 2);
    const lines = relay.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const byRequest = (id: unknown) => lines.filter((l) => l.requestId === id).map((l) => l.event);
    expect(refusedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byRequest(refusedId)).toEqual(['auth.refused', 'request.done']);
    const done = lines.find((l) => l.event === 'request.done' && l.status === 201) as Record<string, unknown>;
    expect(done).toMatchObject({ level: 'info', method: 'POST', route: '/v1/shipments', requestId: expect.any(String) });
    expect(byRequest(done.requestId)).toEqual(['fedex.call', 'fedex.call', 'shipment.created', 'request.done']); // lookup, create
    // Outside a request (start, the token fetched at start) there is no id to give.
    expect(lines.filter((l) => l.event === 'fedex.call' && l.operation !== 'oauth.token').every((l) => typeof l.requestId === 'string')).toBe(true);
  });
});
