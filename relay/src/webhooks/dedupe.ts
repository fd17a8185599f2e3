// Webhook pushes already applied in NetSuite: a repeat (FedEx retries a push it got no 2xx for, 3
// times over 15 minutes; a captured push replayed) is acknowledged without calling NetSuite again.
// A push is recorded as applied only once NetSuite took it, so a failed one stays retryable; while
// one delivery is being applied, a concurrent copy is asked to come back later (503).
// Losing an entry (restart, eviction) only costs one more RESTlet call that changes nothing.
import type { Redis } from 'ioredis';

export type DedupeVerdict = 'new' | 'applied' | 'in-progress';

export interface WebhookDedupe {
  /** 'new' makes the caller the owner: it must then call applied() or failed(). */
  begin(id: string): Promise<DedupeVerdict>;
  applied(id: string): Promise<void>;
  failed(id: string): Promise<void>;
}

/** FedEx's retry window (15 minutes) with a wide margin, for replays too. */
export const DEDUPE_WINDOW_MS = 24 * 3600_000;
/** A delivery being applied is held this long at most (longer than a NetSuite call's timeout). */
export const IN_PROGRESS_MS = 60_000;

export class MemoryWebhookDedupe implements WebhookDedupe {
  /** id → state and expiry; insertion order is age order. */
  private readonly entries = new Map<string, { state: 'applied' | 'in-progress'; until: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 200_000,
  ) {}

  async begin(id: string): Promise<DedupeVerdict> {
    const now = this.now();
    const held = this.entries.get(id);
    if (held && held.until > now) return held.state;
    this.set(id, 'in-progress', now + IN_PROGRESS_MS);
    return 'new';
  }

  async applied(id: string): Promise<void> {
    this.set(id, 'applied', this.now() + DEDUPE_WINDOW_MS);
  }

  async failed(id: string): Promise<void> {
    if (this.entries.get(id)?.state === 'in-progress') this.entries.delete(id);
  }

  private set(id: string, state: 'applied' | 'in-progress', until: number): void {
    this.entries.delete(id);
    this.entries.set(id, { state, until });
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

export class RedisWebhookDedupe implements WebhookDedupe {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'mlfx:webhook:',
  ) {}

  async begin(id: string): Promise<DedupeVerdict> {
    if ((await this.redis.set(this.prefix + id, 'in-progress', 'PX', IN_PROGRESS_MS, 'NX')) === 'OK') return 'new';
    const state = await this.redis.get(this.prefix + id);
    if (state === 'applied') return 'applied';
    if (state === 'in-progress') return 'in-progress';
    return this.begin(id); // expired between the two calls
  }

  async applied(id: string): Promise<void> {
    await this.redis.set(this.prefix + id, 'applied', 'PX', DEDUPE_WINDOW_MS);
  }

  async failed(id: string): Promise<void> {
    await this.redis.eval(`if redis.call('GET', KEYS[1]) == 'in-progress' then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.prefix + id);
  }
}
