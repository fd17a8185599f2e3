// The idempotency store shared by several relay instances, in Redis. Like the in-memory store it
// holds nothing durable: a lost entry only costs a FedEx lookup by reference, never a second label.
//
// One string key per idempotency key, `mlfx:idem:<key>`, holding JSON:
//   in-flight: { state, fingerprint, owner }  with a short TTL, renewed while its owner works, so the
//              claim of a crashed instance expires and a retry can go;
//   completed: { state, fingerprint, response } with the completed TTL (48 h).
// Redis's own maxmemory policy replaces the in-memory store's byte cap (every key has a TTL, so
// `volatile-lru` or `volatile-ttl` only ever drops idempotency results, oldest first).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CreateShipmentResponse } from '../../../shared/src/contract';
import type { Clock } from '../lib/clock';
import { systemClock } from '../lib/clock';
import type { IdempotencyEntry, IdempotencyStore } from './store';

export interface RedisStoreOptions {
  /** Completed entries are kept this long (NetSuite retries within hours, not days). */
  ttlMs?: number;
  /** An in-flight claim lives this long without renewal: how soon a crashed instance's claim frees the key. */
  inFlightTtlMs?: number;
  /** How often a waiting duplicate looks whether the claim it waits on has ended. */
  pollMs?: number;
  /** A waiter gives up after this long; the caller then claims again (and waits again if still held). */
  maxWaitMs?: number;
  /** For sleeps (polling, renewal). Expiry itself is Redis's clock. */
  clock?: Clock;
  prefix?: string;
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
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly ttlMs: number;
  private readonly inFlightTtlMs: number;
  private readonly pollMs: number;
  private readonly maxWaitMs: number;
  private readonly clock: Clock;
  private readonly prefix: string;
  /** Claims this instance holds: key → the exact value written, for compare-and-set. */
  private readonly owned = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    options: RedisStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 48 * 3600_000;
    this.inFlightTtlMs = options.inFlightTtlMs ?? 120_000;
    this.pollMs = options.pollMs ?? 100;
    this.maxWaitMs = options.maxWaitMs ?? 2 * this.inFlightTtlMs;
    this.clock = options.clock ?? systemClock;
    this.prefix = options.prefix ?? 'mlfx:idem:';
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

  async complete(key: string, response: CreateShipmentResponse): Promise<void> {
    const mine = this.owned.get(key);
    if (mine === undefined) return;
    this.owned.delete(key);
    const value = JSON.stringify({ state: 'completed', fingerprint: (JSON.parse(mine) as Stored).fingerprint, response } satisfies Stored);
    await this.redis.eval(COMPLETE, 1, this.prefix + key, mine, value, this.ttlMs);
  }

  async release(key: string): Promise<void> {
    const mine = this.owned.get(key);
    if (mine === undefined) return;
    this.owned.delete(key);
    await this.redis.eval(RELEASE, 1, this.prefix + key, mine);
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
