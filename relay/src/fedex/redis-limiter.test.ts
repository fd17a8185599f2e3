// The Redis limiters with two instances (two connections) against a real redis-server. Turns are
// on Redis's clock, so these wait in real time: intervals of 40-100 ms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock';
import { hasRedisServer, startRedis, type TestRedis } from '../../../test/support/redis-server';
import type { Limiter } from './limiter';
import { createRedisFedexLimiters, RedisMinIntervalLimiter, RedisPacedLimiter } from './redis-limiter';

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

  it('pacing: starts spaced by the interval across both instances, in one line; a turn past the deadline is refused at once', async () => {
    const intervalMs = 40;
    const a = new RedisPacedLimiter(redis.connect(), 'mlfx:limit:test-api', intervalMs, systemClock);
    const b = new RedisPacedLimiter(redis.connect(), 'mlfx:limit:test-api', intervalMs, systemClock);
    const starts = await startsOf([a, b], 5);
    expect(starts).toHaveLength(10);
    // Ten turns of 40 ms take 360 ms from the first: neither instance went on its own count.
    expect(starts[9]! - starts[0]!).toBeGreaterThanOrEqual(9 * intervalMs - JITTER_MS);
    expect(starts[9]! - starts[0]!).toBeLessThan(9 * intervalMs + 300);
    // A deadline that leaves less time than the line is long: refused without waiting, and without a turn.
    const line = Array.from({ length: 5 }, () => a.acquire());
    const asked = performance.now();
    const refusal = await b.acquire({ deadlineAt: Date.now() + 100, reserveMs: 0 }).catch((e: unknown) => e);
    expect(performance.now() - asked).toBeLessThan(JITTER_MS * 2);
    expect(refusal).toMatchObject({ status: 503, code: 'RELAY_OVERLOADED', retryable: true });
    await Promise.all(line);
  });

  it('a turn that a stalled event loop wakes too late for its deadline is refused then, before anything is sent', async () => {
    // A clock whose sleeps overrun by 5 s: the process stalled while the call waited for its turn.
    let stalled = 0;
    const stalling = { now: () => Date.now() + stalled, sleep: async (ms: number) => { await systemClock.sleep(ms); stalled += 5_000; } };
    const limiter = new RedisPacedLimiter(redis.connect(), 'mlfx:limit:test-stall', 40, stalling);
    await limiter.acquire(); // takes the free turn: the next one waits
    const refusal = await limiter.acquire({ deadlineAt: stalling.now() + 2_000, reserveMs: 1_000 }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ status: 503, code: 'RELAY_OVERLOADED', retryable: true });
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
    const limiters = createRedisFedexLimiters(conn, 'client-1', systemClock, { transactionsPerWindow: 5, windowMs: 1_000, guardMs: 0, tokenIntervalMs: 1_000 });
    await limiters.api.acquire();
    await limiters.oauth.acquire();
    // The next free slot (GCRA's theoretical arrival time), on Redis's clock, expiring once passed.
    expect(Number(await conn.get('mlfx:limit:fedex-api:client-1'))).toBeGreaterThan(0);
    expect(await conn.pttl('mlfx:limit:fedex-api:client-1')).toBeGreaterThan(0);
    expect(await conn.pttl('mlfx:limit:fedex-oauth:client-1')).toBeGreaterThan(0);
  });
});
