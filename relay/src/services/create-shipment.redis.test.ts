// Two relay instances sharing one Redis, in front of one FedEx: the same shipment request sent to
// both at once buys exactly one label, and a signed request cannot be replayed to the other instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../shared/src/test-fixtures';
import { createFedexDouble, type FedexDouble } from '../../../test/fedex-double';
import { signedHeaders } from '../../../test/support/relay-signing';
import { VirtualClock } from '../../../test/support/virtual-clock';
import { FedexClient } from '../fedex/client';
import { FEDEX_LIMITS } from '../fedex/limiter';
import { createRedisFedexLimiters } from '../fedex/redis-limiter';
import { RedisIdempotencyStore } from '../idempotency/redis-store';
import { systemClock } from '../lib/clock';
import { createApp } from '../lib/create-app';
import { silentLogger } from '../lib/logger';
import { hasRedisServer, startRedis, type TestRedis } from '../../../test/support/redis-server';
import { RedisNonceStore } from '../security/redis-nonce-store';

const SECRET = 'relay-test-shared-secret-0123456789abcdef';

// The relays run on real time (their waits are polls of Redis); FedEx's time is the double's.
function relayInstance(redis: TestRedis, double: FedexDouble<VirtualClock>) {
  const conn = redis.connect();
  const fedex = new FedexClient({
    baseUrl: double.baseUrl,
    clientId: double.config.clientId,
    clientSecret: double.config.clientSecret,
    clock: systemClock,
    limiters: createRedisFedexLimiters(conn, double.config.clientId, systemClock, { ...FEDEX_LIMITS, tokenIntervalMs: 100 }),
    fetch: double.fetch as typeof fetch,
  });
  return createApp({
    fedex,
    store: new RedisIdempotencyStore(conn, { pollMs: 20 }),
    nonces: new RedisNonceStore(conn),
    clock: systemClock,
    log: silentLogger,
    sharedSecret: SECRET,
  });
}

describe.skipIf(!hasRedisServer)('two relay instances sharing Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('the same shipment sent to both at once creates one FedEx shipment; both answer with it', async () => {
    const double = createFedexDouble({ clock: new VirtualClock(Date.UTC(2026, 10, 24, 15)) });
    double.faults.setLatency(150, 'ship'); // the first create is still in flight when the second arrives
    const [one, two] = [relayInstance(redis, double), relayInstance(redis, double)];
    const send = async (app: typeof one) => {
      const text = JSON.stringify(sampleRequest());
      const res = await app.request('/v1/shipments', { method: 'POST', body: text, headers: signedHeaders(SECRET, 'POST', '/v1/shipments', text) });
      return { status: res.status, body: (await res.json()) as { masterTrackingNumber: string; replayed: boolean } };
    };
    const [a, b] = await Promise.all([send(one), send(two)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.masterTrackingNumber).toBe(b.body.masterTrackingNumber);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    expect(double.stats.shipmentsCreatedByCustomerReference[sampleRequest().idempotencyKey]).toBe(1);
  });

  it('refuses on one instance a signed request already accepted by the other', async () => {
    const double = createFedexDouble({ clock: new VirtualClock(Date.UTC(2026, 10, 24, 15)) });
    const [one, two] = [relayInstance(redis, double), relayInstance(redis, double)];
    const text = JSON.stringify({ ...sampleRequest(), idempotencyKey: 'IF-REPLAY-1' });
    const headers = signedHeaders(SECRET, 'POST', '/v1/shipments', text);
    expect((await one.request('/v1/shipments', { method: 'POST', body: text, headers })).status).toBe(201);
    expect((await two.request('/v1/shipments', { method: 'POST', body: text, headers })).status).toBe(401);
  });
});
