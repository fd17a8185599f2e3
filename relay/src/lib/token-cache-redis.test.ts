// One FedEx token for several relay instances, through a real redis-server: in one process (one
// connection per instance) and across processes (the built relay, as users run it).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../shared/src/test-fixtures';
import { ManualClock, startFedexDouble } from '../../../test/fedex-double';
import { signedHeaders } from '../../../test/support/relay-signing';
import { systemClock } from './clock';
import { hasRedisServer, startRedis, type TestRedis } from '../../../test/support/redis-server';
import { TokenCache } from './token-cache';
import { RedisTokenSource } from './token-cache-redis';

const SECRET = 'fedex-client-secret-of-the-relay';

function instance(redis: TestRedis, fetchToken: () => Promise<{ accessToken: string; expiresIn: number }>, secret = SECRET, timing: { refreshMarginMs?: number; minValidityMs?: number } = {}) {
  const source = new RedisTokenSource({ redis: redis.connect(), name: 'fedex-client-id', secret, fetchToken, clock: systemClock, pollMs: 10 });
  return new TokenCache({ clock: systemClock, source, ...timing });
}

describe.skipIf(!hasRedisServer)('RedisTokenSource: one token shared by instances', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis({ port: await freePort() });
  });
  afterAll(() => redis?.stop());

  it('four instances starting together make one token request; Redis holds it only encrypted', async () => {
    await redis.connect().flushall();
    let requests = 0;
    const fetchToken = async () => {
      requests++;
      await new Promise((r) => setTimeout(r, 100)); // the others arrive while it is in flight
      return { accessToken: `fedex-access-token-${requests}`, expiresIn: 3600 };
    };
    const caches = Array.from({ length: 4 }, () => instance(redis, fetchToken));
    await Promise.all(caches.map((c) => c.start()));
    expect(requests).toBe(1);
    expect(await Promise.all(caches.map((c) => c.get()))).toEqual(new Array(4).fill('fedex-access-token-1'));
    expect(caches.every((c) => c.ready())).toBe(true);
    caches.forEach((c) => c.stop());

    const conn = redis.connect();
    const [key] = await conn.keys('mlfx:token:*');
    const stored = String(await conn.get(key!));
    expect(stored.split('.')).toHaveLength(5); // JWE compact serialization
    expect(JSON.parse(Buffer.from(stored.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'dir', enc: 'A256GCM' });
    expect(stored).not.toContain('fedex-access-token');
    expect(await conn.pttl(key!)).toBeGreaterThan(3_590_000);
    // A relay with another key cannot read it: it asks FedEx for its own rather than use garbage.
    const stranger = instance(redis, fetchToken, 'another-secret');
    expect(await stranger.get()).toBe('fedex-access-token-2');
  });

  it('a 401 on one instance drops the shared token; the next instance to ask gets the new one without a request of its own', async () => {
    await redis.connect().flushall();
    let requests = 0;
    const fetchToken = async () => ({ accessToken: `t${++requests}`, expiresIn: 3600 });
    const [a, b] = [instance(redis, fetchToken), instance(redis, fetchToken)];
    expect(await a.get()).toBe('t1');
    expect(await b.get()).toBe('t1');
    a.invalidate('t1');
    await new Promise((r) => setTimeout(r, 50));
    expect(await a.get()).toBe('t2');
    b.invalidate('t1'); // b saw the 401 later: it must not delete t2
    expect(await b.get()).toBe('t2');
    expect(requests).toBe(2);
  });

  it('renewal before expiry: one instance renews, the others pick the new token up', async () => {
    await redis.connect().flushall();
    let requests = 0;
    // Tokens of 2 s, renewed 1 s before expiry: the renewal is due 1 s after the start.
    const fetchToken = async () => ({ accessToken: `short-${++requests}`, expiresIn: 2 });
    const caches = Array.from({ length: 3 }, () => instance(redis, fetchToken, SECRET, { refreshMarginMs: 1_000, minValidityMs: 100 }));
    await Promise.all(caches.map((c) => c.start()));
    await new Promise((r) => setTimeout(r, 1_600));
    caches.forEach((c) => c.stop());
    expect(requests).toBe(2);
    expect(new Set(await Promise.all(caches.map((c) => c.get())))).toEqual(new Set(['short-2']));
  });

  it('across processes: three built relays on one Redis make one FedEx token request between them', async () => {
    await redis.connect().flushall();
    // FedEx's clock on the sample requests' ship day: a relay just started looks each key up by
    // reference first, and FedEx refuses a lookup window that ends in its future.
    const fedex = await startFedexDouble({ clock: new ManualClock(Date.UTC(2026, 10, 24, 15)) });
    const relays: { child: ChildProcess; url: string; ready: Promise<void> }[] = [];
    try {
      for (let i = 0; i < 3; i++) relays.push(await startRelay(fedex.url, redis.url!));
      await Promise.all(relays.map((r) => r.ready));
      expect(fedex.double.stats.tokenRequests.total).toBe(1);
      // Each relay calls FedEx with the shared token.
      const statuses = await Promise.all(
        relays.map(async (r, i) => {
          const text = JSON.stringify({ ...sampleRequest(), idempotencyKey: `shared-token-${i}` });
          const res = await fetch(`${r.url}/v1/shipments`, { method: 'POST', body: text, headers: signedHeaders(RELAY_SECRET, 'POST', '/v1/shipments', text) });
          return res.status;
        }),
      );
      expect(statuses).toEqual([201, 201, 201]);
      expect(fedex.double.stats.tokenRequests.total).toBe(1);
      expect(fedex.double.stats.shipmentsCreated).toBe(3);
    } finally {
      await Promise.all(relays.map((r) => stopChild(r.child)));
      await fedex.close();
    }
  }, 90_000);
});

const RELAY_SECRET = 'relay-test-shared-secret-0123456789abcdef';

/** The built relay (relay/dist/index.js); resolves once it listens, with `ready` resolving when it holds a FedEx token. */
async function startRelay(fedexUrl: string, redisUrl: string): Promise<{ child: ChildProcess; url: string; ready: Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../dist/index.js')], {
    env: {
      PATH: process.env.PATH,
      FEDEX_BASE_URL: fedexUrl,
      FEDEX_CLIENT_ID: 'fedex-double-client-id',
      FEDEX_CLIENT_SECRET: 'fedex-double-client-secret',
      FEDEX_ACCOUNT_NUMBER: '740561073',
      RELAY_SHARED_SECRET: RELAY_SECRET,
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let listening!: () => void;
  let tokenReady!: () => void;
  const listened = new Promise<void>((r) => (listening = r));
  const ready = new Promise<void>((r) => (tokenReady = r));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.includes('"relay.listening"')) listening();
    if (line.includes('"fedex.token.ready"')) tokenReady();
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`relay exited with ${code}`))));
  await Promise.race([listened, exited]);
  return { child, url: `http://127.0.0.1:${port}`, ready: Promise.race([ready, exited]) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
