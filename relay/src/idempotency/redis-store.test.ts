// Two RedisIdempotencyStores on two connections to one real redis-server: two relay instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateShipmentResponse } from '../../../shared/src/contract';
import { hasRedisServer, startRedis, type TestRedis } from '../../../test/support/redis-server';
import { RedisIdempotencyStore } from './redis-store';

const response = (key: string): CreateShipmentResponse => ({
  idempotencyKey: key,
  masterTrackingNumber: '794600000001',
  trackingNumbers: ['794600000001'],
  serviceType: 'FEDEX_GROUND',
  shipDate: '2026-11-24',
  accountNumber: '740561073',
  labels: [{ trackingNumber: '794600000001', contentType: 'application/pdf', content: 'JVBERi0=' }],
  fedexTransactionId: 't',
  replayed: false,
  notes: [],
});

describe.skipIf(!hasRedisServer)('RedisIdempotencyStore across two instances', () => {
  let redis: TestRedis;
  let a: RedisIdempotencyStore;
  let b: RedisIdempotencyStore;
  beforeAll(async () => {
    redis = await startRedis();
    a = new RedisIdempotencyStore(redis.connect(), { pollMs: 10 });
    b = new RedisIdempotencyStore(redis.connect(), { pollMs: 10 });
  });
  afterAll(() => redis?.stop());

  it('a claim on one is seen by the other; a waiting duplicate gets the first result', async () => {
    expect(await a.claim('k1', 'f')).toBeUndefined();
    const held = await b.claim('k1', 'f');
    expect(held).toMatchObject({ state: 'in-flight', fingerprint: 'f' });
    let woke = false;
    const waiting = (held as { done: Promise<void> }).done.then(() => (woke = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(woke).toBe(false);
    await a.complete('k1', response('k1'));
    await waiting;
    expect(await b.claim('k1', 'f')).toEqual({ state: 'completed', fingerprint: 'f', response: response('k1') });
    expect(await redis.connect().pttl('mlfx:idem:k1')).toBeGreaterThan(47 * 3600_000);
  });

  it('release frees the key for the other instance, and wakes its waiter', async () => {
    await a.claim('k2', 'f');
    const held = await b.claim('k2', 'f');
    await a.release('k2');
    await (held as { done: Promise<void> }).done;
    expect(await b.get('k2')).toBeUndefined();
    expect(await b.claim('k2', 'g')).toBeUndefined();
    // A's release of a key it no longer holds must not free B's claim.
    await a.release('k2');
    expect((await a.get('k2'))?.state).toBe('in-flight');
    await b.complete('k2', response('k2'));
    expect((await a.get('k2'))?.fingerprint).toBe('g');
  });

  it('a live owner keeps its claim past the in-flight TTL; a crashed one loses it', async () => {
    const conn = redis.connect();
    const crashing = new RedisIdempotencyStore(conn, { inFlightTtlMs: 300, pollMs: 10 });
    const live = new RedisIdempotencyStore(redis.connect(), { inFlightTtlMs: 300, pollMs: 10 });
    await live.claim('k3', 'f');
    await crashing.claim('k4', 'f');
    conn.disconnect(); // the instance dies: nothing renews or releases its claim
    const held = await b.claim('k4', 'f');
    expect(held?.state).toBe('in-flight');
    await (held as { done: Promise<void> }).done; // resolves when the claim expires
    await new Promise((r) => setTimeout(r, 100));
    expect((await b.get('k3'))?.state).toBe('in-flight');
    expect(await b.claim('k4', 'f')).toBeUndefined();
    await live.release('k3');
  });

  it('keeps sent-markers in one set without a TTL, with an epoch that a wipe moves forward', async () => {
    const conn = redis.connect();
    const before = Date.now();
    const first = await a.sentState('m1');
    expect(first.sent).toBe(false);
    expect(first.epoch).toBeLessThanOrEqual(Date.now());
    await a.markSent('m1');
    expect(await b.sentState('m1')).toEqual({ epoch: first.epoch, sent: true });
    expect(await conn.pttl('mlfx:sent')).toBe(-1); // never picked by volatile-* eviction
    await b.clearSent('m1');
    expect((await a.sentState('m1')).sent).toBe(false);
    await a.markSent('m2');
    await conn.flushall();
    const after = await b.sentState('m2');
    expect(after.sent).toBe(false);
    expect(after.epoch).toBeGreaterThanOrEqual(before);
    expect(after.epoch).toBeGreaterThanOrEqual(first.epoch);
    expect((await a.sentState('m2')).epoch).toBe(after.epoch);
  });

  it('a completion after the claim was taken over by another instance reports the loss', async () => {
    const conn = redis.connect();
    const slow = new RedisIdempotencyStore(conn, { inFlightTtlMs: 200, pollMs: 10 });
    await slow.claim('k5', 'f');
    await conn.del('mlfx:idem:k5'); // as if the claim had expired while the instance stalled
    expect(await b.claim('k5', 'f')).toBeUndefined();
    expect(await slow.complete('k5', response('k5'))).toBe(false);
    expect(await b.complete('k5', response('k5'))).toBe(true);
    await b.forget('k5');
    expect(await a.get('k5')).toBeUndefined();
  });
});
