import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, startRedis, type TestRedis } from '../../../test/support/redis-server';
import { MemoryNonceStore } from './nonce-store';
import { RedisNonceStore } from './redis-nonce-store';

const seconds = () => Math.floor(Date.now() / 1000);

describe('MemoryNonceStore', () => {
  it('refuses a request signed in a second before its epoch, without using up the nonce', async () => {
    let now = 10_500;
    const store = new MemoryNonceStore(() => now);
    expect(await store.accept('n1', 9, now + 60_000)).toBe('before-epoch');
    expect(await store.accept('n1', 10, now + 60_000)).toBe('fresh');
    expect(await store.accept('n1', 10, now + 60_000)).toBe('replayed');
    now = 80_000;
    expect(await store.accept('n1', 80, now + 60_000)).toBe('fresh');
  });
});

describe.skipIf(!hasRedisServer)('RedisNonceStore across two instances', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('accepts a nonce once, on whichever instance sees it first, until it expires', async () => {
    const a = new RedisNonceStore(redis.connect());
    const b = new RedisNonceStore(redis.connect());
    expect(await a.accept('n1', seconds(), Date.now() + 60_000)).toBe('fresh');
    expect(await b.accept('n1', seconds(), Date.now() + 60_000)).toBe('replayed');
    expect(await a.accept('n1', seconds(), Date.now() + 60_000)).toBe('replayed');
    expect(await b.accept('n2', seconds(), Date.now() + 50)).toBe('fresh');
    await new Promise((r) => setTimeout(r, 80));
    expect(await a.accept('n2', seconds(), Date.now() + 50)).toBe('fresh');
  });

  it('after a wipe, refuses on every instance a request signed before the new epoch', async () => {
    const conn = redis.connect();
    const a = new RedisNonceStore(conn);
    const b = new RedisNonceStore(redis.connect());
    const signedAt = seconds();
    expect(await a.accept('w1', signedAt, Date.now() + 60_000)).toBe('fresh');
    await conn.flushall();
    await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000))); // into the next second
    expect(await b.accept('w1', signedAt, Date.now() + 60_000)).toBe('before-epoch');
    expect(await a.accept('w1', signedAt, Date.now() + 60_000)).toBe('before-epoch');
    expect(await a.accept('w2', seconds(), Date.now() + 60_000)).toBe('fresh');
    // No TTL on the set: volatile-* eviction can never drop a nonce.
    expect(await conn.pttl('mlfx:nonces')).toBe(-1);
  });
});
