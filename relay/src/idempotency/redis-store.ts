// The idempotency store shared by several relay instances, in Redis. Like the in-memory store it
// holds nothing durable: a lost entry only costs a FedEx lookup by reference, never a second label.
//
// One string key per idempotency key, `mlfx:idem:<key>`, holding JSON:
//   in-flight: { state, fingerprint, owner }  with a short TTL, renewed while its owner works, so the
//              claim of a crashed instance expires and a retry can go;
//   completed: { state, fingerprint, response } with the completed TTL (48 h).
// Redis's own maxmemory policy replaces the in-memory store's byte cap (every result key has a TTL,
// so `volatile-lru` or `volatile-ttl` only ever drops idempotency results, oldest first).
//
// Sent-markers live apart, in one sorted set `mlfx:sent` (member = key, score = when its create was
// sent; trimmed past sentTtlMs) without a TTL, so volatile-* eviction never takes one. The set also
// holds its own birth as the member `#epoch#<ms>` (score +inf): were the set ever lost (FLUSHALL, a
// Redis without persistence restarting, allkeys-* eviction), the epoch goes with the markers and
// the next call starts a new one, so the relay knows it forgot and reconciles instead of trusting.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CreateShipmentResponse } from '../../../shared/src/contract';
import type { Clock } from '../lib/clock';
import { systemClock } from '../lib/clock';
import type { IdempotencyEntry, IdempotencyStore } from './store';
import { DEFAULT_SENT_TTL_MS } from './store';

export interface RedisStoreOptions {
  /** Completed entries are kept this long (NetSuite retries within hours, not days). */
  ttlMs?: number;
  /** An in-flight claim lives this long without renewal: how soon a crashed instance's claim frees the key. */
  inFlightTtlMs?: number;
  /** How often a waiting duplicate looks whether the claim it waits on has ended. */
  pollMs?: number;
  /** A waiter gives up after this long; the caller then claims again (and waits again if still held). */
  maxWaitMs?: number;
  /** How long a sent-marker is kept (default 48 h). */
  sentTtlMs?: number;
  /** For sleeps (polling, renewal) and marker times. Expiry itself is Redis's clock. */
  clock?: Clock;
  prefix?: string;
  /** The sorted set of sent-markers (default `mlfx:sent`). */
  sentKey?: string;
}

type Stored =
  | { state: 'in-flight'; fingerprint: string; owner: string }
  | { state: 'completed'; fingerprint: string; response: CreateShipmentResponse };

// Compare-and-set/delete: only the claim this instance wrote may be completed or released, never a
// claim another instance took after ours expired. A completion also lands on an empty key (ours
// expired and nobody claimed it): the label exists, so its result is worth keeping.
const COMPLETE = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or not v then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
// Shared by the sent-marker scripts: the set's epoch, created if the set is new (or was lost).
// '#' cannot occur in an idempotency key, so the epoch member never collides with one.
const EPOCH = `local function epoch(key, now)
  local found = redis.call('ZRANGEBYSCORE', key, '+inf', '+inf', 'LIMIT', 0, 1)
  if #found > 0 then return string.sub(found[1], 8) end
  redis.call('ZADD', key, '+inf', '#epoch#' .. now)
  return now
end
`;
// KEYS[1] markers, ARGV[1] now, ARGV[2] key → { epoch, 1 if sent }
const SENT_STATE = `${EPOCH}
local e = epoch(KEYS[1], ARGV[1])
local s = redis.call('ZSCORE', KEYS[1], ARGV[2])
if s then return { e, 1 } end
return { e, 0 }`;
// KEYS[1] markers, ARGV[1] now, ARGV[2] key, ARGV[3] drop markers sent before this → epoch
const MARK_SENT = `${EPOCH}
local e = epoch(KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
return e`;
// Only a completed result is dropped: an in-flight claim belongs to a request still running.
const FORGET = `local v = redis.call('GET', KEYS[1])
if v and string.find(v, '"state":"completed"', 1, true) then return redis.call('DEL', KEYS[1]) end
return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly ttlMs: number;
  private readonly inFlightTtlMs: number;
  private readonly pollMs: number;
  private readonly maxWaitMs: number;
  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly sentKey: string;
  readonly sentTtlMs: number;
  /** Claims this instance holds: key → the exact value written, for compare-and-set. */
  private readonly owned = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    options: RedisStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 48 * 3600_000;
    // Longer than a create's deadline (40 s): a live owner renews anyway, a crashed one frees the key within a minute.
    this.inFlightTtlMs = options.inFlightTtlMs ?? 60_000;
    this.pollMs = options.pollMs ?? 100;
    this.maxWaitMs = options.maxWaitMs ?? 2 * this.inFlightTtlMs;
    this.clock = options.clock ?? systemClock;
    this.prefix = options.prefix ?? 'mlfx:idem:';
    this.sentKey = options.sentKey ?? 'mlfx:sent';
    this.sentTtlMs = options.sentTtlMs ?? DEFAULT_SENT_TTL_MS;
  }

  async get(key: string): Promise<IdempotencyEntry | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw === null ? undefined : this.toEntry(key, raw);
  }

  async claim(key: string, fingerprint: string): Promise<IdempotencyEntry | undefined> {
    const value = JSON.stringify({ state: 'in-flight', fingerprint, owner: randomUUID() } satisfies Stored);
    for (;;) {
      if ((await this.redis.set(this.prefix + key, value, 'PX', this.inFlightTtlMs, 'NX')) === 'OK') {
        this.owned.set(key, value);
        void this.renewWhileOwned(key, value);
        return undefined;
      }
      const raw = await this.redis.get(this.prefix + key);
      if (raw !== null) return this.toEntry(key, raw);
      // Released or expired between SET and GET: try to claim again.
    }
  }

  async complete(key: string, response: CreateShipmentResponse): Promise<boolean> {
    const mine = this.owned.get(key);
    if (mine === undefined) return false;
    this.owned.delete(key);
    const value = JSON.stringify({ state: 'completed', fingerprint: (JSON.parse(mine) as Stored).fingerprint, response } satisfies Stored);
    return (await this.redis.eval(COMPLETE, 1, this.prefix + key, mine, value, this.ttlMs)) === 1;
  }

  async release(key: string): Promise<void> {
    const mine = this.owned.get(key);
    if (mine === undefined) return;
    this.owned.delete(key);
    await this.redis.eval(RELEASE, 1, this.prefix + key, mine);
  }

  async forget(key: string): Promise<void> {
    await this.redis.eval(FORGET, 1, this.prefix + key);
  }

  async sentState(key: string): Promise<{ epoch: number; sent: boolean }> {
    const [epoch, sent] = (await this.redis.eval(SENT_STATE, 1, this.sentKey, this.clock.now(), key)) as [string, number];
    return { epoch: Number(epoch), sent: sent === 1 };
  }

  async markSent(key: string): Promise<void> {
    const now = this.clock.now();
    await this.redis.eval(MARK_SENT, 1, this.sentKey, now, key, now - this.sentTtlMs);
  }

  async clearSent(key: string): Promise<void> {
    await this.redis.zrem(this.sentKey, key);
  }

  private toEntry(key: string, raw: string): IdempotencyEntry {
    const stored = JSON.parse(raw) as Stored;
    if (stored.state === 'completed') return stored;
    // Polling starts only when someone reads `done` (a 409 on a conflicting fingerprint never does).
    let done: Promise<void> | undefined;
    const wait = () => (done ??= this.waitForChange(key, raw));
    return {
      state: 'in-flight',
      fingerprint: stored.fingerprint,
      get done() {
        return wait();
      },
    };
  }

  /**
   * Resolves once the key no longer holds this in-flight value (completed, released or expired),
   * or after maxWaitMs. Polling rather than pub/sub: no second connection, nothing to miss. A Redis
   * error also resolves it: the caller's next claim then reports that error.
   */
  private async waitForChange(key: string, raw: string): Promise<void> {
    const deadline = this.clock.now() + this.maxWaitMs;
    try {
      while (this.clock.now() < deadline) {
        await this.clock.sleep(this.pollMs);
        if ((await this.redis.get(this.prefix + key)) !== raw) return;
      }
    } catch {
      return;
    }
  }

  /**
   * A slow create (FedEx retries, reconciliation, a queue at the rate limiter) may outlast the
   * in-flight TTL: the owner extends its claim every third of it, so only a dead instance's claim
   * expires. Stops when the claim is completed or released, or Redis stops answering.
   */
  private async renewWhileOwned(key: string, value: string): Promise<void> {
    try {
      for (;;) {
        await this.clock.sleep(this.inFlightTtlMs / 3);
        if (this.owned.get(key) !== value) return;
        if ((await this.redis.eval(RENEW, 1, this.prefix + key, value, this.inFlightTtlMs)) !== 1) return;
      }
    } catch {
      return;
    }
  }
}
