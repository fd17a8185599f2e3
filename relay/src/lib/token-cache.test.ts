import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../test/support/virtual-clock';
import { TokenCache } from './token-cache';

function counting(clock: VirtualClock, lifetime = 3600, failFirst = 0) {
  let issued = 0;
  let calls = 0;
  const cache = new TokenCache({
    clock,
    fetchToken: async () => {
      calls++;
      await clock.sleep(50);
      if (calls <= failFirst) throw new Error('token endpoint down');
      issued++;
      return { accessToken: `t${issued}`, expiresIn: lifetime };
    },
  });
  return { cache, issued: () => issued, calls: () => calls };
}

describe('TokenCache', () => {
  it('makes one token request for 500 concurrent callers at a cold start', async () => {
    const clock = new VirtualClock();
    const { cache, issued } = counting(clock);
    const tokens = await Promise.all(Array.from({ length: 500 }, () => cache.get()));
    expect(issued()).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['t1']));
  });

  it('inside the renewal margin answers with the current token at once and renews it behind the caller', async () => {
    const clock = new VirtualClock();
    const { cache, issued } = counting(clock);
    await cache.get();
    clock.advance(3600_000 - 121_000);
    expect(await cache.get()).toBe('t1');
    clock.advance(2_000); // 119 s left: renewal starts, the caller does not wait for it
    expect(await cache.get()).toBe('t1');
    await clock.sleep(100);
    expect(await cache.get()).toBe('t2');
    expect(issued()).toBe(2);
  });

  it('says how long the held token has left, 0 before the first and after it lapses', async () => {
    const clock = new VirtualClock();
    const { cache } = counting(clock);
    expect(cache.expiresInSeconds()).toBe(0);
    await cache.get(); // issued after the fetch's 50 ms, for 3600 s
    expect(cache.expiresInSeconds()).toBe(3600);
    clock.advance(1_500);
    expect(cache.expiresInSeconds()).toBe(3598);
    clock.advance(3600_000);
    expect(cache.expiresInSeconds()).toBe(0);
  });

  it('waits for a new token rather than hand out one about to lapse', async () => {
    const clock = new VirtualClock();
    const { cache, issued } = counting(clock);
    await cache.get();
    clock.advance(3600_000 - 5_000);
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

  it('start(): fetched before any call (ready), renewed before each expiry, retried after failures', async () => {
    const clock = new VirtualClock(0);
    const { cache, issued, calls } = counting(clock, 3600, 2);
    expect(cache.ready()).toBe(false);
    await cache.start(); // two failures, retried after 1 s and 2 s
    expect(calls()).toBe(3);
    expect(cache.ready()).toBe(true);
    expect(await cache.get()).toBe('t1');
    // Three hours on: renewed 2 minutes before each expiry, with no caller asking.
    await clock.sleep(3 * 3600_000);
    expect(issued()).toBe(4);
    expect(cache.ready()).toBe(true);
    const before = issued();
    expect(await cache.get()).toBe(`t${before}`);
    expect(issued()).toBe(before); // the caller did not wait for a fetch
    cache.stop();
  });

  it('renews halfway through a token issued for less than twice the margin, not in a loop', async () => {
    const clock = new VirtualClock(0);
    const { cache, issued } = counting(clock, 60);
    await cache.start();
    await clock.sleep(10 * 60_000);
    cache.stop();
    // One token per ~30 s over 10 minutes, not one per loop turn.
    expect(issued()).toBeGreaterThanOrEqual(19);
    expect(issued()).toBeLessThanOrEqual(22);
  });
});
