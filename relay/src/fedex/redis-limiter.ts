// The FedEx limiters of limiter.ts, shared by several relay instances through Redis, under the same
// group names: `mlfx:limit:fedex-api:<clientId>` and `mlfx:limit:fedex-oauth:<clientId>`.
//
// Time: every window and interval is measured on Redis's clock (TIME inside the script, PX expiry),
// so instances whose clocks disagree still agree on the window. The injected Clock only sleeps for
// the durations Redis names; a duration means the same on both clocks.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../lib/clock';
import type { FedexLimiters, FedexLimits, Limiter } from './limiter';
import { FEDEX_LIMITS } from './limiter';

// A sliding log of start times in a sorted set (score = Redis time in ms). Returns 0 when this call
// may start (and records it), else how long until the oldest start leaves the window.
// Needs Redis >= 5 (TIME before a write in a script replicates by effects).
const SLIDING_WINDOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now + 1)`;

// One start per interval: whoever sets the key may go; the others wait out its TTL.
const MIN_INTERVAL = `if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
return math.max(1, redis.call('PTTL', KEYS[1]))`;

/** Queues this instance's callers in order (FIFO within an instance), one Redis attempt at a time. */
abstract class ChainedLimiter implements Limiter {
  private queue: Promise<void> = Promise.resolve();

  constructor(protected readonly clock: Clock) {}

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** 0 when the caller may start now, else milliseconds to wait before asking again. */
  protected abstract tryStart(): Promise<number>;

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const wait = await this.tryStart();
      if (wait <= 0) return;
      await this.clock.sleep(wait);
    }
  }
}

/** At most `limit` starts in any `windowMs`, counted across every instance sharing `key`. */
export class RedisSlidingWindowLimiter extends ChainedLimiter {
  private readonly instance = randomUUID();
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly limit: number,
    private readonly windowMs: number,
    clock: Clock,
  ) {
    super(clock);
    if (!(limit > 0) || !(windowMs > 0)) throw new Error('RedisSlidingWindowLimiter: limit and windowMs must be above 0');
  }

  protected async tryStart(): Promise<number> {
    // Members must be unique: two starts in the same millisecond are two entries.
    return Number(await this.redis.eval(SLIDING_WINDOW, 1, this.key, this.limit, this.windowMs, `${this.instance}:${this.seq++}`));
  }
}

/** At least `intervalMs` between starts across every instance sharing `key`. */
export class RedisMinIntervalLimiter extends ChainedLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly intervalMs: number,
    clock: Clock,
  ) {
    super(clock);
  }

  protected async tryStart(): Promise<number> {
    return Number(await this.redis.eval(MIN_INTERVAL, 1, this.key, this.intervalMs));
  }
}

/** createFedexLimiters, shared through Redis: FedEx's budgets are per project and per IP, not per instance. */
export function createRedisFedexLimiters(redis: Redis, clientId: string, clock: Clock, limits: FedexLimits = FEDEX_LIMITS): FedexLimiters {
  return {
    oauth: new RedisMinIntervalLimiter(redis, `mlfx:limit:fedex-oauth:${clientId}`, limits.tokenIntervalMs, clock),
    // The same guard band as the in-memory limiter, for skew between Redis's clock and FedEx's.
    api: new RedisSlidingWindowLimiter(redis, `mlfx:limit:fedex-api:${clientId}`, limits.transactionsPerWindow, limits.windowMs + 250, clock),
  };
}
