// Nonces shared by several relay instances: a request replayed to another instance is refused too.
import type { Redis } from 'ioredis';
import type { NonceStore } from './nonce-store';

export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly redis: Redis,
    /** The clock `expiresAt` was computed with: only the remaining lifetime goes to Redis. */
    private readonly now: () => number = Date.now,
    private readonly prefix = 'mlfx:nonce:',
  ) {}

  async remember(nonce: string, expiresAt: number): Promise<boolean> {
    // SET NX is the check and the insert in one step; PX lets Redis forget it after the window.
    const ttl = Math.max(1, Math.ceil(expiresAt - this.now()));
    return (await this.redis.set(this.prefix + nonce, '1', 'PX', ttl, 'NX')) === 'OK';
  }
}
