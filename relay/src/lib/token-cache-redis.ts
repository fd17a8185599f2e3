// One OAuth token for every relay instance, kept in Redis. Guarantees: at most one instance asks the
// issuer for a token at a time (a lock in Redis; the others wait briefly and read what it stored),
// so N instances starting together cost one token request; the token is stored encrypted (JWE,
// dir + A256GCM) with a key derived from the client secret, which only the relay holds, so Redis
// (its backups, its MONITOR) never holds a usable FedEx token.
//
// Expiry is the key's TTL on Redis's clock, read back with PTTL: instances whose clocks disagree
// still agree on how long the token has left.
import { createHash, hkdfSync, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { compactDecrypt, CompactEncrypt } from 'jose';
import type { Clock } from './clock';
import type { HeldToken, IssuedToken, TokenSource, TokenWanted } from './token-cache';

export interface RedisTokenSourceOptions {
  redis: Redis;
  /** Names the token (e.g. the FedEx client id); hashed in key names. */
  name: string;
  /** Secret the encryption key is derived from (the client secret: every instance has it, Redis does not). */
  secret: string;
  /** Asks the issuer for a new token (FedexClient's token request, under its own limiter). */
  fetchToken: () => Promise<IssuedToken>;
  clock: Clock;
  /** Lock lifetime: a holder that dies frees it after this long. Default 15 s. */
  lockMs?: number;
  /** How often a waiting instance looks for the token the lock holder stores. Default 50 ms. */
  pollMs?: number;
  /** How long an instance waits on another's refresh before giving up. Default 20 s. */
  waitMs?: number;
}

// Deletes the key only while it holds the value this instance saw (never someone else's newer one).
const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisTokenSource implements TokenSource {
  private readonly tokenKey: string;
  private readonly lockKey: string;
  private readonly key: Uint8Array;
  private readonly kid: string;
  /** The stored form of the token this instance last read or wrote, for invalidate's compare-and-delete. */
  private stored: { token: string; jwe: string } | undefined;

  constructor(private readonly options: RedisTokenSourceOptions) {
    const id = createHash('sha256').update(options.name).digest('hex').slice(0, 16);
    this.tokenKey = `mlfx:token:${id}`;
    this.lockKey = `mlfx:token-lock:${id}`;
    this.key = new Uint8Array(hkdfSync('sha256', options.secret, 'mlfx-relay', `token-cache:${options.name}`, 32));
    // Names the key without revealing it: a secret rotated on one instance first reads as "absent".
    this.kid = createHash('sha256').update(this.key).digest('hex').slice(0, 12);
  }

  async obtain(want: TokenWanted): Promise<HeldToken> {
    const fits = (held: HeldToken | undefined): boolean => !!held && held.token !== want.replacing && held.expiresAt > want.validAt;
    const { clock } = this.options;
    const giveUpAt = clock.now() + (this.options.waitMs ?? 20_000);
    const owner = randomUUID();
    for (;;) {
      const shared = await this.read();
      if (shared && fits(shared)) return shared;
      const locked = await this.options.redis.set(this.lockKey, owner, 'PX', this.options.lockMs ?? 15_000, 'NX');
      if (locked === 'OK') {
        try {
          const again = await this.read(); // renewed by another instance between our read and our lock
          if (again && fits(again)) return again;
          return await this.issueAndStore();
        } finally {
          await this.options.redis.eval(DELETE_IF_EQUAL, 1, this.lockKey, owner);
        }
      }
      if (clock.now() >= giveUpAt) {
        if (shared && shared.expiresAt > clock.now()) return shared; // renewal is late, the old token still works
        throw new Error('FedEx token: another relay instance holds the renewal lock and stored no token in time');
      }
      await clock.sleep(this.options.pollMs ?? 50);
    }
  }

  async invalidate(token: string): Promise<void> {
    if (this.stored?.token !== token) return;
    await this.options.redis.eval(DELETE_IF_EQUAL, 1, this.tokenKey, this.stored.jwe);
    this.stored = undefined;
  }

  private async issueAndStore(): Promise<HeldToken> {
    const issued = await this.options.fetchToken();
    const lifetimeMs = issued.expiresIn * 1000;
    const held = { token: issued.accessToken, expiresAt: this.options.clock.now() + lifetimeMs };
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ token: issued.accessToken })))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: this.kid })
      .encrypt(this.key);
    await this.options.redis.set(this.tokenKey, jwe, 'PX', lifetimeMs);
    this.stored = { token: issued.accessToken, jwe };
    return held;
  }

  /** The shared token and its expiry on the local clock, or undefined (absent, or not readable with our key). */
  private async read(): Promise<HeldToken | undefined> {
    const results = await this.options.redis.multi().get(this.tokenKey).pttl(this.tokenKey).exec();
    const jwe = results?.[0]?.[1];
    const ttl = Number(results?.[1]?.[1]);
    if (typeof jwe !== 'string' || !(ttl > 0)) return undefined;
    try {
      const { plaintext, protectedHeader } = await compactDecrypt(jwe, this.key);
      if (protectedHeader.kid !== this.kid) return undefined;
      const { token } = JSON.parse(new TextDecoder().decode(plaintext)) as { token?: unknown };
      if (typeof token !== 'string') return undefined;
      this.stored = { token, jwe };
      return { token, expiresAt: this.options.clock.now() + ttl };
    } catch {
      return undefined; // written with another key (secret rotated): treated as absent and replaced
    }
  }
}
