// The FedEx limiters of limiter.ts, shared by several relay instances through Redis, under the same
// group names: `mlfx:limit:fedex-api:<clientId>` and `mlfx:limit:fedex-oauth:<clientId>`.
// Guarantees: calls start at least the pacing interval apart across every instance, in the order
// they reached Redis; a call whose turn would come past its deadline is refused without a turn.
//
// Time: slots are reserved on Redis's clock (TIME inside the script); an instance only sleeps for
// the duration Redis names, and a duration means the same on every clock, so instances whose clocks
// disagree still share one line.
import type { Redis } from 'ioredis';
import type { Clock } from '../lib/clock';
import type { AcquireOptions, FedexLimiters, FedexLimits, Limiter, PacingOptions } from './limiter';
import { allowedWaitMs, FEDEX_LIMITS, overloaded, PAUSE_AFTER_429_MS, pacingIntervalMs, Slowdown } from './limiter';

// GCRA: the key holds the theoretical arrival time (TAT) in ms with microsecond decimals. A call gets
// slot max(now, TAT) unless that is more than ARGV[2] ms away; then TAT = slot + interval.
// Returns {1, wait} (go after `wait` ms) or {0, wait} (refused: the wait it would have had).
// Numbers travel as strings formatted with %.3f: Lua's tostring keeps 14 digits, too few for epoch
// milliseconds with decimals. Needs Redis >= 5 (TIME before a write replicates by effects).
const GCRA = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, tat)
local wait = slot - now
if wait > tonumber(ARGV[2]) then return {0, string.format('%.3f', wait)} end
local nextTat = slot + interval
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 1000)
return {1, string.format('%.3f', wait)}`;

// After a 429: every instance's next turn waits ARGV[1] ms more (FedEx's window is full right now).
const PAUSE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0')) + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.3f', tat), 'PX', math.ceil(tat - now) + 1000)
return 0`;

// One start per interval: whoever sets the key may go; the others wait out its TTL.
const MIN_INTERVAL = `if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
return math.max(1, redis.call('PTTL', KEYS[1]))`;

const DEFAULT_RESERVE_MS = 5_000;
const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * GCRA pacing across every instance sharing `key`: each call reserves the next turn on Redis's clock
 * and sleeps until it. (Unlike the in-memory PacedLimiter, turns are reserved ahead, so an instance
 * whose event loop stalls sends its due calls together when it resumes: the guard band covers that.
 * A call woken too late for its deadline by such a stall is refused then, still before sending.)
 */
export class RedisPacedLimiter implements Limiter {
  private readonly slowdown = new Slowdown();
  private readonly reserveMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    readonly intervalMs: number,
    private readonly clock: Clock,
    options: PacingOptions = {},
  ) {
    if (!(intervalMs > 0)) throw new Error('RedisPacedLimiter: intervalMs must be above 0');
    this.reserveMs = options.reserveMs ?? DEFAULT_RESERVE_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  }

  async acquire(options: AcquireOptions = {}): Promise<void> {
    const askedAt = this.clock.now();
    const allowed = allowedWaitMs(askedAt, options, this.reserveMs, this.maxWaitMs);
    const interval = this.intervalMs * this.slowdown.factor(askedAt);
    const [granted, wait] = (await this.redis.eval(GCRA, 1, this.key, interval.toFixed(6), Math.min(1e12, Math.max(-1, allowed)).toFixed(3))) as [number, string];
    const waitMs = Number(wait);
    if (granted !== 1) throw overloaded(waitMs, allowed, interval);
    if (waitMs > 0) await this.clock.sleep(waitMs);
    const waited = this.clock.now() - askedAt;
    if (waited > allowed) throw overloaded(waited, allowed, interval);
  }

  rateLimited(): void {
    if (!this.slowdown.hit(this.clock.now())) return;
    // Best effort: a Redis failure here only loses the pause.
    this.redis.eval(PAUSE, 1, this.key, PAUSE_AFTER_429_MS).catch(() => undefined);
  }
}

/** At least `intervalMs` between starts across every instance sharing `key`, callers of one instance in order. */
export class RedisMinIntervalLimiter implements Limiter {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = Number(await this.redis.eval(MIN_INTERVAL, 1, this.key, this.intervalMs));
        if (wait <= 0) return;
        await this.clock.sleep(wait);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/** createFedexLimiters, shared through Redis: FedEx's budgets are per project and per IP, not per instance. */
export function createRedisFedexLimiters(redis: Redis, clientId: string, clock: Clock, limits: FedexLimits = FEDEX_LIMITS, pacing: PacingOptions = {}): FedexLimiters {
  return {
    oauth: new RedisMinIntervalLimiter(redis, `mlfx:limit:fedex-oauth:${clientId}`, limits.tokenIntervalMs, clock),
    api: new RedisPacedLimiter(redis, `mlfx:limit:fedex-api:${clientId}`, pacingIntervalMs(limits), clock, pacing),
  };
}
