// What a caller can make the relay hold is bounded: body sizes, slow and idle sockets, connections,
// JSON depth; Redis down fails fast and recovers by itself; a webhook push is applied once; the
// relay shuts down gracefully under load; no secret reaches its log. The relay runs as production
// runs it (node relay/dist/index.js), configured only by its environment.
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis-server';
import type { RunningFedexDouble } from '../fedex-double';
import { createFor, freePort, liveFor, postSigned, PROCESS_SECRET, relayEnv, send, startDoubleServer, startRelayProcess, endTest, waitFor, type RelayProcess } from '../support/relay-process';
import { signedHeaders } from '../support/relay-signing';

let fedex: RunningFedexDouble;
let relay: RelayProcess | undefined;
beforeAll(async () => {
  fedex = await startDoubleServer();
});
afterEach(async (ctx) => {
  await endTest(ctx.task.result?.state === 'fail', relay, fedex);
  relay = undefined;
});
afterAll(() => fedex?.close());

/** A raw TCP client: what it sent, what came back, and when the server closed it. */
function rawClient(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const opened = Date.now();
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', () => undefined); // a reset is one way of being cut off
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - opened)));
    socket.once('connect', () => ok({ socket, received: () => data, closed }));
    socket.once('error', fail);
  });
}

describe('bodies, sockets and connections', () => {
  it('refuses a 500 MB body with 413 from its Content-Length alone, before reading it, and closes the connection', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    for (const path of ['/v1/shipments', '/webhooks/fedex/tracking', '/v1/tracking', '/anything']) {
      const client = await rawClient(relay.port);
      client.socket.write(`POST ${path} HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: ${500 * 1024 * 1024}\r\n\r\n`);
      client.socket.write('{"a":'); // and nothing more: the relay must not wait for the rest
      const closedAfterMs = await client.closed;
      expect(client.received(), path).toMatch(/^HTTP\/1\.1 413 /);
      expect(client.received(), path).toContain('"code":"INVALID_REQUEST"');
      expect(closedAfterMs, path).toBeLessThan(5_000);
      if (path === '/v1/shipments') console.info(`[fault] 500 MB declared: 413 and connection closed after ${closedAfterMs} ms`);
    }
  });

  it('cuts off a chunked body as soon as it passes the limit', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    const client = await rawClient(relay.port);
    client.socket.write('POST /v1/shipments HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = 'x'.repeat(64 * 1024);
    // Stop writing once the answer arrives, as a client does: writing on into a socket the relay has
    // closed gets the connection reset, and a reset can discard the answer before it is read.
    for (let i = 0; i < 40 && !client.socket.destroyed && client.received() === ''; i++) {
      client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      await new Promise((next) => setImmediate(next));
    }
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('cuts off a client that trickles its body, and one that never sends a request', async () => {
    relay = await startRelayProcess(relayEnv(fedex, { RELAY_REQUEST_TIMEOUT_MS: '2000' }));
    // Correctly signed, so the relay does read the body (an unsigned one is refused before that).
    const body = JSON.stringify(createFor(3));
    const headers = Object.entries(signedHeaders(PROCESS_SECRET, 'POST', '/v1/shipments', body)).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    const trickle = await rawClient(relay.port);
    trickle.socket.write(`POST /v1/shipments HTTP/1.1\r\nHost: relay\r\n${headers}Content-Length: ${body.length}\r\n\r\n`);
    let sent = 0;
    const drip = setInterval(() => trickle.socket.writable && sent < body.length && trickle.socket.write(body[sent++] as string), 300);
    const idle = await rawClient(relay.port);
    try {
      const [trickleMs, idleMs] = await Promise.all([trickle.closed, idle.closed]);
      // Request timeout 2 s, checked every second: well before 10 s, never the 5 minutes of Node's default.
      expect(trickleMs).toBeGreaterThanOrEqual(2_000);
      expect(trickleMs).toBeLessThan(10_000);
      expect(trickle.received()).not.toMatch(/HTTP\/1\.1 (2|401)/);
      expect(idleMs).toBeLessThan(10_000);
      console.info(`[fault] slow body cut off after ${trickleMs} ms, idle socket after ${idleMs} ms (request timeout 2 s)`);
    } finally {
      clearInterval(drip);
    }
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  });

  it('holds no more connections than its cap, and answers /healthz again once idle ones are cut', async () => {
    relay = await startRelayProcess(relayEnv(fedex, { RELAY_MAX_CONNECTIONS: '20', RELAY_REQUEST_TIMEOUT_MS: '2000' }));
    const clients = await Promise.all(Array.from({ length: 60 }, () => rawClient((relay as RelayProcess).port)));
    const closedAt = await Promise.all(clients.map((c) => c.closed));
    // Beyond the cap sockets are dropped at once; the others when their headers timeout passes.
    expect(closedAt.filter((ms) => ms < 1_000).length).toBeGreaterThanOrEqual(40);
    expect(Math.max(...closedAt)).toBeLessThan(10_000);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    console.info(`[fault] 60 idle connections, cap 20: ${closedAt.filter((ms) => ms < 1_000).length} dropped at once, all closed within ${Math.max(...closedAt)} ms`);
  });

  it('answers a 10,000-level nested field with 400, not a crash', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    const deep = `${'{"x":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const body = `${JSON.stringify(createFor(1)).slice(0, -1)},"extra":${deep}}`;
    const res = await send(relay.url, '/v1/shipments', body, signedHeaders(PROCESS_SECRET, 'POST', '/v1/shipments', body));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/nested deeper than 32 levels/);
    expect(relay.lines.some((l) => l.includes('request.crashed'))).toBe(false);
  });

  it('does not log a client that hangs up mid-request as a crash', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    const body = JSON.stringify(createFor(7));
    const headers = signedHeaders(PROCESS_SECRET, 'POST', '/v1/shipments', body);
    const client = await rawClient(relay.port);
    client.socket.write(`POST /v1/shipments HTTP/1.1\r\nHost: relay\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}Content-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`);
    await new Promise((r) => setTimeout(r, 300));
    client.socket.destroy();
    await new Promise((r) => setTimeout(r, 500));
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    expect(relay.lines.filter((l) => l.includes('request.crashed') || l.includes('"stack"'))).toEqual([]);
  });
});

describe('readiness', () => {
  it('/readyz waits for a FedEx token and names why there is none; /healthz answers all along', async () => {
    relay = await startRelayProcess(relayEnv(fedex, { FEDEX_CLIENT_SECRET: 'not-the-fedex-client-secret' }));
    const refused = await fetch(`${relay.url}/readyz`);
    expect(refused.status).toBe(503);
    const { checks } = (await refused.json()) as { checks: Record<string, string> };
    expect(checks['fedex-token']).toMatch(/FedEx refused the token request \(HTTP 401\)/);
    expect(JSON.stringify(checks)).not.toContain('not-the-fedex-client-secret');
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    await relay.kill('SIGKILL');

    // With good credentials the token is fetched at start, before any request needs it.
    relay = await startRelayProcess(relayEnv(fedex));
    await waitFor('/readyz to turn ready', async () => (await fetch(`${(relay as RelayProcess).url}/readyz`)).status === 200, 30_000, 100);
    const ready = (await (await fetch(`${relay.url}/readyz`)).json()) as { checks: Record<string, string> };
    expect(ready.checks['fedex-token']).toBe('ok');
    expect(fedex.double.stats.tokenRequests.ok).toBe(1);
    expect(fedex.double.stats.transactions.total).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('under load: stops accepting, finishes every in-flight create, closes idle sockets and exits', async () => {
    relay = await startRelayProcess(relayEnv(fedex, { RELAY_SHUTDOWN_GRACE_MS: '20000' }));
    fedex.double.faults.setLatency(1_000, 'ship');
    const idle = await rawClient(relay.port); // a keep-alive client with nothing to ask
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: relay\r\n\r\n');
    const requests = Array.from({ length: 20 }, (_, i) => createFor(5000 + i, Date.now() - 60_000));
    const inFlight = requests.map((req) => postSigned((relay as RelayProcess).url, '/v1/shipments', req));
    await waitFor('every create to be in flight at FedEx', () => fedex.double.stats.transactions.byEndpoint['ship.create'] >= 20, 15_000);
    const stopping = relay.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const refused = await postSigned(relay.url, '/v1/shipments', createFor(5999));
    const answers = await Promise.all(inFlight);
    const { exitCode, ms } = await stopping;
    expect(refused.status).toBe(0); // no longer accepting
    expect(answers.map((a) => a.status)).toEqual(requests.map(() => 201));
    expect(exitCode).toBe(0);
    expect(ms).toBeLessThan(20_000);
    expect(await idle.closed).toBeGreaterThan(0);
    for (const [i, req] of requests.entries()) expect(liveFor(fedex, req.idempotencyKey)).toEqual([answers[i]?.body.masterTrackingNumber]);
    expect(relay.lines.some((l) => l.includes('"relay.stopped"') && l.includes('"forced":false'))).toBe(true);
    console.info(`[fault] SIGTERM with 20 creates in flight (FedEx 1 s): all 20 answered 201, exit after ${ms} ms`);
  });
});

describe.skipIf(!hasRedisServer)('Redis down and back', () => {
  let redis: TestRedis | undefined;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(() => redis?.stop());

  it('fails closed within seconds with a clear error, /readyz says why, and it recovers without a restart', async () => {
    redis = await startRedis({ port });
    relay = await startRelayProcess(relayEnv(fedex, { REDIS_URL: redis.url as string }));
    expect((await postSigned(relay.url, '/v1/shipments', createFor(6001))).status).toBe(201);
    await redis.stop();
    const started = Date.now();
    const down = await postSigned(relay.url, '/v1/shipments', createFor(6002));
    const failedAfterMs = Date.now() - started;
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'RELAY_UNAVAILABLE', retryable: true });
    expect(down.body.error.message).toMatch(/Redis/);
    expect(failedAfterMs).toBeLessThan(5_000);
    const ready = await fetch(`${relay.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.redis).not.toBe('ok');
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200); // alive: no restart needed
    expect(fedex.double.shipmentsByCustomerReference('NS1234567-IF6002')).toHaveLength(0);

    redis = await startRedis({ port }); // back, and empty (no persistence)
    const back = Date.now();
    await waitFor('/readyz to turn ready', async () => (await fetch(`${(relay as RelayProcess).url}/readyz`)).status === 200, 30_000, 100);
    const recoveredMs = Date.now() - back;
    const after = await postSigned(relay.url, '/v1/shipments', createFor(6002));
    expect(after.status).toBe(201);
    expect(liveFor(fedex, 'NS1234567-IF6002')).toHaveLength(1);
    console.info(`[fault] Redis down: create refused after ${failedAfterMs} ms; Redis back: ready after ${recoveredMs} ms`);
  });
});

describe('webhooks and secrets', () => {
  const TOKEN = 'webhook-token-never-in-a-log-0123456789';
  let restlet: Server;
  let restletCalls = 0;
  let restletUrl: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlfx-secrets-'));
    restlet = createServer((req, res) => {
      restletCalls++;
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ applied: 1, unchanged: 0, unknown: [] })));
    });
    await new Promise<void>((ok) => restlet.listen(0, '127.0.0.1', () => ok()));
    restletUrl = `http://127.0.0.1:${(restlet.address() as { port: number }).port}/app/site/hosting/restlet.nl?script=1&deploy=1`;
  });
  afterAll(() => {
    restlet?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const TBA = { consumerSecret: 'tba-consumer-secret-never-logged', tokenSecret: 'tba-token-secret-never-logged' };
  const METRICS_TOKEN = 'metrics-token-never-logged-0123456789';

  async function relayWithSecretsAtRest(): Promise<{ relay: RelayProcess; secrets: string[] }> {
    // The FedEx client secret and the HMAC secret in an encrypted env file, the webhook token and a
    // TBA secret as mounted files: nothing in plain text in the environment.
    const dotenvx = await import('@dotenvx/dotenvx');
    const unique = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const envFile = join(dir, `relay-${unique}.env`);
    const keys = join(dir, `relay-${unique}.keys`);
    const base = relayEnv(fedex);
    const quiet = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await dotenvx.set('FEDEX_CLIENT_SECRET', base.FEDEX_CLIENT_SECRET as string, { path: envFile, envKeysFile: keys });
      await dotenvx.set('RELAY_SHARED_SECRET', base.RELAY_SHARED_SECRET as string, { path: envFile, envKeysFile: keys });
    } finally {
      process.stdout.write = quiet;
    }
    const privateKey = /DOTENV_PRIVATE_KEY[^=]*="?([0-9a-f]{64})/.exec((await import('node:fs')).readFileSync(keys, 'utf8'))?.[1] as string;
    rmSync(keys);
    writeFileSync(join(dir, 'webhook_token'), `${TOKEN}\n`);
    writeFileSync(join(dir, 'tba_token_secret'), `${TBA.tokenSecret}\n`);
    writeFileSync(join(dir, 'metrics_token'), `${METRICS_TOKEN}\n`);
    const started = await startRelayProcess({
      FEDEX_BASE_URL: base.FEDEX_BASE_URL as string,
      FEDEX_CLIENT_ID: base.FEDEX_CLIENT_ID as string,
      RELAY_ENV_FILE: envFile,
      DOTENV_PRIVATE_KEY: privateKey,
      FEDEX_WEBHOOK_SECURITY_TOKEN_FILE: join(dir, 'webhook_token'),
      NETSUITE_ACCOUNT_ID: '1234567_SB1',
      NETSUITE_RESTLET_URL: restletUrl,
      NETSUITE_AUTH: 'tba',
      NETSUITE_CONSUMER_KEY: 'tba-consumer-key',
      NETSUITE_CONSUMER_SECRET: TBA.consumerSecret,
      NETSUITE_TOKEN_ID: 'tba-token-id',
      NETSUITE_TOKEN_SECRET_FILE: join(dir, 'tba_token_secret'),
      RELAY_METRICS_TOKEN_FILE: join(dir, 'metrics_token'),
      // Every line the relay can write, debug included.
      LOG_LEVEL: 'debug',
    });
    return { relay: started, secrets: [base.FEDEX_CLIENT_SECRET as string, base.RELAY_SHARED_SECRET as string, TOKEN, TBA.consumerSecret, TBA.tokenSecret, privateKey, METRICS_TOKEN] };
  }

  it('acknowledges a replayed push without calling NetSuite again; a new event is applied', async () => {
    const started = await relayWithSecretsAtRest();
    relay = started.relay;
    const created = await postSigned(relay.url, '/v1/shipments', createFor(8001));
    expect(created.status).toBe(201);
    const url = `${relay.url}/webhooks/fedex/tracking`;
    const before = restletCalls;
    const push = await fedex.double.pushTrackingWebhook({ url, trackingNumber: created.body.masterTrackingNumber, securityToken: TOKEN });
    expect(push.status).toBe(200);
    expect(restletCalls).toBe(before + 1);
    // The same signed bytes again (FedEx retrying, or someone replaying a captured push).
    const replay = await send(relay.url, '/webhooks/fedex/tracking', push.rawBody, { 'content-type': 'application/json', 'fdx-signature': push.signature });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ accepted: 0, duplicate: true });
    expect(restletCalls).toBe(before + 1);
    const next = await fedex.double.pushTrackingWebhook({ url, trackingNumber: created.body.masterTrackingNumber, securityToken: TOKEN });
    expect(next.status).toBe(200);
    expect(restletCalls).toBe(before + 2);
  });

  it('never writes a secret into a log line, whatever happens', async () => {
    const started = await relayWithSecretsAtRest();
    relay = started.relay;
    const url = relay.url;
    await postSigned(url, '/v1/shipments', createFor(9001)); // a create: FedEx token, label
    await postSigned(url, '/v1/shipments', createFor(9002), 'a-wrong-secret-of-at-least-32-chars-long'); // refused
    fedex.double.expireTokens(); // FedEx answers 401, the relay renews
    await postSigned(url, '/v1/shipments', createFor(9003));
    fedex.double.faults.dropResponseAfterCreate(2); // unclear answers, reconciliation
    await postSigned(url, '/v1/shipments', createFor(9004));
    fedex.double.faults.failNext(20, 503, 'any'); // FedEx down
    await postSigned(url, '/v1/tracking', { shipments: [{ trackingNumber: '794600000010' }] });
    fedex.double.faults.clear();
    await fedex.double.pushTrackingWebhook({ url: `${url}/webhooks/fedex/tracking`, trackingNumber: (await postSigned(url, '/v1/shipments', createFor(9005))).body.masterTrackingNumber, securityToken: TOKEN });
    await send(url, '/webhooks/fedex/tracking', '{}', { 'content-type': 'application/json', 'fdx-signature': 'forged' });
    await fetch(`${url}/v1/shipments`, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
    await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token' } }); // refused
    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    await relay.kill('SIGTERM');
    const log = relay.lines.join('\n');
    expect(relay.lines.length).toBeGreaterThan(10);
    expect(relay.lines.filter((l) => l.includes('"level":"debug"')).length).toBeGreaterThan(0);
    for (const line of relay.lines) expect(() => JSON.parse(line), line).not.toThrow();
    for (const secret of started.secrets) expect(log.includes(secret), `a secret of ${secret.length} characters is in the log`).toBe(false);
    expect(metrics).toContain('mlfx_relay_webhook_pushes_total{outcome="applied"} 1');
    for (const secret of started.secrets) expect(metrics.includes(secret), `a secret of ${secret.length} characters is in /metrics`).toBe(false);
    // Nor a FedEx access token, nor a signature.
    expect(log).not.toMatch(/Bearer [A-Za-z0-9._-]{20,}/);
    expect(log).not.toMatch(/v1=[0-9a-f]{64}/);
  });
});
