import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, startRedis, type TestRedis } from '../lib/redis-test-server';
import { RedisNonceStore } from './redis-nonce-store';

describe.skipIf(!hasRedisServer)('RedisNonceStore across two instances', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('accepts a nonce once, on whichever instance sees it first, until it expires', async () => {
    const a = new RedisNonceStore(redis.connect());
    const b = new RedisNonceStore(redis.connect());
    expect(await a.remember('n1', Date.now() + 60_000)).toBe(true);
    expect(await b.remember('n1', Date.now() + 60_000)).toBe(false);
    expect(await a.remember('n1', Date.now() + 60_000)).toBe(false);
    expect(await b.remember('n2', Date.now() + 50)).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(await a.remember('n2', Date.now() + 50)).toBe(true);
  });
});
