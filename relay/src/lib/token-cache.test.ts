import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../test/support/virtual-clock';
import { TokenCache } from './token-cache';

function counting(clock: VirtualClock, lifetime = 3600) {
  let issued = 0;
  const cache = new TokenCache({
    clock,
    fetchToken: async () => {
      issued++;
      await clock.sleep(50);
      return { accessToken: `t${issued}`, expiresIn: lifetime };
    },
  });
  return { cache, issued: () => issued };
}

describe('TokenCache', () => {
  it('makes one token request for 500 concurrent callers at a cold start', async () => {
    const clock = new VirtualClock();
    const { cache, issued } = counting(clock);
    const tokens = await Promise.all(Array.from({ length: 500 }, () => cache.get()));
    expect(issued()).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['t1']));
  });

  it('reuses the token for its life and renews it shortly before expiry', async () => {
    const clock = new VirtualClock();
    const { cache, issued } = counting(clock);
    await cache.get();
    clock.advance(3600_000 - 121_000);
    expect(await cache.get()).toBe('t1');
    clock.advance(2_000);
    expect(await cache.get()).toBe('t2');
    expect(issued()).toBe(2);
  });

  it('drops a refused token but keeps a newer one', async () => {
    const clock = new VirtualClock();
    const { cache } = counting(clock);
    const first = await cache.get();
    cache.invalidate(first);
    const second = await cache.get();
    expect(second).toBe('t2');
    cache.invalidate(first); // a late 401 for the old token must not throw away the new one
    expect(await cache.get()).toBe('t2');
  });
});
