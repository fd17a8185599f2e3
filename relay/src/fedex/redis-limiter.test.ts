// The Redis limiters with two instances (two connections) against a real redis-server. The window
// is Redis's clock, so these wait in real time: small limits, windows of 100-150 ms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock';
import { hasRedisServer, startRedis, type TestRedis } from '../lib/redis-test-server';
import type { Limiter } from './limiter';
import { createRedisFedexLimiters, RedisMinIntervalLimiter, RedisSlidingWindowLimiter } from './redis-limiter';

/** Each limiter acquires `perLimiter` times, all at once; returns every start time, sorted. */
async function startsOf(limiters: Limiter[], perLimiter: number): Promise<number[]> {
  const starts: number[] = [];
  await Promise.all(limiters.flatMap((l) => Array.from({ length: perLimiter }, async () => {
    await l.acquire();
    starts.push(performance.now());
  })));
  return starts.sort((x, y) => x - y);
}

// Start times are read after Redis decided, on a loaded test machine: allow event-loop jitter. A
// limiter that did not share its count would start the extra calls at once, 0 ms apart.
const JITTER_MS = 50;

describe.skipIf(!hasRedisServer)('Redis limiters across two instances', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('sliding window: at most N starts in any window across both, the rest queued, not dropped', async () => {
    const [limit, windowMs] = [2, 150];
    const a = new RedisSlidingWindowLimiter(redis.connect(), 'mlfx:limit:test-api', limit, windowMs, systemClock);
    const b = new RedisSlidingWindowLimiter(redis.connect(), 'mlfx:limit:test-api', limit, windowMs, systemClock);
    const starts = await startsOf([a, b], 3);
    expect(starts).toHaveLength(6);
    for (let i = 0; i + limit < starts.length; i++) {
      expect(starts[i + limit]! - starts[i]!).toBeGreaterThanOrEqual(windowMs - JITTER_MS);
    }
    // 6 starts at 2 per 150 ms: three windows' worth, two waits; no slower than needed.
    expect(starts[1]! - starts[0]!).toBeLessThan(windowMs - JITTER_MS);
    expect(starts[5]! - starts[0]!).toBeLessThan(2 * windowMs + 300);
  });

  it('token spacing: one start per interval across both instances', async () => {
    const intervalMs = 100;
    const a = new RedisMinIntervalLimiter(redis.connect(), 'mlfx:limit:test-oauth', intervalMs, systemClock);
    const b = new RedisMinIntervalLimiter(redis.connect(), 'mlfx:limit:test-oauth', intervalMs, systemClock);
    const starts = await startsOf([a, b], 2);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(intervalMs - JITTER_MS);
    expect(starts[3]! - starts[0]!).toBeLessThan(3 * intervalMs + 300);
  });

  it('names its keys by group and client id', async () => {
    const conn = redis.connect();
    const limiters = createRedisFedexLimiters(conn, 'client-1', systemClock, { transactionsPerWindow: 5, windowMs: 1_000, tokenIntervalMs: 1_000 });
    await limiters.api.acquire();
    await limiters.oauth.acquire();
    expect(await conn.zcard('mlfx:limit:fedex-api:client-1')).toBe(1);
    expect(await conn.pttl('mlfx:limit:fedex-oauth:client-1')).toBeGreaterThan(0);
  });
});
