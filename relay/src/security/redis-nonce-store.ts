// Nonces shared by several relay instances: a request replayed to another instance is refused too.
// One sorted set `mlfx:nonces` (member = nonce, score = when it may be forgotten) without a TTL, so
// volatile-* eviction never drops a nonce; it also holds its birth as `#epoch#<ms>` (score +inf).
// Were the set lost (FLUSHALL, Redis restarted without persistence), the epoch goes with the nonces
// and the next call starts a new one: requests signed before it are refused, never replayed.
import type { Redis } from 'ioredis';
import type { NonceStore, NonceVerdict } from './nonce-store';

// KEYS[1] set, ARGV[1] now, ARGV[2] nonce, ARGV[3] forget-at, ARGV[4] signed-at (s) → { epoch, verdict }
// The epoch check (signedBeforeEpoch in nonce-store.ts) comes before the insert, so a refused request
// does not use up its nonce.
const ACCEPT = `local found = redis.call('ZRANGEBYSCORE', KEYS[1], '+inf', '+inf', 'LIMIT', 0, 1)
local epoch
if #found > 0 then epoch = string.sub(found[1], 8) else
  epoch = ARGV[1]
  redis.call('ZADD', KEYS[1], '+inf', '#epoch#' .. epoch)
end
if tonumber(ARGV[4]) < math.floor(tonumber(epoch) / 1000) then return { epoch, 'before-epoch' } end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[2]) == 1 then return { epoch, 'fresh' } end
return { epoch, 'replayed' }`;

export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly redis: Redis,
    /** The clock `expiresAt` was computed with. */
    private readonly now: () => number = Date.now,
    private readonly key = 'mlfx:nonces',
  ) {}

  async accept(nonce: string, signedAtSeconds: number, expiresAt: number): Promise<NonceVerdict> {
    const [, verdict] = (await this.redis.eval(ACCEPT, 1, this.key, this.now(), nonce, expiresAt, signedAtSeconds)) as [string, NonceVerdict];
    return verdict;
  }
}
