import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../test/support/virtual-clock';
import { MinIntervalLimiter, SlidingWindowLimiter } from './limiter';

describe('SlidingWindowLimiter', () => {
  it('never lets more than the limit start in any window, and queues the rest in order', async () => {
    const clock = new VirtualClock(0);
    const limiter = new SlidingWindowLimiter(100, 10_000, clock);
    const starts: number[] = [];
    const order: number[] = [];
    // 350 calls arriving over 5 virtual seconds.
    await Promise.all(
      Array.from({ length: 350 }, async (_, i) => {
        await clock.sleep(i * 14);
        await limiter.acquire();
        starts.push(clock.now());
        order.push(i);
      }),
    );
    expect(starts).toHaveLength(350);
    starts.sort((a, b) => a - b);
    for (let i = 0; i + 100 < starts.length; i++) {
      expect(starts[i + 100]! - starts[i]!).toBeGreaterThanOrEqual(10_000);
    }
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // 350 calls at 100 per 10 s need just over 30 s: queued, not failed, not slower than needed.
    expect(starts.at(-1)).toBeLessThan(31_000);
  });
});

describe('MinIntervalLimiter', () => {
  it('spaces starts by the interval', async () => {
    const clock = new VirtualClock(0);
    const limiter = new MinIntervalLimiter(2_000, clock);
    const starts: number[] = [];
    await Promise.all([1, 2, 3, 4].map(async () => {
      await limiter.acquire();
      starts.push(clock.now());
    }));
    expect(starts).toEqual([0, 2_000, 4_000, 6_000]);
  });
});
